"""Draw a flowchart from its steps as an SVG the screen reader can read (role="img", <title>, <desc>) beside the
ordered list of steps the page shows as its text alternative. Steps stand in one column in their order; an
outcome leading to the next step is an arrow down, one leading elsewhere runs along a lane on the left, and one
ending the process is a terminal on the right with the outcome written in it."""

from dataclasses import dataclass

from django.utils.html import escape

from ..models import END

BOX_W, LINE_H, PAD, GAP = 300, 20, 10, 46
LANE_W, LABEL_W, END_GAP, END_W = 14, 132, 46, 150
CHARS = 20  # CJK characters per line in a box (14 px type)


def wrap(text: str, width: int) -> list[str]:
    text = " ".join(str(text).split())
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


@dataclass
class Edge:
    source: int
    target: int | None  # None: the process ends
    label: str


def edges_of(steps) -> list[Edge]:
    """Where each step leads: its branches, or the next step (the last one ends)."""
    index = {step.key: i for i, step in enumerate(steps)}
    edges = []
    for i, step in enumerate(steps):
        branches = step.branches or [{"label": "", "to": steps[i + 1].key if i + 1 < len(steps) else END}]
        for branch in branches:
            edges.append(Edge(i, index.get(branch["to"]), branch.get("label", "")))
    return edges


def describe(title: str, steps) -> str:
    """The whole chart in words (the SVG's <desc>)."""
    names = {step.key: step.name for step in steps}
    parts = []
    for step in steps:
        limit = f"，时限{step.time_limit}" if step.time_limit else ""
        leads = "；".join(f"{b['label'] + '：' if b.get('label') else ''}{'结束' if b['to'] == END else '转' + names.get(b['to'], b['to'])}"
                         for b in step.branches)
        parts.append(f"第{step.key}步{step.name}，由{step.actor}办理{limit}{'。' + leads if leads else ''}")
    return f"{title}，共{len(steps)}个环节：" + "。".join(parts) + "。"


def render(title: str, steps, element_id: str = "flowchart") -> str:
    steps = list(steps)
    edges = edges_of(steps)
    jumps = [e for e in edges if e.target is not None and e.target != e.source + 1]
    lanes = len(jumps)
    x0 = 20 + lanes * LANE_W + (LABEL_W if jumps else 0)
    cx = x0 + BOX_W / 2
    ends_right = [e for e in edges if e.target is None and (e.label or e.source != len(steps) - 1)]
    width = x0 + BOX_W + (END_GAP + END_W + 20 if ends_right else 20)
    out, y = [], 10
    out.append(f'<rect x="{cx - 40}" y="{y}" width="80" height="30" rx="15" class="fc-term"/>'
               f'<text x="{cx}" y="{y + 20}" text-anchor="middle">开始</text>')
    y += 30
    tops, bottoms = [], []
    for step in steps:
        y += GAP
        lines = [(f"{step.key}. {step.name}", True), *[(line, False) for line in wrap("承办：" + step.actor, CHARS)]]
        if step.time_limit:
            lines += [(line, False) for line in wrap("时限：" + step.time_limit, CHARS)]
        height = 2 * PAD + LINE_H * len(lines)
        out.append(f'<rect x="{x0}" y="{y}" width="{BOX_W}" height="{height}" rx="4" class="fc-step"/>')
        for n, (line, bold) in enumerate(lines):
            weight = ' font-weight="bold"' if bold else ""
            out.append(f'<text x="{x0 + PAD}" y="{y + PAD + LINE_H * n + 15}"{weight}>{escape(line)}</text>')
        tops.append(y)
        bottoms.append(y + height)
        y += height
    out.append(_arrow([(cx, 40), (cx, tops[0] if tops else 40 + GAP)]))
    lane, end_slots = 0, {}
    for edge in edges:
        top, bottom = tops[edge.source], bottoms[edge.source]
        if edge.target == edge.source + 1:
            out.append(_arrow([(cx, bottom), (cx, tops[edge.target])]))
            out.extend(_label(cx + 8, bottom + 18, edge.label, "start", 14))
        elif edge.target is None and edge in ends_right:
            slot = end_slots.get(edge.source, 0)
            end_slots[edge.source] = slot + 1
            ey = top + 6 + slot * 40
            ex = x0 + BOX_W + END_GAP
            text = wrap(edge.label or "结束", 10)[:2]
            out.append(_arrow([(x0 + BOX_W, ey + 15), (ex, ey + 15)]))
            out.append(f'<rect x="{ex}" y="{ey}" width="{END_W}" height="{16 + 16 * len(text)}" rx="14" class="fc-term"/>')
            for n, line in enumerate(text):
                out.append(f'<text x="{ex + END_W / 2}" y="{ey + 20 + 16 * n}" text-anchor="middle" font-size="13">'
                           f'{escape(line)}</text>')
        elif edge.target is None:
            end_y = y + GAP
            out.append(_arrow([(cx, bottom), (cx, end_y)]))
            out.append(f'<rect x="{cx - 40}" y="{end_y}" width="80" height="30" rx="15" class="fc-term"/>'
                       f'<text x="{cx}" y="{end_y + 20}" text-anchor="middle">结束</text>')
            y = end_y + 30
        else:
            lx = 20 + lane * LANE_W
            sy = top + 12 + (lane % 3) * 8
            ty = tops[edge.target] + 20 + (lane % 3) * 8
            out.append(_arrow([(x0, sy), (lx, sy), (lx, ty), (x0, ty)]))
            out.extend(_label(x0 - 4, sy - 4, edge.label, "end", 10))
            lane += 1
    height = max(y, max(bottoms, default=0)) + 20
    desc = describe(title, steps)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width:g} {height:g}" '
            f'width="{width:g}" height="{height:g}" aria-labelledby="{element_id}-title {element_id}-desc" '
            f'class="flowchart" font-family="sans-serif" font-size="14" fill="#1a1a1a">'
            f'<title id="{element_id}-title">{escape(title)}</title><desc id="{element_id}-desc">{escape(desc)}</desc>'
            '<defs><marker id="fc-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" '
            'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#1a1a1a"/></marker></defs>'
            '<style>.fc-step{fill:#fff;stroke:#1d4f91;stroke-width:2}.fc-term{fill:#eef3fa;stroke:#1d4f91;'
            'stroke-width:1.5}.fc-edge{fill:none;stroke:#1a1a1a;stroke-width:1.5}</style>'
            + "".join(out) + "</svg>")


def _arrow(points) -> str:
    path = " ".join(f"{x:g},{y:g}" for x, y in points)
    return f'<polyline points="{path}" class="fc-edge" marker-end="url(#fc-arrow)"/>'


def _label(x, y, text, anchor, width) -> list[str]:
    if not text:
        return []
    return [f'<text x="{x:g}" y="{y + 14 * n:g}" text-anchor="{anchor}" font-size="12">{escape(line)}</text>'
            for n, line in enumerate(wrap(text, width)[:2])]
