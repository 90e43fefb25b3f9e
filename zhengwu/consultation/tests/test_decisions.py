"""The major-decision catalog: published items by year and agency, each stage's progress, on the page and the API."""

import datetime

import pytest

from zhengwu.consultation import actions
from zhengwu.consultation.models import DecisionItem, Stage, StageStatus

pytestmark = pytest.mark.django_db


def item(desk, agency, year, title, *, publish=True, stages=None, actor=None, approver=None):
    record = DecisionItem(agency=agency, year=year, title=title, legal_basis="《重大行政决策程序暂行条例》",
                          planned=f"{year}年12月")
    actions.save_decision(record, actor=actor or desk.editor, stages=stages or {})
    if publish:
        actions.submit_decision(record, actor=actor or desk.editor)
        actions.approve_decision(record, actor=approver or desk.chief)
    return record


def test_catalog_filters_by_year_and_agency(client, desk):
    done = datetime.date(2026, 3, 1)
    item(desk, desk.czt, 2026, "省级政府采购框架协议采购改革",
         stages={Stage.PARTICIPATION: {"status": StageStatus.DONE, "done_on": done, "note": "公开征求意见30日"},
                 Stage.RISK: {"status": StageStatus.NOT_REQUIRED}})
    item(desk, desk.czt, 2025, "省级财政专项资金清理整合")
    item(desk, desk.zrzyt, 2026, "国土空间生态修复规划", actor=desk.outsider, approver=desk.outsider_admin)
    item(desk, desk.czt, 2026, "尚未发布的事项", publish=False)
    html = client.get("/yjzj/decisions/").content.decode()  # the latest year by default
    assert "2026 年度重大行政决策事项目录" in html
    assert "省级政府采购框架协议采购改革" in html and "国土空间生态修复规划" in html
    assert "省级财政专项资金清理整合" not in html and "尚未发布的事项" not in html
    assert "公开征求意见30日" in html and "2026-03-01" in html and "无需开展" in html
    html = client.get(f"/yjzj/decisions/?year=2026&agency={desk.zrzyt.pk}").content.decode()
    assert "国土空间生态修复规划" in html and "省级政府采购框架协议采购改革" not in html
    assert "省级财政专项资金清理整合" in client.get("/yjzj/decisions/?year=2025").content.decode()

    body = client.get(f"/api/v1/decisions?year=2026&agency={desk.czt.pk}").json()
    assert body["count"] == 1
    found = body["results"][0]
    assert found["title"] == "省级政府采购框架协议采购改革" and found["agency"] == "湖南省财政厅"
    stages = {s["stage"]: s for s in found["stages"]}
    assert list(stages) == ["participation", "experts", "risk", "legality", "collective"]
    assert stages["participation"] == {"stage": "participation", "label": "公众参与", "status": "done",
                                       "status_label": "已完成", "done_on": "2026-03-01", "note": "公开征求意见30日"}
    assert stages["risk"]["status"] == "not_required" and stages["legality"]["status"] == "pending"


def test_progress_of_a_published_item_is_logged(desk):
    record = item(desk, desk.czt, 2026, "省级政府采购框架协议采购改革")
    actions.record_progress(record, actor=desk.editor, stages={
        Stage.LEGALITY: {"status": StageStatus.DONE, "done_on": datetime.date(2026, 11, 2), "note": "司法厅审查"}})
    assert record.stage_map()[Stage.LEGALITY].status == StageStatus.DONE
    event = record.events.get(kind="progress")
    assert "合法性审查：已完成（2026年11月2日）" in event.message and event.actor == desk.editor
    with pytest.raises(actions.ActionForbidden):
        actions.record_progress(record, actor=desk.outsider, stages={})
    with pytest.raises(actions.ActionRefused, match="不能晚于今天"):
        actions.record_progress(record, actor=desk.editor, stages={
            Stage.COLLECTIVE: {"status": StageStatus.DONE, "done_on": datetime.date.today() + datetime.timedelta(3)}})
