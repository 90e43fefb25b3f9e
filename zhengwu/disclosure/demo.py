"""Demo 政府信息公开 sections and some 200 catalog items across the demo agencies, including the 2012
work plan itself (湘政办函〔2012〕50号) as an item of 湖南省人民政府办公厅. Items are written through the
importer and published with a review record, so the demo shows the same data a real import makes."""

import datetime
import random
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from zhengwu.orgs.models import Agency
from zhengwu.portal.models import ColumnPage

from .importer import ItemData, catalog_of, import_item
from .models import (
    DisclosureCatalogPage,
    DisclosureItemPage,
    DisclosureSectionPage,
    Genre,
    MajorProjectIndexPage,
    MajorProjectPage,
    ProjectStage,
    StatutoryCategory,
    Theme,
)
from .models.review import secrecy_workflow
from .seed import load_taxonomies

GUIDE = ("<p>为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。"
         "申请人可通过本网站“公开目录”按主题、体裁、年份和法定主动公开内容类别浏览信息，也可使用全文检索。</p>"
         "<p>主动公开的政府信息，自该信息形成或者变更之日起20个工作日内予以公开。依申请公开的，"
         "可通过网上申请、信函或当面提交申请。</p>")
RULES = ("<p>本机关建立健全政府信息公开审查机制，信息公开前依照《中华人民共和国保守国家秘密法》等规定进行保密审查，"
         "实行“先审查、后公开”和“一事一审”。</p><p>本机关政府信息公开工作年度报告于每年1月31日前公布。</p>")


def build_section(home, agency, title="政府信息公开", with_projects=True):
    """The 政府信息公开 section of one site: guide and rules, the catalog, the 年报 column and, for
    governments and departments, the major-project list."""
    section = DisclosureSectionPage(
        title=title, slug="xxgk", agency=agency, show_in_menus=True, is_demo=True, guide=GUIDE, rules=RULES,
        office_name=f"{agency.name}政务公开办公室", office_hours="工作日 上午8:30—12:00，下午14:30—17:30",
        office_phone="0731-8888" + f"{agency.pk % 10000:04d}（演示）")
    home.add_child(instance=section)
    section.add_child(instance=DisclosureCatalogPage(
        title="政府信息公开目录", slug="gkml", agency=agency, is_demo=True,
        intro="按主题、体裁、年份、法定主动公开内容类别和有效性浏览本机关主动公开的政府信息。"))
    section.add_child(instance=ColumnPage(title="政府信息公开年报", slug="gknb", agency=agency, is_demo=True,
                                          intro="本机关政府信息公开工作年度报告。"))
    if with_projects:
        section.add_child(instance=MajorProjectIndexPage(
            title="重大建设项目", slug="zdxm", agency=agency, is_demo=True,
            intro="重大建设项目审批、决策、招标投标、土地出让、规划、建设实施、资金管理、物资采购全过程信息。"))
    return section


def ensure_sections():
    """Give every site home a 政府信息公开 section (replacing an empty plain column left by older demos)."""
    created = 0
    for agency in Agency.objects.filter(home_page__isnull=False).select_related("home_page"):
        home = agency.home_page
        if DisclosureSectionPage.objects.child_of(home).exists():
            continue
        old = ColumnPage.objects.child_of(home).filter(slug="xxgk").first()
        if old is not None:
            if old.get_children().exists():
                continue
            old.delete()
        build_section(home, agency, with_projects=agency.kind != Agency.Kind.TOWNSHIP)
        created += 1
    return created


# (agency slug, [(title, theme code, genre code, category code, doc number prefix)])
TOPICS = {
    "bgt": [("关于进一步做好政务公开工作的通知", "zt0201", "tcfl05", "a20-01", "湘政办发"),
            ("关于加强政务服务“好差评”工作的实施意见", "zt0201", "tcfl11", "a20-05", "湘政办发"),
            ("关于印发全省政府网站集约化工作方案的通知", "zt0204", "tcfl05", "a20-01", "湘政办函"),
            ("关于做好政府信息公开工作年度报告编制工作的通知", "zt0201", "tcfl05", "a20-01", "湘政办函"),
            ("关于开展政务公开第三方评估的通知", "zt0202", "tcfl05", "a20-15", "湘政办函")],
    "czt": [("关于提前下达中央财政衔接推进乡村振兴补助资金预算的通知", "zt0401", "tcfl05", "a20-07", "湘财预"),
            ("关于做好部门预算公开工作的通知", "zt0401", "tcfl05", "a20-07", "湘财预"),
            ("省级部门决算公开情况的通报", "zt0401", "tcfl06", "a20-07", "湘财预"),
            ("关于公布行政事业性收费项目目录清单的公告", "zt0401", "tcfl03", "a20-08", "湘财税"),
            ("政府集中采购目录及标准", "zt0401", "tcfl05", "a20-09", "湘财购"),
            ("关于加强预算绩效管理的意见", "zt0401", "tcfl11", "a20-01", "湘财绩")],
    "zrzyt": [("关于做好国土空间规划编制工作的通知", "zt0501", "tcfl05", "a20-03", "湘自然资发"),
              ("土地征收成片开发方案审批结果公告", "zt0501", "tcfl03", "a20-05", "湘自然资函"),
              ("关于公布矿业权出让收益市场基准价的公告", "zt0502", "tcfl03", "a20-08", "湘自然资发")],
    "jtt": [("关于公路建设项目招标投标情况的公示", "zt0707", "tcfl05", "a20-10", "湘交建设"),
            ("全省农村公路建设计划", "zt0707", "tcfl05", "a20-03", "湘交规划")],
    "zjt": [("关于加强城镇老旧小区改造工作的通知", "zt1002", "tcfl05", "a20-11", "湘建城"),
            ("建筑施工安全生产监督检查情况通报", "zt0905", "tcfl06", "a20-13", "湘建安")],
    "slt": [("关于做好汛期水旱灾害防御工作的通知", "zt0603", "tcfl05", "a20-12", "湘水发"),
            ("重点水利工程建设进展情况通报", "zt0603", "tcfl06", "a20-10", "湘水建")],
    "fgw": [("全省国民经济和社会发展计划执行情况的报告", "zt0301", "tcfl08", "a20-03", "湘发改规划"),
            ("关于重大建设项目批准情况的公告", "zt0306", "tcfl03", "a20-10", "湘发改投资")],
    "hunan": [("湖南省人民政府关于公布省级行政许可事项清单的决定", "zt0201", "tcfl02", "a20-05", "湘政发"),
              ("湖南省人民政府关于印发突发事件总体应急预案的通知", "zt0203", "tcfl05", "a20-12", "湘政发")],
    "changsha": [("长沙市人民政府关于城市更新行动的实施意见", "zt1001", "tcfl11", "a21c-01", "长政发"),
                 ("长沙市社会救助政策措施及实施情况", "zt1703", "tcfl05", "a21c-07", "长政办发")],
    "changshaxian": [("长沙县土地征收补偿安置方案公告", "zt0501", "tcfl03", "a21c-04", "长县政"),
                     ("长沙县公共服务设施建设计划", "zt1002", "tcfl05", "a21c-02", "长县政办")],
    "xingshajiedao": [("星沙街道财政收支情况公示", "zt0401", "tcfl05", "a21t-02", "星街"),
                      ("星沙街道社会救助对象公示", "zt1703", "tcfl05", "a21t-09", "星街")],
}
COUNTS = {"bgt": 30, "czt": 40, "zrzyt": 25, "jtt": 16, "zjt": 14, "slt": 12, "fgw": 14, "hunan": 18,
          "changsha": 14, "changshaxian": 10, "xingshajiedao": 6}
PARAGRAPHS = [
    "为深入贯彻落实《中华人民共和国政府信息公开条例》，推进决策、执行、管理、服务、结果公开，现将有关事项通知如下。",
    "各级各部门要坚持以公开为常态、不公开为例外，严格执行保密审查制度，做到先审查、后公开。",
    "预算公开要细化到功能分类的项级科目，“三公”经费预算要说明增减变化原因，做到公开内容完整、格式规范。",
    "要依托政府门户网站这一第一平台，及时准确发布政策文件，同步做好政策解读，回应社会关切。",
    "对涉及群众切身利益的重大事项，要通过征求意见、听证等方式广泛听取意见，主动接受社会监督。",
    "各地要加强政务服务中心建设，推进网上办事，完善电子监察系统，确保政务服务事项按时办结。",
    "请于每月5日前报送上月工作情况，年度工作情况纳入绩效考核。",
    "本文件自印发之日起施行，有效期五年。",
]


@transaction.atomic
def load_items(seed=2012):
    """Some 200 demo items; does nothing if demo items exist already."""
    if DisclosureItemPage.objects.filter(is_demo=True).exists():
        return 0
    load_taxonomies()
    rng = random.Random(seed)
    user = get_user_model().objects.filter(username="admin").first()
    today = datetime.date.today()
    created = 0
    policies = []
    _workplan(user)
    created += 2
    for slug, count in COUNTS.items():
        agency = Agency.objects.filter(slug=slug).first()
        catalog = catalog_of(agency) if agency else None
        if catalog is None:
            continue
        topics = TOPICS[slug]
        for n in range(count):
            title, theme, genre, category, prefix = topics[n % len(topics)]
            published_on = today - datetime.timedelta(days=rng.randint(3, 900))
            year = published_on.year
            late = rng.random() < 0.08
            written_on = published_on - datetime.timedelta(days=rng.randint(40, 70) if late else rng.randint(1, 12))
            fields = dict(
                title=f"{title}（{year}年第{n // len(topics) + 1}批）" if n >= len(topics) else title,
                agency=agency, theme=Theme.objects.get(code=theme), genre=Genre.objects.get(code=genre),
                category=StatutoryCategory.objects.filter(code=category).first(),
                doc_number=f"{prefix}〔{year}〕{rng.randint(1, 80)}号", written_on=written_on, formed_on=written_on,
                published_on=published_on, keywords=" ".join(rng.sample(["政务公开", "预算", "信息公开", "政务服务",
                                                                       "规划", "安全生产", "社会救助"], 2)),
                description=f"{agency.name}{title}。",
                body="".join(f"<p>{p}</p>" for p in rng.sample(PARAGRAPHS, 4)),
                valid_until=None, effective_on=written_on, repealed_on=None,
            )
            roll = rng.random()
            if roll < 0.05:
                fields["repealed_on"] = published_on + datetime.timedelta(days=rng.randint(30, 300))
            elif roll < 0.10:
                fields["valid_until"] = published_on + datetime.timedelta(days=rng.randint(30, 300))
            if fields["repealed_on"] and fields["repealed_on"] > today:
                fields["repealed_on"] = today - datetime.timedelta(days=1)
            item = import_item(ItemData(0, catalog, fields), user=user, publish=True, source="演示数据",
                               is_demo=True)
            created += 1
            if genre in ("tcfl05", "tcfl11") and len(policies) < 40:
                policies.append(item)
    created += _interpretations(rng, policies, user)
    created += _projects(user)
    _pending_reviews()
    return created


def _demo_attachments(lines):
    """A DOCX of the work plan and an XLSX budget table, so the demo shows attachment text in search."""
    from docx import Document
    from openpyxl import Workbook

    folder = Path(tempfile.mkdtemp(prefix="zhengwu-demo-"))
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    docx = folder / "2012年全省政务公开工作要点.docx"
    document.save(docx)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["科目编码", "科目名称", "预算数（万元）"])
    for row in (["201", "一般公共服务支出", 12850], ["20103", "政府办公厅（室）及相关机构事务", 4370],
                ["2010350", "事业运行（电子政务外网运维）", 615]):
        sheet.append(row)
    xlsx = folder / "省级部门预算公开表（演示）.xlsx"
    workbook.save(xlsx)
    return docx, xlsx


def _workplan(user):
    agency = Agency.objects.get(slug="bgt")
    lines = [line.strip() for line in (settings.SHARED_DATA_DIR / "workplan-2012.txt").read_text(
        encoding="utf-8").splitlines() if line.strip()]
    body = "".join(f"<p>{line}</p>" for line in lines[2:])
    docx, xlsx = _demo_attachments(lines)
    try:
        return _workplan_items(user, agency, body, docx, xlsx)
    finally:
        shutil.rmtree(docx.parent, ignore_errors=True)


def _workplan_items(user, agency, body, docx, xlsx):
    czt = Agency.objects.filter(slug="czt").first()
    if czt is not None and catalog_of(czt) is not None:
        today = datetime.date.today()
        import_item(ItemData(0, catalog_of(czt), dict(
            title="省级部门预算公开表（演示）", agency=czt, theme=Theme.objects.get(code="zt0401"),
            genre=Genre.objects.get(code="tcfl05"), category=StatutoryCategory.objects.get(code="a20-07"),
            doc_number="", written_on=today, formed_on=today, published_on=today, keywords="预算 公开",
            description="省级部门一般公共预算支出表，见附件。", body="<p>详见附件。</p>", valid_until=None,
            effective_on=None, repealed_on=None), attachments=[xlsx]), user=user, publish=True, source="演示数据",
            is_demo=True)
    return import_item(ItemData(0, catalog_of(agency), attachments=[docx], fields=dict(
        title="湖南省人民政府办公厅关于印发《2012年全省政务公开工作要点》的通知", agency=agency,
        theme=Theme.objects.get(code="zt0201"), genre=Genre.objects.get(code="tcfl05"),
        category=StatutoryCategory.objects.get(code="a20-01"), doc_number="湘政办函〔2012〕50号",
        written_on=datetime.date(2012, 4, 5), formed_on=datetime.date(2012, 4, 5),
        published_on=datetime.date(2012, 4, 10), keywords="政务公开 政务服务 工作要点",
        description="2012年全省政务公开工作要点：深化政务公开、加强政务服务的十项任务。", body=body,
        valid_until=None, effective_on=None, repealed_on=None)), user=user, publish=True, source="演示数据",
        is_demo=True)


def _interpretations(rng, policies, user):
    made = 0
    for policy in policies[::4]:
        fields = dict(
            title=f"一图读懂：{policy.title}", agency=policy.agency, theme=policy.theme, genre=None,
            category=policy.category, doc_number="", written_on=policy.written_on, formed_on=policy.written_on,
            published_on=policy.published_on, keywords="政策解读", description=f"对《{policy.title}》的解读。",
            body=(f"<p>一、出台背景。{rng.choice(PARAGRAPHS)}</p><p>二、主要内容。{rng.choice(PARAGRAPHS)}</p>"
                  "<p>三、适用范围与施行时间。本政策自印发之日起施行。</p>"),
            valid_until=None, effective_on=None, repealed_on=None, interprets=policy)
        import_item(ItemData(0, catalog_of(policy.agency), fields), user=user, publish=True, source="演示数据",
                    is_demo=True)
        made += 1
    return made


PROJECTS = [
    ("zrzyt", "湘江新区国土综合整治与生态修复工程", "land", "湘江新区管理委员会", "长沙市岳麓区", "186000.00"),
    ("jtt", "长沙至益阳高速公路扩容工程", "transport", "湖南省高速公路集团有限公司", "长沙市、益阳市", "2350000.00"),
]
PROJECT_STAGES = [ProjectStage.APPROVAL, ProjectStage.DECISION, ProjectStage.TENDERING, ProjectStage.PLANNING,
                  ProjectStage.CONSTRUCTION, ProjectStage.FUNDS]  # 土地出让 and 物资采购 left missing on purpose


def _projects(user):
    made = 0
    for slug, title, domain, owner_unit, location, investment in PROJECTS:
        agency = Agency.objects.filter(slug=slug).first()
        index = MajorProjectIndexPage.objects.filter(agency=agency).first() if agency else None
        if index is None:
            continue
        project = MajorProjectPage(
            title=title, slug=f"project-{slug}", agency=agency, domain=domain, owner_unit=owner_unit,
            location=location, investment=investment, start_on=datetime.date(2025, 3, 18), is_demo=True,
            project_code=f"2024-430000-48-01-{agency.pk:06d}",
            summary=f"<p>{title}由{owner_unit}建设，建设地点{location}。</p>")
        index.add_child(instance=project)
        project.save_revision(user=user).publish(user=user, log_action=False)
        for i, stage in enumerate(PROJECT_STAGES):
            day = datetime.date(2024, 6, 1) + datetime.timedelta(days=45 * i)
            import_item(ItemData(0, catalog_of(agency), dict(
                title=f"{title}{stage.label}信息", agency=agency, theme=Theme.objects.get(code="zt0306"),
                genre=Genre.objects.get(code="tcfl03"), category=StatutoryCategory.objects.get(code="a20-10"),
                doc_number="", written_on=day, formed_on=day, published_on=day + datetime.timedelta(days=5),
                keywords="重大建设项目", description=f"{title}{stage.label}环节公开信息。",
                body=f"<p>现将{title}{stage.label}有关情况公开如下。</p>", valid_until=None, effective_on=None,
                repealed_on=None, project=project, project_stage=stage)), user=user, publish=True, source="演示数据",
                is_demo=True)
            made += 1
    return made


def _pending_reviews():
    """Two 财政厅 drafts submitted for 保密审查, so that the demo reviewer finds work waiting."""
    editor = get_user_model().objects.filter(username="czt_editor").first()
    agency = Agency.objects.filter(slug="czt").first()
    if editor is None or agency is None or catalog_of(agency) is None:
        return
    for title in ("关于2026年省级部门预算公开有关事项的通知（待审查）", "省级预算绩效目标公开情况说明（待审查）"):
        today = datetime.date.today()
        item = import_item(ItemData(0, catalog_of(agency), dict(
            title=title, agency=agency, theme=Theme.objects.get(code="zt0401"), genre=Genre.objects.get(code="tcfl05"),
            category=StatutoryCategory.objects.get(code="a20-07"), doc_number="", written_on=today, formed_on=today,
            published_on=None, keywords="预算 公开", description=title, body=f"<p>{PARAGRAPHS[2]}</p>",
            valid_until=None, effective_on=None, repealed_on=None)), user=editor, publish=False, is_demo=True)
        secrecy_workflow().start(item, editor)

