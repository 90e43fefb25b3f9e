"""Divisions, agencies and staff roles: who owns each record, and who may see or change it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from . import credit_code


class Division(models.Model):
    """An administrative division (GB/T 2260 for county and above, 9-digit statistical codes below)."""

    class Level(models.TextChoices):
        PROVINCE = "province", "省"
        PREFECTURE = "prefecture", "市州"
        COUNTY = "county", "县市区"
        TOWNSHIP = "township", "乡镇/街道"
        VILLAGE = "village", "村/社区"
        STAT_ONLY_ZONE = "stat_only_zone", "统计功能区"

    code = models.CharField("区划代码", max_length=12, unique=True)
    name = models.CharField("名称", max_length=100)
    level = models.CharField("层级", max_length=20, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self", verbose_name="上级区划", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    is_active = models.BooleanField("现行有效", default=True, help_text="撤销或更名后的旧代码保留为无效记录，不删除。")
    replaced_by = models.ForeignKey(
        "self", verbose_name="由此代码取代", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField("演示数据", default=False)

    class Meta:
        verbose_name = "行政区划"
        verbose_name_plural = "行政区划"
        ordering = ["code"]

    def __str__(self):
        return f"{self.name}（{self.code}）"


class AgencyQuerySet(MP_NodeQuerySet):
    def in_scope(self, user, roles=None):
        """THE scope query: the agencies whose records `user` may see or change.

        A role held in an agency reaches that agency's whole subtree. `roles` narrows the
        question to some roles (e.g. only 保密审查员 may approve). Superusers reach everything.
        Every list, view, admin listing and API filters through this (or `scoped()` below).
        """
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        grants = StaffRole.objects.filter(user=user)
        if roles is not None:
            grants = grants.filter(role__in=list(roles))
        paths = sorted(set(grants.values_list("agency__path", flat=True)))
        # Drop paths already covered by an ancestor path so the OR stays short.
        roots = [p for i, p in enumerate(paths) if not any(p.startswith(q) for q in paths[:i])]
        if not roots:
            return self.none()
        condition = Q()
        for path in roots:
            condition |= Q(path__startswith=path)
        return self.filter(condition)


class AgencyManager(MP_NodeManager):
    def get_queryset(self):
        return AgencyQuerySet(self.model).order_by("path")

    def in_scope(self, user, roles=None):
        return self.get_queryset().in_scope(user, roles)


def scoped(queryset, user, roles=None, agency_field="agency"):
    """Filter any agency-owned queryset to what `user` may see, through Agency.objects.in_scope."""
    if agency_field == "":
        return queryset.filter(pk__in=Agency.objects.in_scope(user, roles).values("pk"))
    return queryset.filter(**{f"{agency_field}__in": Agency.objects.in_scope(user, roles).values("pk")})


def holds(user, agency, roles) -> bool:
    """Whether `user` holds one of `roles` (a list of roles, or a duty key of orgs.duties) over `agency` (an
    Agency or its pk): the scope query asked of one agency. Every “may this user act on this case” is this."""
    if isinstance(roles, str):
        from .duties import roles as duty_roles
        roles = duty_roles(roles)
    return Agency.objects.in_scope(user, roles).filter(pk=getattr(agency, "pk", agency)).exists()


def grants_at(agency_ids):
    """(agency id, role, user id) of every role held in these agencies: for batch work over many agencies at
    once (the supervision notices), where asking holds() per agency would cost a query each."""
    return StaffRole.objects.filter(agency_id__in=agency_ids).values_list("agency_id", "role", "user_id")


def holders_by_path(role):
    """(agency path, user id) of everyone holding `role`: a role reaches the subtree under that path."""
    return StaffRole.objects.filter(role=role).values_list("agency__path", "user_id")


def agencies_held(user, roles):
    """The ids of the agencies where `user` holds one of `roles` themselves (not their subtrees)."""
    return StaffRole.objects.filter(user=user, role__in=list(roles)).values("agency_id")


def holds_any(user, roles) -> bool:
    """Whether an active user holds one of `roles` anywhere (a superuser always does): who sees an admin menu.
    Which records they then see is the scope query's answer. Cached on the user object for the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cache = user.__dict__.setdefault("_held_roles_cache", {})
    key = tuple(sorted(roles))
    if key not in cache:
        cache[key] = StaffRole.objects.filter(user=user, role__in=list(roles)).exists()
    return cache[key]


class Agency(MP_Node):
    """An agency: a government, one of its departments, a township, a village committee, a public body."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", "人民政府"
        COMPONENT = "component", "组成部门"
        DIRECT = "direct", "直属机构"
        CENTRAL = "central", "中央在湘单位"
        TOWNSHIP = "township", "乡镇/街道"
        VILLAGE = "village", "村/社区"
        PUBLIC_INSTITUTION = "public_institution", "公共企事业单位"

    # Kinds that are a government of their own (with their own portal or section), not one of its units.
    GOVERNMENT_KINDS = (Kind.GOVERNMENT, Kind.TOWNSHIP)

    name = models.CharField("机构名称", max_length=100)
    short_name = models.CharField("简称", max_length=50, blank=True)
    slug = models.SlugField(
        "英文标识", max_length=60, help_text="用于网址与子域名，如 czt（财政厅）、changsha（长沙市）。"
    )
    kind = models.CharField("机构类型", max_length=30, choices=Kind.choices, db_index=True)
    credit_code = models.CharField(
        "统一社会信用代码", max_length=18, unique=True, null=True, blank=True,
        help_text="18 位，作为政府信息公开索引号的前缀。",
    )
    division = models.ForeignKey(
        Division, verbose_name="所在行政区划", null=True, blank=True, on_delete=models.PROTECT, related_name="agencies"
    )
    home_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="网站首页", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text="门户、部门子站或乡镇专栏的首页；编辑权限按此页面子树授予。",
    )
    # 机构概况 (条例第二十条第（二）项): kept here once, shown on the agency's 政府信息公开 section.
    functions = models.TextField("机关职能", blank=True)
    internal_units = models.TextField("内设机构", blank=True, help_text="每行一个：名称及主要职责。")
    address = models.CharField("办公地址", max_length=200, blank=True)
    office_hours = models.CharField("办公时间", max_length=100, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    head_name = models.CharField("负责人姓名", max_length=50, blank=True)
    head_title = models.CharField("负责人职务", max_length=50, blank=True)
    is_demo = models.BooleanField("演示数据", default=False)

    node_order_by = None
    objects = AgencyManager()

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = "机构"

    def __str__(self):
        return self.name

    @property
    def has_profile(self):
        return bool(self.functions or self.address or self.head_name)

    def clean(self):
        if self.credit_code:
            self.credit_code = self.credit_code.strip().upper()
            message = credit_code.validate(self.credit_code)
            if message:
                raise ValidationError({"credit_code": message})


class Role(models.TextChoices):
    PUBLISHER = "publisher", "信息发布员"
    SECRECY_REVIEWER = "secrecy_reviewer", "保密审查员"
    FOI_HANDLER = "foi_handler", "依申请公开经办人"
    DISCLOSURE_HEAD = "disclosure_head", "政府信息公开工作机构负责人"
    WINDOW_CLERK = "window_clerk", "窗口工作人员"
    MAILBOX_HANDLER = "mailbox_handler", "信箱办理人员"
    ENFORCEMENT_OFFICER = "enforcement_officer", "行政执法人员"
    INSPECTOR = "inspector", "监察员"
    AGENCY_ADMIN = "agency_admin", "单位管理员"
    SYSTEM_ADMIN = "system_admin", "系统管理员"


class StaffRole(models.Model):
    """A role a staff member holds in an agency; it reaches the agency's subtree."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="staff_roles")
    agency = models.ForeignKey(Agency, verbose_name="机构", on_delete=models.CASCADE, related_name="staff_roles")
    role = models.CharField("角色", max_length=30, choices=Role.choices)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="授权人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField("授权时间", auto_now_add=True)

    class Meta:
        verbose_name = "人员角色"
        verbose_name_plural = "人员角色"
        constraints = [models.UniqueConstraint(fields=["user", "agency", "role"], name="unique_staff_role")]
        indexes = [models.Index(fields=["user", "role"])]

    def __str__(self):
        return f"{self.user} · {self.agency} · {self.get_role_display()}"
