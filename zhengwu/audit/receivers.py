"""What is recorded, without touching the apps that act: Django's login signals and the lock-out's signal;
every Wagtail log entry (pages and models: create, edit, publish, unpublish, delete, workflow…); every event
row of every case or record timeline (subclasses of cases.events.Event); every viewing of full personal data
(privacy.PersonalDataAccess, written by privacy.access.reveal). Private document downloads are recorded by a
Wagtail hook (wagtail_hooks.py). Each receiver writes one entry in the transaction of the write it follows."""

from django.apps import apps
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from wagtail.log_actions import registry as log_action_registry
from wagtail.models.audit_log import BaseLogEntry

from zhengwu.cases.events import Event
from zhengwu.portal.login_guard import lockout_started
from zhengwu.privacy.masking import mask_text

from .context import current_request
from .log import record


def _who(user):
    return "工作人员" if getattr(user, "is_staff", False) else "公众用户"


def logged_in(sender, request, user, **kwargs):
    record("auth.login", f"{_who(user)}登录成功", request=request, user=user, detail={"staff": user.is_staff})


def logged_out(sender, request, user, **kwargs):
    if user is None:
        return
    record("auth.logout", f"{_who(user)}退出登录", request=request, user=user)


def login_failed(sender, credentials, request=None, **kwargs):
    # Django has already replaced anything that looks like a secret in `credentials`; only the name is kept,
    # masked where it is a phone number, e-mail or ID number (a citizen's sign-in name).
    username = mask_text(str(credentials.get("username") or credentials.get("email") or credentials.get("phone")
                             or ""))
    refused = getattr(request, "login_refused_during_lockout", False)
    record("auth.login_refused" if refused else "auth.login_failed",
           "锁定期间登录被拒绝" if refused else "登录失败（用户名或密码不正确）",
           request=request, actor_id=None, actor_username=username, object_type="auth.user", object_id="")


def locked_out(sender, request, username, scope, **kwargs):
    what = "账号" if scope == "account" else "客户端地址"
    record("auth.lockout", f"登录失败次数达到上限，{what}被暂时锁定", request=request, actor_id=None,
           actor_username=mask_text(str(username or "")), detail={"scope": scope})


def wagtail_logged(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    content_type = ContentType.objects.get_for_id(instance.content_type_id) if instance.content_type_id else None
    model = content_type.model_class() if content_type is not None else None
    object_id = instance.object_id() if callable(instance.object_id) else instance.object_id
    try:
        action_label = str(log_action_registry.get_action_label(instance.action))
    except KeyError:
        action_label = instance.action
    what = str(model._meta.verbose_name) if model is not None else "已删除类型的对象"
    record(instance.action, f"{what}「{mask_text(instance.label)[:60]}」：{action_label}",
           actor_id=instance.user_id, object_type=f"{content_type.app_label}.{content_type.model}" if content_type else "",
           object_id=object_id,
           detail={"log_entry": instance._meta.label_lower, "log_entry_id": instance.pk,
                   "uuid": str(instance.uuid) if instance.uuid else None, "revision": instance.revision_id,
                   "content_changed": instance.content_changed, "deleted": instance.deleted, "data": instance.data})


def event_written(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    subject = sender._meta.get_field(sender.subject_field)
    subject_id = getattr(instance, subject.attname)
    kind = instance.get_kind_display() if hasattr(instance, "get_kind_display") else instance.kind
    detail = {"event": sender._meta.label_lower, "event_id": instance.pk, "kind": instance.kind,
              "message": instance.message, "data": instance.data}
    for name in ("on", "public"):
        if hasattr(instance, name):
            detail[name] = getattr(instance, name)
    record(f"event.{sender._meta.app_label}.{instance.kind}",
           f"{subject.related_model._meta.verbose_name} #{subject_id}：{kind}",
           actor_id=instance.actor_id, object_type=subject.related_model._meta.label_lower, object_id=subject_id,
           detail=detail)


def personal_data_revealed(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    content_type = ContentType.objects.get_for_id(instance.content_type_id)
    model = content_type.model_class()
    what = str(model._meta.verbose_name) if model is not None else content_type.model
    record("privacy.reveal", f"查看{what} #{instance.object_id} 的完整个人信息（{instance.fields}）",
           actor_id=instance.user_id, actor_username=instance.username,
           address=(instance.ip or "") if current_request() is None else None,
           object_type=f"{content_type.app_label}.{content_type.model}", object_id=instance.object_id,
           detail={"fields": instance.fields.split(","), "reason": instance.reason, "access_id": instance.pk})


def connect():
    """Called from AuditConfig.ready(): every model is loaded, so every event and log entry model is found."""
    user_logged_in.connect(logged_in, dispatch_uid="audit.logged_in")
    user_logged_out.connect(logged_out, dispatch_uid="audit.logged_out")
    user_login_failed.connect(login_failed, dispatch_uid="audit.login_failed")
    lockout_started.connect(locked_out, dispatch_uid="audit.locked_out")
    for model in apps.get_models():
        if issubclass(model, BaseLogEntry):
            post_save.connect(wagtail_logged, sender=model, dispatch_uid=f"audit.wagtail.{model._meta.label_lower}")
        elif issubclass(model, Event) and model.subject_field:
            post_save.connect(event_written, sender=model, dispatch_uid=f"audit.event.{model._meta.label_lower}")
    post_save.connect(personal_data_revealed, sender=apps.get_model("privacy", "PersonalDataAccess"),
                      dispatch_uid="audit.personal_data")
