"""Demo service centres (work plan 2012, point 三). Idempotent: safe to run again.

1. Imports every Hunan township (hunan_townships.csv, and the stat-only zones some of them sit in) as real
   divisions, so that province-wide coverage is measured against the real township list; no agencies.
2. Generates village/community divisions (is_demo) for the townships of the four pilot counties only:
   12-digit codes (township code + 001… for 社区, 201… for 村, as in the statistical codes), 6–15 each.
3. Creates centres: a 政务服务中心 for each of the 14 市州 and each pilot county (with the matters of the
   county's departments), a 便民服务中心 for every pilot township (100%), and a 便民服务站 for about
   55–70% of the pilot villages.
Everything it creates is marked is_demo. Names, counts and choices come from random generators seeded
by division codes, so a second run plans exactly what the first did and creates nothing new.
"""

import datetime
import random

from django.conf import settings
from django.db import transaction

from zhengwu.orgs.demo import PILOT_COUNTY_CODES
from zhengwu.orgs.divisions import import_divisions, read_rows
from zhengwu.orgs.models import Agency, Division
from zhengwu.services.models import CentreLevel, Matter, ServiceCentre

Level = Division.Level

GOVERNMENT_HOURS = "周一至周五 上午9:00-12:00 下午13:30-17:30（冬令时；夏令时下午14:30-18:00）"
TOWNSHIP_HOURS = "周一至周五 上午8:30-12:00 下午14:00-17:30"
VILLAGE_HOURS = "周一至周五 上午8:30-11:30 下午14:30-17:00（村（社区）干部轮流值班，可预约代办）"

# 区号 by prefecture code prefix (株洲、湘潭 joined 0731 in 2009).
AREA_CODES = {
    "4301": "0731", "4302": "0731", "4303": "0731", "4304": "0734", "4305": "0739", "4306": "0730",
    "4307": "0736", "4308": "0744", "4309": "0737", "4310": "0735", "4311": "0746", "4312": "0745",
    "4313": "0738", "4331": "0743",
}
# Prefecture centres: (short name, address in the seat). Demo addresses, plausible but not verified.
PREFECTURE_CENTRES = {
    "430100": ("长沙市", "长沙市岳麓区岳麓大道218号"),
    "430200": ("株洲市", "株洲市天元区神农大道市民中心"),
    "430300": ("湘潭市", "湘潭市岳塘区芙蓉中路市民之家"),
    "430400": ("衡阳市", "衡阳市蒸湘区船山大道市民中心"),
    "430500": ("邵阳市", "邵阳市大祥区宝庆中路市民之家"),
    "430600": ("岳阳市", "岳阳市岳阳楼区巴陵东路市民之家"),
    "430700": ("常德市", "常德市武陵区朗州北路市民之家"),
    "430800": ("张家界市", "张家界市永定区大庸路市民之家"),
    "430900": ("益阳市", "益阳市赫山区康富南路市民之家"),
    "431000": ("郴州市", "郴州市北湖区国庆北路市民之家"),
    "431100": ("永州市", "永州市冷水滩区零陵北路市民之家"),
    "431200": ("怀化市", "怀化市鹤城区迎丰中路市民之家"),
    "431300": ("娄底市", "娄底市娄星区氐星路市民之家"),
    "433100": ("湘西州", "湘西土家族苗族自治州吉首市世纪大道市民之家"),
}
# Pilot county centres: address in the county seat.
COUNTY_ADDRESSES = {
    "430121": "长沙县星沙街道开元东路1318号",
    "430626": "平江县汉昌街道天岳大道168号",
    "430922": "桃江县桃花江镇桃花东路56号",
    "430524": "隆回县桃花坪街道朝阳路128号",
}
# Characters of common Hunan village and community names (石塘村, 龙坪村, 松雅社区, 泉塘社区 …).
VILLAGE_FIRST = "石枫柏竹杨桃梅荷金银龙凤白黄青大小高新双三五长万合太平安兴福樟松茶桂"
VILLAGE_SECOND = "山塘冲坪湾桥岭田溪洲港铺源峰江园坡口湖垅嘴"
COMMUNITY_FIRST = "松雅湘星泉华新东西南北和兴安康福文德丰盛金鹿芙蓉梨花景明阳春"
COMMUNITY_SECOND = "园苑城湖景泉塘桥山湾林阳华丰"


def _out(stdout, line):
    if stdout is not None:
        stdout.write(line)


def _shared(name):
    return settings.SHARED_DATA_DIR / name


def import_townships(stdout=None):
    """Import the townships of the whole province (and the stat-only zones that hold some) if any are missing."""
    files = [_shared("hunan_stat_only_zones.csv"), _shared("hunan_townships.csv")]
    wanted = {row["code"] for path in files for row in read_rows(path)}
    if not Division.objects.filter(code="430000").exists():
        files.insert(0, _shared("hunan_divisions.csv"))
    elif Division.objects.filter(code__in=wanted).count() == len(wanted):
        return 0
    report = import_divisions(files, retire_missing=False)
    _out(stdout, f"乡镇区划：{report.lines()[0]}")
    return len(report.added)


def village_plan(township):
    """The demo villages of one township: [(code, name, has_station)], the same on every run."""
    rng = random.Random(int(township.code))
    count = rng.randint(6, 15)
    if township.name.endswith("街道"):
        communities = count - rng.randint(0, 2)
    elif township.name.endswith("镇"):
        communities = rng.randint(1, 2)
    else:
        communities = rng.randint(0, 1)
    names, plan = set(), []
    for index in range(count):
        is_community = index < communities
        first, second = (COMMUNITY_FIRST, COMMUNITY_SECOND) if is_community else (VILLAGE_FIRST, VILLAGE_SECOND)
        while True:
            name = rng.choice(first) + rng.choice(second) + ("社区" if is_community else "村")
            if name[0] != name[1] and name not in names:
                names.add(name)
                break
        serial = index + 1 if is_community else 200 + index - communities + 1
        plan.append([f"{township.code}{serial:03d}", name, False])
    # About 55–70% of villages have a station; some townships are ahead, some behind.
    share = rng.uniform(0.45, 0.85)
    for item in rng.sample(plan, max(1, round(count * share))):
        item[2] = True
    return [tuple(item) for item in plan]


def pilot_townships():
    county_codes = Division.objects.filter(code__in=PILOT_COUNTY_CODES).values("pk")
    return list(Division.objects.filter(parent__in=county_codes, level=Level.TOWNSHIP, is_active=True)
                .select_related("parent").order_by("code"))


def ensure_villages(townships):
    """Create the missing demo villages; return {village code: has_station} for every planned village."""
    plans = {town.pk: village_plan(town) for town in townships}
    taken = set(Division.objects.filter(code__in=[c for p in plans.values() for c, _, _ in p])
                .values_list("code", flat=True))
    new = [Division(code=code, name=name, level=Level.VILLAGE, parent_id=town_pk, is_demo=True)
           for town_pk, plan in plans.items() for code, name, _ in plan
           if code not in taken]
    Division.objects.bulk_create(new, batch_size=500)
    return {code: station for plan in plans.values() for code, _, station in plan}, len(new)


def _governments(divisions):
    """{division pk: its government (or township) agency}, the shallowest where several share a division."""
    found = {}
    for agency in (Agency.objects.filter(division__in=divisions, kind__in=[Agency.Kind.GOVERNMENT,
                                                                           Agency.Kind.TOWNSHIP])
                   .order_by("-depth")):
        found[agency.division_id] = agency
    return found


def _phone(rng, code):
    return f"{AREA_CODES.get(code[:4], '0731')}-{rng.randint(2, 8)}{rng.randint(1000000, 9999999)}"


def _opened(rng, first_year, last_year):
    start = datetime.date(first_year, 1, 1)
    return start + datetime.timedelta(days=rng.randint(0, (datetime.date(last_year, 12, 31) - start).days))


def _planned_centres(townships, stations):
    """Every demo centre as (level, division, fields); fields are derived from seeded generators."""
    prefectures = list(Division.objects.filter(code__in=PREFECTURE_CENTRES, is_active=True).order_by("code"))
    counties = list(Division.objects.filter(code__in=PILOT_COUNTY_CODES, is_active=True).order_by("code"))
    for division in prefectures:
        rng = random.Random(f"centre-{division.code}")
        short, address = PREFECTURE_CENTRES[division.code]
        yield CentreLevel.GOVERNMENT, division, dict(
            name=f"{short}政务服务中心", address=address, hours=GOVERNMENT_HOURS, phone=_phone(rng, division.code),
            windows=rng.randint(90, 180), opened_on=_opened(rng, 2002, 2010))
    for division in counties:
        rng = random.Random(f"centre-{division.code}")
        yield CentreLevel.GOVERNMENT, division, dict(
            name=f"{division.name}政务服务中心", address=COUNTY_ADDRESSES.get(division.code, division.name),
            hours=GOVERNMENT_HOURS, phone=_phone(rng, division.code), windows=rng.randint(30, 60),
            opened_on=_opened(rng, 2004, 2010))
    for town in townships:
        rng = random.Random(f"centre-{town.code}")
        seat = f"{town.name}办事处" if town.name.endswith("街道") else f"{town.name}人民政府"
        yield CentreLevel.TOWNSHIP, town, dict(
            name=f"{town.name}便民服务中心", address=f"{town.parent.name}{seat}院内一楼", hours=TOWNSHIP_HOURS,
            phone=_phone(rng, town.code), windows=rng.randint(4, 12), opened_on=_opened(rng, 2009, 2012))
    villages = Division.objects.filter(code__in=[code for code, has in stations.items() if has],
                                       level=Level.VILLAGE).select_related("parent__parent").order_by("code")
    for village in villages:
        rng = random.Random(f"centre-{village.code}")
        committee = "居民委员会" if village.name.endswith("社区") else "村民委员会"
        town = village.parent
        yield CentreLevel.VILLAGE, village, dict(
            name=f"{village.name}便民服务站", address=f"{town.parent.name}{town.name}{village.name}{committee}",
            hours=VILLAGE_HOURS, phone=_phone(rng, village.code) if rng.random() < 0.6 else "",
            windows=rng.randint(1, 2), opened_on=_opened(rng, 2011, 2013))


def ensure_centres(townships, stations):
    planned = list(_planned_centres(townships, stations))
    existing = set(ServiceCentre.objects.filter(division__in=[d for _, d, _ in planned])
                   .values_list("level", "division_id"))
    # The 主管机构: the division's own government; for a village station, its township's government.
    agencies = _governments([d.parent_id if level == CentreLevel.VILLAGE else d.pk for level, d, _ in planned])
    new = []
    for level, division, fields in planned:
        if (level, division.pk) in existing:
            continue
        owner = agencies.get(division.parent_id if level == CentreLevel.VILLAGE else division.pk)
        new.append(ServiceCentre(level=level, division=division, agency=owner, is_demo=True, **fields))
    ServiceCentre.objects.bulk_create(new, batch_size=500)
    return len(new)


def link_matters():
    """Each demo government and township centre handles the active matters of its government's agencies."""
    through = ServiceCentre.matters.through
    links = []
    centres = ServiceCentre.objects.filter(is_demo=True, agency__isnull=False).exclude(
        level=CentreLevel.VILLAGE).select_related("agency", "division")
    for centre in centres:
        matters = Matter.objects.filter(is_active=True, agency__path__startswith=centre.agency.path)
        if centre.division.level == Level.PREFECTURE:
            matters = matters.filter(agency__division=centre.division)  # the city's own departments
        links += [through(servicecentre_id=centre.pk, matter_id=pk) for pk in matters.values_list("pk", flat=True)]
    before = through.objects.filter(servicecentre__is_demo=True).count()
    through.objects.bulk_create(links, batch_size=1000, ignore_conflicts=True)
    return through.objects.filter(servicecentre__is_demo=True).count() - before


@transaction.atomic
def load_centres_demo(stdout=None):
    """Townships of the province, demo villages of the pilot counties, and the demo centres; idempotent."""
    added_townships = import_townships(stdout)
    townships = pilot_townships()
    stations, added_villages = ensure_villages(townships)
    added_centres = ensure_centres(townships, stations)
    links = link_matters()
    _out(stdout, f"政务服务场所演示数据：新增乡镇区划 {added_townships} 个、村（社区）区划 {added_villages} 个、"
                 f"服务场所 {added_centres} 个；新增事项关联 {links} 条。")
    return {"townships": added_townships, "villages": added_villages, "centres": added_centres, "links": links}
