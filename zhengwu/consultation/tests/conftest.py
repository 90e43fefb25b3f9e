"""A provincial department (财政厅) that consults on a draft, the people who draft, moderate and approve there,
and staff of another department (自然资源厅) and a supervisor."""

import datetime

import pytest
from django.utils import timezone

from zhengwu.consultation import actions
from zhengwu.consultation.models import Consultation, Hearing
from zhengwu.orgs.models import Role

DRAFT = """湖南省省级政府采购框架协议采购管理办法（征求意见稿）
第一章 总则
第一条　为规范省级政府采购框架协议采购活动，根据《政府采购框架协议采购方式管理暂行办法》，制定本办法。
第二条　本办法适用于省级预算单位开展的框架协议采购活动。
第二章 征集程序
第三条　征集人应当在省政府采购网发布征集公告。
征集公告应当载明采购需求和入围条件。
第四条　框架协议有效期一般不超过1年。"""


@pytest.fixture
def desk(hunan):
    """tree.editor drafts and moderates at 财政厅; tree.chief and tree.deputy are its administrators (either
    approves what the other did not draft); tree.outsider publishes for 自然资源厅; tree.inspector supervises."""
    tree = hunan
    tree.editor = tree.user("czt_editor", tree.czt, Role.PUBLISHER, first_name="财政厅信息发布员")
    tree.chief = tree.user("czt_admin", tree.czt, Role.AGENCY_ADMIN, first_name="财政厅单位管理员")
    tree.deputy = tree.user("czt_admin2", tree.czt, Role.AGENCY_ADMIN)
    tree.outsider = tree.user("zrzyt_editor", tree.zrzyt, Role.PUBLISHER)
    tree.outsider_admin = tree.user("zrzyt_admin", tree.zrzyt, Role.AGENCY_ADMIN)
    tree.inspector = tree.user("inspector", tree.province, Role.INSPECTOR)
    return tree


def today():
    return timezone.localdate()


def draft_consultation(tree, *, agency=None, title="湖南省省级政府采购框架协议采购管理办法", days=30, text=DRAFT,
                       start=None):
    start = start or today()
    consultation = Consultation(agency=agency or tree.czt, title=title, explanation="为规范框架协议采购，起草本办法。",
                                opens_on=start, closes_on=start + datetime.timedelta(days=days - 1))
    return actions.save_consultation(consultation, actor=tree.editor, draft_text=text)


def published_consultation(tree, **kwargs):
    consultation = draft_consultation(tree, **kwargs)
    actions.submit_consultation(consultation, actor=tree.editor)
    return actions.approve_consultation(consultation, actor=tree.chief)


def close(consultation, days_ago=1):
    """Move the period into the past (as if the days had gone by)."""
    end = today() - datetime.timedelta(days=days_ago)
    Consultation.objects.filter(pk=consultation.pk).update(opens_on=end - datetime.timedelta(days=29), closes_on=end)
    consultation.refresh_from_db()
    return consultation


def comment(consultation, text="建议明确框架协议有效期的起算日。", article=None, **extra):
    values = {"name": "张三丰", "contact": "13812345678", "text": text, "article": article, **extra}
    return actions.submit_comment(consultation, **values)


def published_hearing(tree, *, closes_in=datetime.timedelta(days=5), held_in=datetime.timedelta(days=10), seats=2):
    now = timezone.now()
    hearing = Hearing(agency=tree.czt, subject="省级行政事业性收费标准调整", description="听取对收费标准调整方案的意见。",
                      held_at=now + held_in, place="湖南省财政厅三楼会议室", seats=seats,
                      registration_closes_at=now + closes_in)
    actions.save_hearing(hearing, actor=tree.editor)
    actions.submit_hearing(hearing, actor=tree.editor)
    return actions.approve_hearing(hearing, actor=tree.chief)


def shift_hearing(hearing, *, closed_ago=datetime.timedelta(days=3), held_ago=None):
    now = timezone.now()
    values = {"registration_closes_at": now - closed_ago}
    if held_ago is not None:
        values["held_at"] = now - held_ago
    Hearing.objects.filter(pk=hearing.pk).update(**values)
    hearing.refresh_from_db()
    return hearing
