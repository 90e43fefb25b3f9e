"""What each role may do: one registry of duties, each naming the roles that hold it. The admin, the APIs and
the reports ask it (through `roles(...)` for the scope query, or `holds(user, agency, duty)`); no app keeps a
list of roles of its own.

A role held in an agency reaches its subtree (orgs.models: the scope query), so a duty is always held *over*
an agency. Django model permissions and Wagtail page permissions per role are in orgs/permissions.py."""

from dataclasses import dataclass

from .models import Role


@dataclass(frozen=True)
class Duty:
    label: str
    roles: tuple[str, ...]


_HANDLE_FOI = (Role.FOI_HANDLER, Role.AGENCY_ADMIN, Role.SYSTEM_ADMIN)
_HANDLE_SERVICES = (Role.WINDOW_CLERK, Role.AGENCY_ADMIN, Role.SYSTEM_ADMIN)
_HANDLE_LETTERS = (Role.MAILBOX_HANDLER, Role.AGENCY_ADMIN, Role.SYSTEM_ADMIN)
_DRAFT = (Role.PUBLISHER, Role.AGENCY_ADMIN, Role.SYSTEM_ADMIN)
_ADMINISTER = (Role.AGENCY_ADMIN, Role.SYSTEM_ADMIN)
_EDIT_REPORTS = (Role.FOI_HANDLER, Role.DISCLOSURE_HEAD, Role.AGENCY_ADMIN, Role.SYSTEM_ADMIN)

DUTIES: dict[str, Duty] = {
    # 依申请公开
    "foi.handle": Duty("办理政府信息公开申请和投诉", _HANDLE_FOI),
    "foi.view": Duty("查看政府信息公开申请", (*_HANDLE_FOI, Role.DISCLOSURE_HEAD, Role.SECRECY_REVIEWER, Role.INSPECTOR)),
    "foi.approve_extension": Duty("批准延期答复（条例第三十三条）", (Role.DISCLOSURE_HEAD,)),
    "foi.review_reply": Duty("审签答复告知书", (Role.DISCLOSURE_HEAD, Role.SECRECY_REVIEWER)),
    "foi.open_case_files": Duty("查阅申请的告知书和材料", (*_HANDLE_FOI, Role.DISCLOSURE_HEAD, Role.SECRECY_REVIEWER)),
    "foi.see_personal_data": Duty("查看申请人完整个人信息", _HANDLE_FOI),
    # 政务服务
    "services.handle": Duty("受理、办理政务服务办件", _HANDLE_SERVICES),
    "services.view": Duty("查看政务服务办件", (*_HANDLE_SERVICES, Role.INSPECTOR)),
    "services.edit_catalog": Duty("维护事项目录和办事指南", _HANDLE_SERVICES),
    "services.edit_topics": Duty("维护主题分类（全省通用）", (Role.SYSTEM_ADMIN,)),
    "services.edit_centres": Duty("维护便民服务中心（站）", _ADMINISTER),
    # 互动交流
    "letters.handle": Duty("分办、办理信箱来信", _HANDLE_LETTERS),
    "letters.view": Duty("查看信箱来信", (*_HANDLE_LETTERS, Role.INSPECTOR)),
    "letters.edit_mailboxes": Duty("设置信箱", _ADMINISTER),
    # 决策公开 and 在线访谈
    "consultation.draft": Duty("起草征求意见、听证、调查、访谈，审核意见", _DRAFT),
    "consultation.approve": Duty("批准发布（不得批准本人起草的）", _ADMINISTER),
    "consultation.view": Duty("查看决策公开事务", (*_DRAFT, Role.INSPECTOR)),
    "consultation.export_phones": Duty("导出调查的联系电话", _ADMINISTER),
    # 报告
    "reports.edit": Duty("编制年度报告和月报", _EDIT_REPORTS),
    "reports.view": Duty("查看年度报告和月报", (*_EDIT_REPORTS, Role.INSPECTOR)),
    "reports.approve_monthly": Duty("审核月报（顶层）", (Role.DISCLOSURE_HEAD, Role.AGENCY_ADMIN, Role.SYSTEM_ADMIN)),
    "disclosure.view_reports": Duty("查看主动公开统计", (Role.PUBLISHER, Role.SECRECY_REVIEWER, *_ADMINISTER,
                                                    Role.INSPECTOR)),
    # 权力清单
    "powers.edit": Duty("维护本机构的权力清单（导入、变更）", _ADMINISTER),
    "powers.view": Duty("在管理后台查看权力清单", (*_ADMINISTER, Role.PUBLISHER, Role.ENFORCEMENT_OFFICER,
                                                Role.INSPECTOR)),
    "powers.flowcharts": Duty("维护权力运行流程图", (*_ADMINISTER, Role.PUBLISHER)),
    "powers.enforce": Duty("录入行政许可、行政处罚决定", (Role.ENFORCEMENT_OFFICER, *_ADMINISTER)),
    "powers.publish_decisions": Duty("公示行政执法决定（双公示）", (Role.ENFORCEMENT_OFFICER, Role.PUBLISHER, *_ADMINISTER)),
    "powers.view_decisions": Duty("查看行政执法决定", (Role.ENFORCEMENT_OFFICER, Role.PUBLISHER, *_ADMINISTER,
                                                  Role.INSPECTOR)),
    "powers.records": Duty("填报执法依据、案卷评查、过错追究、利益冲突和廉洁性评估记录",
                           (*_ADMINISTER, Role.INSPECTOR)),
    # 电子监察 and the agency tree
    "supervision.supervise": Duty("电子监察：查看全部时限、亮牌，处理效能投诉", (Role.INSPECTOR, Role.SYSTEM_ADMIN)),
    "orgs.administer": Duty("管理本机构及下级机构和人员角色", _ADMINISTER),
    # 安全审计: the log covers the whole platform, so the duty counts only where held at a root (the province)
    "audit.view": Duty("查看安全审计日志（须在省级机构担任）", (Role.INSPECTOR, Role.SYSTEM_ADMIN)),
}


def roles(duty: str) -> list[str]:
    """The roles that hold `duty` (a key of DUTIES): what the scope query is asked with."""
    try:
        return list(DUTIES[duty].roles)
    except KeyError:
        raise LookupError(f"未登记的职责：{duty}") from None
