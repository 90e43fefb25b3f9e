"""Saving a flowchart with its steps in one transaction: step numbers unique, every outcome leading to a step of
the chart or to 结束, the chart's agency one the editor keeps charts for, and a power's chart under its agency."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction

from zhengwu.cases.errors import ActionForbidden, ActionRefused
from zhengwu.orgs.models import holds

from ..models import END, FlowStep

ARROW = re.compile(r"\s*(?:->|→|=>)\s*")


def parse_branches(text: str) -> list[dict]:
    """"材料齐全 → 2" per line (the outcome, then the step it leads to, or 结束). A line without an arrow leads to
    the step it names. Errors name the line, in Chinese."""
    branches = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        parts = ARROW.split(line)
        if len(parts) > 2 or not parts[-1].strip():
            raise ValidationError(f"第 {number} 行应写作“结果 → 环节编号”，如“材料齐全 → 2”或“不予受理 → 结束”。")
        label, target = (parts[0].strip(), parts[1].strip()) if len(parts) == 2 else ("", parts[0].strip())
        branches.append({"label": label, "to": target})
    return branches


def format_branches(branches) -> str:
    return "\n".join(f"{b['label']} → {b['to']}" if b.get("label") else b["to"] for b in branches or [])


@transaction.atomic
def save_flowchart(chart, actor, steps: list[dict]):
    """`steps`: [{"key", "name", "actor", "time_limit", "branches"}] in order."""
    if not holds(actor, chart.agency, "powers.flowcharts"):
        raise ActionForbidden(f"您没有维护{chart.agency.name}权力运行流程图的权限。")
    if chart.power_id and chart.power.agency_id != chart.agency_id:
        raise ActionRefused("行政权力事项的流程图应由该事项的实施机关维护。")
    if not steps:
        raise ActionRefused("流程图至少要有一个环节。")
    keys = [step["key"] for step in steps]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise ActionRefused(f"环节编号重复：{'、'.join(repeated)}。")
    for step in steps:
        unknown = [b["to"] for b in step["branches"] if b["to"] != END and b["to"] not in keys]
        if unknown:
            raise ActionRefused(f"环节 {step['key']} 的结果去向中没有这些环节编号：{'、'.join(unknown)}（办结请写“结束”）。")
    chart.save()
    chart.steps.all().delete()
    FlowStep.objects.bulk_create([FlowStep(flowchart=chart, position=n, **step) for n, step in enumerate(steps)])
    return chart
