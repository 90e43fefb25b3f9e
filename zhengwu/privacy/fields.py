"""Model fields for personal data.

``EncryptedCharField``, ``EncryptedTextField`` and ``EncryptedJSONField`` store Fernet ciphertext (AES-128-CBC + HMAC-SHA256) in a
text column and give back plaintext on load. Keys come from settings.FIELD_ENCRYPTION_KEYS through
``cryptography.fernet.MultiFernet``: the first key encrypts, every key decrypts. None and "" are stored
as they are. ``max_length`` of EncryptedCharField limits the plaintext (forms, full_clean); the column is
always text, because ciphertext is longer.

Ciphertext is randomised, so the database cannot compare it: every lookup except ``isnull`` raises
FieldError, and unique/db_index are refused by a system check. For exact-match lookups and duplicate
detection add a ``BlindIndexField`` next to the encrypted field::

    id_number = EncryptedCharField("身份证号码", max_length=18, blank=True, validators=[validate_resident_id])
    id_number_index = BlindIndexField(source="id_number", purpose=ID_NUMBER)

    Applicant.objects.filter(id_number_index__matches="430102199001011234")

The index is computed in ``pre_save`` (save(), create(), bulk_create()). ``QuerySet.update()`` and
``bulk_update()`` skip pre_save: set the index yourself there (``hashing.blind_index``).

Not protected by encryption, so keep personal fields out of them: Wagtail ``search_fields`` (the search
index holds plaintext), ``dumpdata`` (exports plaintext), ``ordering`` (orders ciphertext), logs.
"""

import json

from cryptography.fernet import InvalidToken
from django.core import checks
from django.core.exceptions import FieldError, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.lookups import In

from . import hashing
from .keys import multi_fernet


class DecryptionError(Exception):
    """A stored value cannot be decrypted by any configured key (wrong or retired key, damaged data)."""


class EncryptedFieldMixin:
    def get_internal_type(self):
        return "TextField"

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        if self.unique or self.db_index or self.primary_key:
            errors.append(checks.Error(
                "加密字段不能设为主键、唯一或建索引：密文每次不同，数据库无法比较。",
                hint="如需按值查找或查重，请另加 BlindIndexField。",
                obj=self,
                id="privacy.E002",
            ))
        return errors

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        try:
            return multi_fernet().decrypt(value.encode()).decode()
        except InvalidToken as exc:
            raise DecryptionError(
                f"无法解密 {self.model.__name__}.{self.name}：没有可用的密钥（请检查 FIELD_ENCRYPTION_KEYS 是否包含加密时的密钥）。"
            ) from exc

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return multi_fernet().encrypt(str(value).encode()).decode()

    def get_lookup(self, lookup_name):
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        raise FieldError(
            f"加密字段 {self.model.__name__}.{self.name} 不能用于查询条件 '{lookup_name}'：数据库中只有密文。"
            "判断是否为空请用 __isnull；按值查找请改用对应的 BlindIndexField（__matches）。"
        )

    def get_transform(self, lookup_name):
        raise FieldError(
            f"加密字段 {self.model.__name__}.{self.name} 不支持 '{lookup_name}'：数据库中只有密文。"
        )


class EncryptedCharField(EncryptedFieldMixin, models.CharField):
    description = "加密的短文本"


class EncryptedTextField(EncryptedFieldMixin, models.TextField):
    description = "加密的长文本"


class EncryptedJSONField(EncryptedFieldMixin, models.TextField):
    """A JSON value (dict, list, …) stored as the ciphertext of its JSON text: for what applicants type into
    structured forms. The database cannot look inside it (no key lookups), like any encrypted field."""

    description = "加密的 JSON 数据"

    def from_db_value(self, value, expression, connection):
        text = super().from_db_value(value, expression, connection)
        return None if text is None else json.loads(text) if text else self.get_default()

    def to_python(self, value):
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError as exc:
                raise ValidationError("不是有效的 JSON。", code="invalid") from exc
        return value

    def get_prep_value(self, value):
        if value is None:
            return None
        text = json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)
        return multi_fernet().encrypt(text.encode()).decode()

    def value_to_string(self, obj):
        return json.dumps(self.value_from_object(obj), ensure_ascii=False, cls=DjangoJSONEncoder)

    def formfield(self, **kwargs):
        from django import forms

        return super().formfield(**{"form_class": forms.JSONField, **kwargs})


class BlindIndexField(models.CharField):
    """A keyed hash of another field of the same model, kept up to date on save (see hashing.py).

    ``source``: the attribute to index (usually an Encrypted*Field); ``purpose``: selects the key and the
    normalisation (hashing.ID_NUMBER, hashing.PHONE, or any other name). Null when the source is empty,
    so ``unique=True`` refuses duplicates while allowing many blanks.
    """

    description = "盲索引（加密字段的查找哈希）"

    def __init__(self, *args, source=None, purpose=None, **kwargs):
        self.source = source
        self.purpose = purpose
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("db_index", not kwargs.get("unique", False))
        kwargs.setdefault("editable", False)
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        if not self.source or not self.purpose:
            errors.append(checks.Error("BlindIndexField 需要 source 和 purpose。", obj=self, id="privacy.E003"))
        return errors

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        kwargs["purpose"] = self.purpose
        defaults = {"max_length": 64, "editable": False, "null": True, "blank": True, "db_index": not self.unique}
        for key, default in defaults.items():
            kwargs[key] = getattr(self, key)
            if kwargs[key] == default:
                del kwargs[key]
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = hashing.blind_index(getattr(model_instance, self.source), self.purpose)
        setattr(model_instance, self.attname, value)
        return value


@BlindIndexField.register_lookup
class BlindIndexMatches(In):
    """``index_field__matches=<plaintext>``: rows whose index equals the value's index under any configured key."""

    lookup_name = "matches"

    def get_prep_lookup(self):
        if not hasattr(self.rhs, "resolve_expression"):
            self.rhs = hashing.blind_index_candidates(self.rhs, self.lhs.output_field.purpose)
        return super().get_prep_lookup()


def encrypted_fields(model):
    return [f for f in model._meta.concrete_fields if isinstance(f, EncryptedFieldMixin | BlindIndexField)]


def reencrypt(queryset, batch_size=500):
    """Rewrite every encrypted field and blind index of `queryset` under the newest key (after prepending a
    key to FIELD_ENCRYPTION_KEYS, and before removing the old one). Returns the number of rows rewritten."""
    names = [f.name for f in encrypted_fields(queryset.model)]
    count = 0
    if not names:
        return count
    for obj in queryset.order_by("pk").iterator(chunk_size=batch_size):
        obj.save(update_fields=names)
        count += 1
    return count
