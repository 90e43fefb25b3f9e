"""The Hunan demo agency tree: the provincial government and its departments, the 14 市州 and 122
county governments, and the townships of the four pilot counties. Idempotent: safe to run again."""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from pypinyin import lazy_pinyin

from .credit_code import make_demo_code
from .divisions import import_divisions
from .models import Agency, Division, Role

PROVINCE_CODE = "430000"

# (name, slug, kind) — the provincial departments of the demo; slugs follow the real subdomains.
PROVINCIAL_DEPARTMENTS = [
    ("湖南省人民政府办公厅", "bgt", Agency.Kind.COMPONENT),
    ("湖南省发展和改革委员会", "fgw", Agency.Kind.COMPONENT),
    ("湖南省教育厅", "jyt", Agency.Kind.COMPONENT),
    ("湖南省公安厅", "gat", Agency.Kind.COMPONENT),
    ("湖南省民政厅", "mzt", Agency.Kind.COMPONENT),
    ("湖南省财政厅", "czt", Agency.Kind.COMPONENT),
    ("湖南省人力资源和社会保障厅", "rst", Agency.Kind.COMPONENT),
    ("湖南省自然资源厅", "zrzyt", Agency.Kind.COMPONENT),
    ("湖南省生态环境厅", "sthjt", Agency.Kind.COMPONENT),
    ("湖南省住房和城乡建设厅", "zjt", Agency.Kind.COMPONENT),
    ("湖南省交通运输厅", "jtt", Agency.Kind.COMPONENT),
    ("湖南省水利厅", "slt", Agency.Kind.COMPONENT),
    ("湖南省农业农村厅", "agri", Agency.Kind.COMPONENT),
    ("湖南省卫生健康委员会", "wjw", Agency.Kind.COMPONENT),
    ("湖南省市场监督管理局", "amr", Agency.Kind.DIRECT),
    ("国网湖南省电力有限公司", "sgcc", Agency.Kind.CENTRAL),
]

# The four national pilot counties of the work plan (point 七) and the departments that serve at their halls.
PILOT_COUNTY_CODES = ["430121", "430626", "430922", "430524"]  # 长沙县, 平江县, 桃江县, 隆回县
COUNTY_DEPARTMENTS = [
    ("行政审批服务局", "xzspj", Agency.Kind.COMPONENT),
    ("市场监督管理局", "scjgj", Agency.Kind.COMPONENT),
    ("民政局", "mzj", Agency.Kind.COMPONENT),
    ("人力资源和社会保障局", "rsj", Agency.Kind.COMPONENT),
    ("公安局", "gaj", Agency.Kind.COMPONENT),
    ("自然资源局", "zrzyj", Agency.Kind.COMPONENT),
]

DEMO_PASSWORD = "Zhengwu@2026demo"

# (username, full name, agency slug path, role) — printed by `make run`.
DEMO_ACCOUNTS = [
    ("admin", "省级系统管理员", "hunan", Role.SYSTEM_ADMIN),
    ("inspector", "省级监察员", "hunan", Role.INSPECTOR),
    ("czt_editor", "财政厅信息发布员", "hunan/czt", Role.PUBLISHER),
    ("czt_reviewer", "财政厅保密审查员", "hunan/czt", Role.SECRECY_REVIEWER),
    ("czt_admin", "财政厅单位管理员", "hunan/czt", Role.AGENCY_ADMIN),
    ("czt_foi", "财政厅依申请公开经办人", "hunan/czt", Role.FOI_HANDLER),
    ("czt_head", "财政厅政府信息公开工作机构负责人", "hunan/czt", Role.DISCLOSURE_HEAD),
    ("zrzyt_foi", "自然资源厅依申请公开经办人", "hunan/zrzyt", Role.FOI_HANDLER),
    ("zrzyt_head", "自然资源厅政府信息公开工作机构负责人", "hunan/zrzyt", Role.DISCLOSURE_HEAD),
    ("changsha_foi", "长沙市依申请公开经办人", "hunan/changsha", Role.FOI_HANDLER),
    ("changsha_head", "长沙市政府信息公开工作机构负责人", "hunan/changsha", Role.DISCLOSURE_HEAD),
    ("changsha_reviewer", "长沙市保密审查员", "hunan/changsha", Role.SECRECY_REVIEWER),
    ("csx_foi", "长沙县依申请公开经办人", "hunan/changsha/changshaxian", Role.FOI_HANDLER),
    ("csx_head", "长沙县政府信息公开工作机构负责人", "hunan/changsha/changshaxian", Role.DISCLOSURE_HEAD),
    ("zrzyt_editor", "自然资源厅信息发布员", "hunan/zrzyt", Role.PUBLISHER),
    ("csx_editor", "长沙县信息发布员", "hunan/changsha/changshaxian", Role.PUBLISHER),
    ("xingsha_editor", "星沙街道信息发布员", "hunan/changsha/changshaxian/xingshajiedao", Role.PUBLISHER),
    ("csx_window", "长沙县政务服务中心综合窗口", "hunan/changsha/changshaxian", Role.WINDOW_CLERK),
    ("csx_xzspj", "长沙县行政审批服务局窗口工作人员", "hunan/changsha/changshaxian/xzspj", Role.WINDOW_CLERK),
    ("csx_scj", "长沙县市场监督管理局窗口工作人员", "hunan/changsha/changshaxian/scjgj", Role.WINDOW_CLERK),
    ("csx_inspector", "长沙县电子监察员", "hunan/changsha/changshaxian", Role.INSPECTOR),
    ("hunan_admin", "省政府办公厅单位管理员", "hunan", Role.AGENCY_ADMIN),
    ("changsha_editor", "长沙市信息发布员", "hunan/changsha", Role.PUBLISHER),
    ("changsha_admin", "长沙市单位管理员", "hunan/changsha", Role.AGENCY_ADMIN),
    ("hunan_mailbox", "省长信箱办公室", "hunan", Role.MAILBOX_HANDLER),
    ("changsha_mailbox", "长沙市长信箱办公室", "hunan/changsha", Role.MAILBOX_HANDLER),
    ("csx_mailbox", "长沙县长信箱办公室", "hunan/changsha/changshaxian", Role.MAILBOX_HANDLER),
    ("czt_mailbox", "财政厅来信拟稿人", "hunan/czt", Role.MAILBOX_HANDLER),
    ("czt_mailbox2", "财政厅来信审核人", "hunan/czt", Role.MAILBOX_HANDLER),
    ("zrzyt_mailbox", "自然资源厅来信拟稿人", "hunan/zrzyt", Role.MAILBOX_HANDLER),
    ("zrzyt_mailbox2", "自然资源厅来信审核人", "hunan/zrzyt", Role.MAILBOX_HANDLER),
    ("xingsha_mailbox", "星沙街道来信拟稿人", "hunan/changsha/changshaxian/xingshajiedao", Role.MAILBOX_HANDLER),
    ("xingsha_mailbox2", "星沙街道来信审核人", "hunan/changsha/changshaxian/xingshajiedao", Role.MAILBOX_HANDLER),
    ("amr_enforcer", "省市场监管局行政执法人员", "hunan/amr", Role.ENFORCEMENT_OFFICER),
    ("amr_admin", "省市场监管局单位管理员", "hunan/amr", Role.AGENCY_ADMIN),
]


def pinyin_slug(name, strip_suffix=""):
    if strip_suffix and name.endswith(strip_suffix) and len(name) > len(strip_suffix) + 1:
        name = name[: -len(strip_suffix)]
    return re.sub(r"[^a-z0-9]", "", "".join(lazy_pinyin(name)).lower())


def government_name(division):
    if division.level == Division.Level.TOWNSHIP:
        return f"{division.name}办事处" if division.name.endswith("街道") else f"{division.name}人民政府"
    return f"{division.name}人民政府"


class DemoAgencies:
    def __init__(self):
        self.serial = Agency.objects.count()

    def _credit(self, division_code):
        self.serial += 1
        return make_demo_code(division_code, 69000000 + self.serial)

    def ensure(self, parent, name, slug, kind, division):
        found = (parent.get_children() if parent else Agency.get_root_nodes()).filter(name=name).first()
        if found:
            return found
        fields = dict(name=name, slug=slug, kind=kind, division=division, is_demo=True,
                      credit_code=self._credit(division.code[:6]), **demo_profile(name, kind, division))
        return parent.add_child(**fields) if parent else Agency.add_root(**fields)


FUNCTIONS = {
    Agency.Kind.GOVERNMENT: "执行本级人民代表大会及其常务委员会的决议和上级国家行政机关的决定、命令，规定行政措施，发布决定和命令；"
                            "领导所属各工作部门和下级人民政府的工作；管理本行政区域内的经济、教育、科学、文化、卫生、体育、"
                            "城乡建设、财政、民政、公安、司法行政等行政工作。（演示）",
    Agency.Kind.TOWNSHIP: "执行本级人民代表大会的决议和上级国家行政机关的决定和命令；管理本行政区域内的经济、教育、科学、"
                          "文化、卫生、体育事业和财政、民政、公安、司法行政、计划生育等行政工作；提供基本公共服务。（演示）",
}
DEPARTMENT_FUNCTIONS = "贯彻执行国家和省有关方针政策和法律法规，拟订本领域地方性法规、规章草案和政策措施并组织实施；" \
                       "负责本领域行政许可、行政处罚等行政职权的实施；完成本级人民政府交办的其他任务。（演示）"


def demo_profile(name, kind, division):
    """机构概况 of a demo agency (条例第二十条第（二）项): plainly marked as demo data."""
    return dict(functions=FUNCTIONS.get(kind, DEPARTMENT_FUNCTIONS), address=f"{division.name}{name}办公楼（演示地址）",
                office_hours="工作日 上午 9:00—12:00，下午 13:30—17:30", phone="12345（政务服务便民热线）",
                head_name="（演示数据，不显示真实姓名）", head_title="主要负责人")


def by_slug_path(slug_path):
    agency = None
    for slug in slug_path.split("/"):
        qs = agency.get_children() if agency else Agency.get_root_nodes()
        agency = qs.get(slug=slug)
    return agency


@transaction.atomic
def load_agencies(stdout=None):
    data = settings.SHARED_DATA_DIR
    if not Division.objects.filter(code=PROVINCE_CODE).exists():
        report = import_divisions([data / "hunan_divisions.csv", data / "hunan_pilot_townships.csv"])
        if stdout:
            stdout.write(report.lines()[0])
    maker = DemoAgencies()
    province = Division.objects.get(code=PROVINCE_CODE)
    root = maker.ensure(None, government_name(province), "hunan", Agency.Kind.GOVERNMENT, province)
    for name, slug, kind in PROVINCIAL_DEPARTMENTS:
        maker.ensure(root, name, slug, kind, province)
    used_slugs = set()
    for prefecture in province.children.filter(level=Division.Level.PREFECTURE, is_active=True):
        slug = _unique(pinyin_slug(prefecture.name, "市") if prefecture.name.endswith("市")
                       else pinyin_slug(prefecture.name[:2]) + "zhou", used_slugs)
        city = maker.ensure(root, government_name(prefecture), slug, Agency.Kind.GOVERNMENT, prefecture)
        for county in prefecture.children.filter(level=Division.Level.COUNTY, is_active=True):
            county_agency = maker.ensure(city, government_name(county), _unique(pinyin_slug(county.name), used_slugs),
                                         Agency.Kind.GOVERNMENT, county)
            if county.code not in PILOT_COUNTY_CODES:
                continue
            # Departments and townships for the pilot counties only; the service-centre demo imports every
            # township of Hunan as a division (to measure coverage), and those get no agency.
            for name, slug, kind in COUNTY_DEPARTMENTS:
                maker.ensure(county_agency, f"{county.name}{name}", slug, kind, county)
            town_slugs = set()
            for town in county.children.filter(level=Division.Level.TOWNSHIP, is_active=True):
                maker.ensure(county_agency, government_name(town), _unique(pinyin_slug(town.name), town_slugs),
                             Agency.Kind.TOWNSHIP, town)
    return root


def _unique(slug, used):
    candidate, n = slug, 2
    while candidate in used:
        candidate, n = f"{slug}{n}", n + 1
    used.add(candidate)
    return candidate


def ensure_account(username, full_name, slug_path, role):
    """One demo account with its role (made once, the demo password): (user, agency). Feature demos that load on
    their own call it for the DEMO_ACCOUNTS rows they need."""
    from .actions import grant_role

    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": full_name, "is_staff": True})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    agency = by_slug_path(slug_path)
    grant_role(user, agency, role)
    return user, agency


def load_accounts():

    accounts = []
    for username, full_name, slug_path, role in DEMO_ACCOUNTS:
        _, agency = ensure_account(username, full_name, slug_path, role)
        accounts.append((username, full_name, agency.name, Role(role).label))
    return accounts
