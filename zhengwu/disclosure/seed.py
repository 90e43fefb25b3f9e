"""Seed the editable taxonomies from shared/data and the statute. Adds what is missing and never
changes an entry that exists, so edits made in the admin survive a second run."""

import json

from django.conf import settings
from django.db import transaction

from .models import Genre, ServiceObject, StatutoryCategory, Theme

# 党政机关公文处理工作条例 (2012): the 15 公文 types. Codes tcfl01–13 follow cicro's 13 where they match.
GENRES = [("tcfl01", "命令（令）"), ("tcfl02", "决定"), ("tcfl03", "公告"), ("tcfl04", "通告"), ("tcfl05", "通知"),
          ("tcfl06", "通报"), ("tcfl07", "议案"), ("tcfl08", "报告"), ("tcfl09", "请示"), ("tcfl10", "批复"),
          ("tcfl11", "意见"), ("tcfl12", "函"), ("tcfl13", "纪要"), ("tcfl14", "决议"), ("tcfl15", "公报")]

# 政府信息公开条例 (2019, 国务院令第711号) Art. 20 and 21.
ARTICLE_20 = [
    "行政法规、规章和规范性文件",
    "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名",
    "国民经济和社会发展规划、专项规划、区域规划及相关政策",
    "国民经济和社会发展统计信息",
    "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
    "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
    "财政预算、决算信息",
    "行政事业性收费项目及其依据、标准",
    "政府集中采购项目的目录、标准及实施情况",
    "重大建设项目的批准和实施情况",
    "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
    "突发公共事件的应急预案、预警信息及应对情况",
    "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
    "公务员招考的职位、名额、报考条件等事项以及录用结果",
    "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
]
ARTICLE_21_CITY_COUNTY = ["市政建设", "公共服务", "公益事业", "土地征收", "房屋征收", "治安管理", "社会救助"]
# [R] in cn-norms §2.3: kept as data, editable in the admin.
ARTICLE_21_TOWNSHIP = ["农村工作政策落实", "财政收支", "各类专项资金的管理和使用", "国土空间规划", "宅基地使用的审核",
                       "土地征收", "房屋征收", "筹资筹劳", "社会救助"]


@transaction.atomic
def load_taxonomies(data_dir=None):
    data_dir = data_dir or settings.SHARED_DATA_DIR
    themes = json.loads((data_dir / "govcn_theme_categories.json").read_text(encoding="utf-8"))["themes"]
    for theme in themes:
        top, _ = Theme.objects.get_or_create(
            code=f"zt{theme['seq']:02d}", defaults=dict(name=theme["name"], sort_order=theme["seq"], parent=None))
        for i, child in enumerate(theme["children"], start=1):
            Theme.objects.get_or_create(code=f"zt{theme['seq']:02d}{i:02d}",
                                           defaults=dict(name=child, sort_order=i, parent=top))
    for i, (code, name) in enumerate(GENRES, start=1):
        Genre.objects.get_or_create(code=code, defaults=dict(name=name, sort_order=i))
    cicro = json.loads((data_dir / "cicro_catalog_taxonomies.json").read_text(encoding="utf-8"))
    for i, entry in enumerate(cicro["服务对象分类"], start=1):
        ServiceObject.objects.get_or_create(code=entry["code"], defaults=dict(name=entry["name"], sort_order=i))
    rows = ([("a20", i, name, StatutoryCategory.Scope.ALL, f"条例第二十条第（{_cn(i)}）项")
             for i, name in enumerate(ARTICLE_20, start=1)]
            + [("a21c", i, name, StatutoryCategory.Scope.CITY_COUNTY, "条例第二十一条")
               for i, name in enumerate(ARTICLE_21_CITY_COUNTY, start=1)]
            + [("a21t", i, name, StatutoryCategory.Scope.TOWNSHIP, "条例第二十一条")
               for i, name in enumerate(ARTICLE_21_TOWNSHIP, start=1)])
    for n, (prefix, i, name, scope, basis) in enumerate(rows, start=1):
        StatutoryCategory.objects.get_or_create(
            code=f"{prefix}-{i:02d}", defaults=dict(name=name, applies_to=scope, legal_basis=basis, sort_order=n))


def _cn(n: int) -> str:
    digits = "零一二三四五六七八九十"
    return digits[n] if n <= 10 else "十" + digits[n - 10]
