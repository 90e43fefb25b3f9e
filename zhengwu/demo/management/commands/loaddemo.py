import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from zhengwu.consultation.demo import load_consultation_demo
from zhengwu.disclosure.demo import ensure_sections, load_items
from zhengwu.disclosure.seed import load_taxonomies
from zhengwu.foi.demo import load_requests
from zhengwu.interaction.demo import load_interaction_demo
from zhengwu.orgs.demo import DEMO_PASSWORD, load_accounts, load_agencies
from zhengwu.portal.demo import load_articles, load_pages, search_indexing_deferred
from zhengwu.powers.demo import load_powers_demo
from zhengwu.powers.demo_enforcement import load_enforcement_demo
from zhengwu.reports.demo import load_annual_reports
from zhengwu.reports.monthly.demo import load_monthly_demo
from zhengwu.services.cases.demo import load_service_cases_demo
from zhengwu.services.catalog.demo import load_catalog_demo
from zhengwu.services.centres.demo import load_centres_demo
from zhengwu.supervision.sweep import run_sweep


class Command(BaseCommand):
    help = "载入湖南演示数据（区划、机构、门户网站群、演示账号），可重复运行，已存在的不会重复创建。"

    def handle(self, *args, **options):
        started = time.monotonic()
        province = load_agencies(self.stdout)
        load_pages(province, self.stdout)
        load_articles()
        accounts = load_accounts()
        load_taxonomies()
        with search_indexing_deferred():
            ensure_sections()
            items = load_items()
        if items:
            call_command("update_index", verbosity=0)
            self.stdout.write(f"已载入 {items} 条政府信息公开演示信息。")
        foi_started = time.monotonic()
        requests, complaints = load_requests()
        if requests:
            self.stdout.write(f"已载入 {requests} 件依申请公开演示申请、{complaints} 件投诉举报"
                              f"（{time.monotonic() - foi_started:.1f} 秒）。")
        reports = load_annual_reports()
        if reports:
            self.stdout.write(f"已载入 {reports} 份政府信息公开工作年度报告（已发布、逾期发布、审核中、草稿）。")
        monthly = load_monthly_demo()
        if monthly:
            self.stdout.write(f"已载入 {monthly} 份月报（已通过、已上报、已退回、未上报、逾期）。")
        load_catalog_demo(self.stdout)
        load_centres_demo(self.stdout)
        cases_started = time.monotonic()
        new_cases = load_service_cases_demo(stdout=self.stdout)
        new_letters = load_interaction_demo(self.stdout)
        if new_cases or new_letters:
            swept = run_sweep()  # after every kind of case is in: letters get their cards too
            self.stdout.write(f"电子监察首次扫描：预警 {swept['warnings']}、黄牌 {swept['yellow']}、红牌 {swept['red']}、"
                              f"超时 {swept['overdue']}（办件、来信载入与扫描共 {time.monotonic() - cases_started:.1f} 秒）。")
        load_consultation_demo(self.stdout)
        powers = load_powers_demo()
        if powers:
            self.stdout.write(f"权力清单：{powers} 项行政权力（含行政处罚裁量基准），见 /qlqd/。")
        decisions = load_enforcement_demo()
        if decisions:
            self.stdout.write(f"权力运行：流程图、执法依据和 {decisions} 项行政执法决定（双公示），见 /qlqd/sgs/。")
        self.stdout.write(f"演示数据就绪（{time.monotonic() - started:.1f} 秒）。")
        self.stdout.write("")
        self.stdout.write("门户：http://127.0.0.1:8000/    管理后台：http://127.0.0.1:8000/admin/")
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}；首次登录管理后台须用手机身份验证器扫码绑定双因素认证，"
                          "仅开发时可用 STAFF_OTP_REQUIRED=0 make run 跳过）：")
        for username, full_name, agency, role in accounts:
            self.stdout.write(f"  {username:<18}{full_name}（{agency} · {role}）")
