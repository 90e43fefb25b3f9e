"""权力清单和责任清单, 行政审批制度改革 and 行政裁量权基准 (work plan point 四): every agency's powers with their
legal basis and responsibilities, each change recorded so the list can be shown as it stood on any day, and
for penalty powers the discretion benchmark with its public calculator."""
