"""Operating flowcharts: steps kept as data, drawn as an accessible SVG."""
