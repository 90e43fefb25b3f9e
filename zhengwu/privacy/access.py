"""Revealing full personal data, always with a record of who saw what.

``reveal(user, obj, fields, request=None, reason="")`` returns ``{field name: plaintext}`` for `fields` of
`obj` and writes exactly one PersonalDataAccess row (user, object, fields, reason, time, IP) in the same
call; the row is written before the values are returned, so no value leaves without its record.

reveal() does NOT check permissions: the caller decides whether `user` may see the full values of `obj`
(usually through the agency scope, orgs.models.scoped) and calls reveal() only then. Everywhere else show
personal data through privacy.masking.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist

from .models import PersonalDataAccess


def client_ip(request):
    """REMOTE_ADDR of the request (set it from X-Forwarded-For in the proxy, not here: headers can be forged)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def reveal(user, obj, fields, request=None, reason=""):
    if isinstance(fields, str):
        fields = [fields]
    fields = list(dict.fromkeys(fields))
    if not fields:
        raise ValueError("reveal() 需要至少一个字段名。")
    if obj is None or obj.pk is None:
        raise ValueError("reveal() 只能用于已保存的记录。")
    opts = obj._meta
    model_fields = []
    for name in fields:
        try:
            field = opts.get_field(name)
        except FieldDoesNotExist as exc:
            raise ValueError(f"{opts.label} 没有字段 {name}。") from exc
        if not getattr(field, "concrete", False) or field.is_relation:
            raise ValueError(f"{opts.label}.{name} 不是可查看的数据字段。")
        model_fields.append(field)
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    PersonalDataAccess.objects.create(
        user=user,
        username=user.get_username() if user is not None else "",
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk),
        fields=",".join(fields)[:255],
        reason=(reason or "")[:255],
        ip=client_ip(request),
    )
    return {field.name: getattr(obj, field.attname) for field in model_fields}
