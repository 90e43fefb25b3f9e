"""Starting-point texts for Parts 一 and 六 of the yearly report, written from the figures the platform
holds; the disclosure office edits them before saving (nothing is stored by filling)."""

from collections import defaultdict

from django.db.models import Count, Sum

from zhengwu.disclosure.models import DisclosureItemPage
from zhengwu.foi.models import FeeNotice
from zhengwu.reports.annual.form import form_for


def _n(value):
    return "—" if value is None else value


def _amount(value):
    return f"{value:g}" if isinstance(value, float) else str(value)


def published_items(agency, year: int) -> int:
    return (DisclosureItemPage.objects.live().public()
            .filter(agency=agency, published_on__year=year).count())


def overview_text(report, built) -> str:
    """一、总体情况 from the figures the platform holds (and the manual ones already entered)."""
    form = form_for(report.year)
    tables = {part["key"]: part.get("table") for part in built["parts"]}
    t2, t3, t4 = tables["s2"], tables["s3"], tables["s4"]
    year = report.year
    made, in_force = t2["art20_1"]["rules"], t2["art20_1"]["normative_docs"]
    lines = [f"{year}年，{report.agency.name}依照《中华人民共和国政府信息公开条例》做好政府信息公开工作，"
             "现将本年度情况报告如下。"]
    proactive = (f"（一）主动公开。本年度通过政府信息公开目录主动公开政府信息 {published_items(report.agency, year)} 条。"
                 f"制发规章 {_n(made['made'])} 件、行政规范性文件 {_n(in_force['made'])} 件，"
                 f"废止规章 {_n(made['repealed'])} 件、行政规范性文件 {_n(in_force['repealed'])} 件，"
                 f"截至年底现行有效规章 {_n(made['in_force'])} 件、行政规范性文件 {_n(in_force['in_force'])} 件。")
    decisions = [(t2["art20_5"]["licensing"]["decisions"], "行政许可"),
                 (t2["art20_6"]["penalty"]["decisions"], "行政处罚"),
                 (t2["art20_6"]["coercion"]["decisions"], "行政强制")]
    known = [f"{label}处理决定 {value} 件" for value, label in decisions if value is not None]
    if known:
        proactive += "作出" + "、".join(known) + "。"
    fees = t2["art20_8"]["fees"]["amount_10k_yuan"]
    if fees is not None:
        proactive += f"收取行政事业性收费 {_amount(fees)} 万元。"
    lines.append(proactive)

    spec = form["tables"]["t3"]
    by_group = defaultdict(int)
    for row in spec["rows"]:
        if row.get("group", "").startswith("（") and "sum_of" not in row:
            by_group[row["group"]] += t3[row["key"]]["total"]
    titles = {row["key"]: row["title"] for row in spec["rows"]}
    results = [(t3["r1"]["total"], titles["r1"]), (t3["r2"]["total"], "（二）部分公开")]
    results += [(n, group) for group, n in by_group.items()]
    detail = "、".join(f"{title.split('）', 1)[-1]} {n} 件" for n, title in results if n)
    lines.append(f"（二）依申请公开。本年度新收政府信息公开申请 {t3['new']['total']} 件，"
                 f"上年结转 {t3['carried_in']['total']} 件；办结 {t3['r7']['total']} 件"
                 + (f"，其中{detail}" if detail else "")
                 + f"；结转下年度继续办理 {t3['carried_out']['total']} 件。")
    suits = sum(t4[group["key"]]["total"] for group in form["tables"]["t4"]["column_groups"]
                if group["key"] != "review")
    lines.append(f"（三）行政复议和行政诉讼。本年度因政府信息公开被申请行政复议 {t4['review']['total']} 件，"
                 f"被提起行政诉讼 {suits} 件。")
    return "\n".join(lines)


def other_matters_text(report, built) -> str:
    """六、其他需要报告的事项: the information processing fees collected (国办函〔2020〕109号)."""
    paid = FeeNotice.objects.filter(request__agency=report.agency, paid_on__year=report.year).aggregate(
        n=Count("pk"), total=Sum("amount"))
    if not paid["n"]:
        return "本年度未收取政府信息公开信息处理费。"
    return (f"本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费 {paid['n']} 件，"
            f"共计 {paid['total']:.2f} 元。")


STARTING_TEXTS = {"overview": overview_text, "other_matters": other_matters_text}
