"""`make run` loads this: the whole Hunan demo, and a second run creates nothing new."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone
from wagtail.models import Site

from zhengwu.disclosure.models import DisclosureItemPage, DisclosureSectionPage, SecrecyReview
from zhengwu.foi.demo import DEMO_NOTE
from zhengwu.foi.models import Complaint, InformationRequest, Remedy, Reply, RequestEvent, RequestState
from zhengwu.foi.outcomes import outcomes
from zhengwu.orgs.demo import DEMO_ACCOUNTS
from zhengwu.orgs.models import Agency, StaffRole
from zhengwu.portal.models import DepartmentSitePage, PortalHomePage, TownshipSectionPage
from zhengwu.powers.models import Circumstance, Power, PowerChange
from zhengwu.reports.models import AnnualReport, AnnualReportPage
from zhengwu.reports.monthly.models import MonthlyReport
from zhengwu.services.models import CaseState, Matter, Rectification, ServiceCase
from zhengwu.supervision.models import Card, CardLevel


@pytest.mark.django_db
def test_loaddemo_builds_the_hunan_cluster_once_and_prints_accounts():
    out = StringIO()
    call_command("loaddemo", stdout=out)
    text = out.getvalue()
    # 1 province + 14 市州 + 122 县市区 portals; 16 provincial and 24 pilot-county department sub-sites (six
    # departments in each of the four pilot counties); 83 pilot townships.
    assert PortalHomePage.objects.count() == 137
    assert DepartmentSitePage.objects.count() == 16 + 24
    assert TownshipSectionPage.objects.count() == 83
    assert Site.objects.count() == 137 + 16 + 24
    assert Agency.objects.filter(kind="government").count() == 137
    for name in ("湖南省财政厅", "湖南省自然资源厅", "湖南省交通运输厅", "湖南省住房和城乡建设厅", "湖南省水利厅",
                 "湖南省发展和改革委员会", "湖南省教育厅", "湖南省卫生健康委员会", "湖南省人民政府办公厅"):
        assert Agency.objects.get(name=name).kind == "component"
    assert Agency.objects.get(name="国网湖南省电力有限公司").kind == "central"
    assert "czt_editor" in text and "Zhengwu@2026demo" in text
    assert len(set(Agency.objects.values_list("credit_code", flat=True))) == Agency.objects.count()

    # 政府信息公开: a section on every site, ~200 live catalog items, the work plan as an item of 省政府办公厅
    # with its text in a searchable attachment, and two drafts waiting for 保密审查.
    assert DisclosureSectionPage.objects.count() == 137 + 16 + 24 + 83
    assert DisclosureItemPage.objects.live().count() >= 200
    plan = DisclosureItemPage.objects.get(doc_number="湘政办函〔2012〕50号")
    assert plan.agency.name == "湖南省人民政府办公厅" and plan.index_number.endswith("/2012-00001")
    # Attachments' text is extracted after commit, which this test's transaction never reaches: the sweep does it.
    call_command("extract_document_text", *plan.attachments.values_list("document_id", flat=True), stdout=StringIO())
    assert "电子监察" in plan.attachment_text()
    assert DisclosureItemPage.objects.filter(live=False, title__endswith="（待审查）").count() == 2
    # 先审查、后公开 across the whole demo: every live item (yearly reports included) shows the revision that a
    # review approved, or that was migrated with a record.
    cleared = SecrecyReview.objects.filter(decision__in=[SecrecyReview.Decision.APPROVED,
                                                         SecrecyReview.Decision.MIGRATED]).values("revision")
    assert list(DisclosureItemPage.objects.live().exclude(live_revision__in=cleared).values_list("title", flat=True)) == []

    # 依申请公开: a year of requests through the real actions, in every state, with every outcome of table 三,
    # each remedy kind, complaints answered and open; all marked as demo data on their internal timeline.
    demo = InformationRequest.objects.filter(events__kind=RequestEvent.Kind.NOTE, events__message=DEMO_NOTE)
    assert demo.count() == InformationRequest.objects.count() >= 80
    assert set(demo.values_list("state", flat=True)) == set(RequestState.values)
    assert {o.key for o in outcomes()} <= set(demo.values_list("outcome", flat=True))
    assert demo.filter(agency__name="湖南省财政厅").count() > demo.count() / 3
    assert {"湖南省自然资源厅", "长沙市人民政府", "长沙县人民政府", "星沙街道办事处"} <= set(
        demo.values_list("agency__name", flat=True))
    assert demo.filter(clock__state="running", clock__due_on__lt=timezone.localdate()).exists()  # overdue
    assert set(Remedy.objects.values_list("kind", flat=True)) == set(Remedy.Kind.values)
    assert set(Remedy.objects.values_list("result", flat=True)) == set(Remedy.Result.values)
    assert set(Complaint.objects.values_list("state", flat=True)) == set(Complaint.State.values)
    sent = Reply.objects.filter(state=Reply.State.SENT)
    assert sent.count() == demo.filter(state=RequestState.ANSWERED).count()
    assert not sent.filter(letter_dated__gt=F("sent_on")).exists() and not sent.filter(letter_pdf=None).exists()
    foi_counts = (InformationRequest.objects.count(), RequestEvent.objects.count(), Reply.objects.count(),
                  Remedy.objects.count(), Complaint.objects.count())
    published = AnnualReportPage.objects.live().order_by("published_on")
    assert [(page.agency.name, page.published_on) for page in published] == [
        ("湖南省财政厅", date(2026, 1, 26)), ("长沙市人民政府", date(2026, 4, 8))]
    assert all(page.index_number and page.content["checks"]["passed"] for page in published)
    assert AnnualReportPage.objects.get(agency__name="长沙县人民政府").workflow_in_progress
    monthly_reports = MonthlyReport.objects.count()
    # 政务服务: a catalog of full guides, cases in every state (some overdue and carded), ratings, complaints.
    assert Matter.objects.count() >= 60 and not Matter.objects.filter(materials__isnull=True).exists()
    assert set(ServiceCase.objects.values_list("state", flat=True)) == set(CaseState.values)
    assert Card.objects.filter(level=CardLevel.RED).exists() and Rectification.objects.exists()
    service_cases = ServiceCase.objects.count()
    assert set(MonthlyReport.objects.values_list("state", flat=True)) == {"draft", "submitted", "approved", "returned"}
    # Power lists of three departments, with benchmarks for their penalty powers and a cancelled power.
    assert Power.objects.values("agency").distinct().count() == 3 and Power.objects.count() == 7
    assert Circumstance.objects.values("power").distinct().count() == 3
    assert PowerChange.objects.filter(kind="cancelled").exists()

    again = StringIO()
    call_command("loaddemo", stdout=again)
    assert "已创建" not in again.getvalue()
    assert PortalHomePage.objects.count() == 137 and Agency.objects.count() == 1 + 16 + 14 + 122 + 24 + 83
    assert StaffRole.objects.count() == len(DEMO_ACCOUNTS)  # one role per demo account, none twice
    assert ServiceCase.objects.count() == service_cases
    assert AnnualReport.objects.count() == 5 and AnnualReportPage.objects.count() == 3
    assert MonthlyReport.objects.count() == monthly_reports
    assert Power.objects.count() == 7
    assert DisclosureItemPage.objects.filter(doc_number="湘政办函〔2012〕50号").count() == 1
    assert (InformationRequest.objects.count(), RequestEvent.objects.count(), Reply.objects.count(),
            Remedy.objects.count(), Complaint.objects.count()) == foi_counts
