import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import connection, models
from django.db.migrations.writer import MigrationWriter
from django.test import override_settings
from django.test.utils import isolate_apps

from zhengwu.privacy.fields import (
    BlindIndexField,
    DecryptionError,
    EncryptedCharField,
    EncryptedTextField,
    reencrypt,
)
from zhengwu.privacy.hashing import ID_NUMBER, blind_index, blind_index_candidates

from .conftest import ID_WITH_X, VALID_ID

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


def raw_row(pk):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id_number, phone, address, id_number_index FROM privacy_tests_applicant WHERE id = %s", [pk]
        )
        return cursor.fetchone()


def test_column_holds_ciphertext_not_plaintext(applicants):
    person = applicants.objects.create(name="张三丰", id_number=VALID_ID, phone="13812345678",
                                       address="湖南省长沙市岳麓区麓山南路1号")
    id_number, phone, address, index = raw_row(person.pk)
    for stored, plain in ((id_number, VALID_ID), (phone, "13812345678"), (address, "湖南省长沙市岳麓区麓山南路1号")):
        assert plain not in stored
        assert stored.startswith("gAAAAA")  # a Fernet token
    assert "1234" not in phone and "5678" not in phone
    assert index == blind_index(VALID_ID, ID_NUMBER) and len(index) == 64


def test_round_trip_and_update(applicants):
    person = applicants.objects.create(name="李四", id_number=VALID_ID, phone="13812345678", address="长沙")
    loaded = applicants.objects.get(pk=person.pk)
    assert (loaded.id_number, loaded.phone, loaded.address) == (VALID_ID, "13812345678", "长沙")
    assert list(applicants.objects.values_list("phone", flat=True)) == ["13812345678"]
    applicants.objects.filter(pk=person.pk).update(address="株洲市天元区")
    assert "株洲" not in raw_row(person.pk)[2]
    loaded.refresh_from_db()
    assert loaded.address == "株洲市天元区"


def test_none_and_empty_are_stored_as_they_are(applicants):
    person = applicants.objects.create(name="王五", id_number=None, phone="", address="")
    assert raw_row(person.pk) == (None, "", "", None)
    loaded = applicants.objects.get(pk=person.pk)
    assert (loaded.id_number, loaded.phone, loaded.address) == (None, "", "")
    field = EncryptedTextField()
    assert field.get_prep_value(None) is None and field.get_prep_value("") == ""
    assert field.from_db_value(None, None, connection) is None and field.from_db_value("", None, connection) == ""


def test_same_value_encrypts_differently_each_time():
    field = EncryptedCharField(max_length=18)
    assert field.get_prep_value(VALID_ID) != field.get_prep_value(VALID_ID)


def test_filtering_by_encrypted_field_raises(applicants):
    applicants.objects.create(name="赵六", id_number=VALID_ID)
    for lookup in ({"id_number": VALID_ID}, {"phone__startswith": "138"}, {"address__icontains": "长沙"},
                   {"id_number__in": [VALID_ID]}, {"phone__lower": "x"}):
        with pytest.raises(FieldError, match="加密字段"):
            list(applicants.objects.filter(**lookup))
    with pytest.raises(FieldError):
        applicants.objects.exclude(id_number=VALID_ID).count()
    assert applicants.objects.filter(id_number__isnull=False).count() == 1
    assert applicants.objects.filter(id_number__isnull=True).count() == 0


def test_blind_index_lookup_and_duplicates(applicants):
    first = applicants.objects.create(name="甲", id_number=VALID_ID, phone="13812345678")
    applicants.objects.create(name="乙", id_number=None)
    with_x = applicants.objects.create(name="丁", id_number=ID_WITH_X.lower())
    assert list(applicants.objects.filter(id_number_index__matches=ID_WITH_X)) == [with_x]
    full_width = VALID_ID.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    assert list(applicants.objects.filter(id_number_index__matches=f" {full_width} ")) == [first]
    assert list(applicants.objects.filter(phone_index__matches="138 1234-5678")) == [first]
    assert not applicants.objects.filter(phone_index__matches="13812345679").exists()
    assert not applicants.objects.filter(id_number_index__matches="").exists()
    # Duplicate detection when registering a second record with the same ID number:
    second = applicants(name="丙", id_number=VALID_ID)
    assert applicants.objects.exclude(pk=second.pk).filter(id_number_index__matches=second.id_number).exists()


def test_key_rotation(applicants):
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        person = applicants.objects.create(name="旧", id_number=VALID_ID, phone="13812345678")
    old_token = raw_row(person.pk)[0]
    assert Fernet(OLD_KEY).decrypt(old_token.encode()).decode() == VALID_ID

    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        loaded = applicants.objects.get(pk=person.pk)  # the old key still decrypts
        assert loaded.id_number == VALID_ID
        # Rows indexed under the old key still match a lookup.
        assert applicants.objects.filter(id_number_index__matches=VALID_ID).get() == loaded
        newer = applicants.objects.create(name="新", id_number=VALID_ID, phone="13900001111")
        new_token = raw_row(newer.pk)[0]
        assert Fernet(NEW_KEY).decrypt(new_token.encode()).decode() == VALID_ID  # new writes use the new key
        with pytest.raises(Exception):  # noqa: B017 - InvalidToken
            Fernet(OLD_KEY).decrypt(new_token.encode())
        assert applicants.objects.filter(id_number_index__matches=VALID_ID).count() == 2

    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]):
        with pytest.raises(DecryptionError, match="FIELD_ENCRYPTION_KEYS"):
            applicants.objects.get(pk=person.pk)

    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        assert reencrypt(applicants.objects.all()) == 2

    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]):  # the old key can now be retired
        assert applicants.objects.get(pk=person.pk).id_number == VALID_ID
        assert applicants.objects.filter(id_number_index__matches=VALID_ID).count() == 2
        assert raw_row(person.pk)[3] == blind_index(VALID_ID, ID_NUMBER)


def test_blind_index_properties():
    value = blind_index(VALID_ID, ID_NUMBER)
    assert len(value) == 64 and int(value, 16) >= 0
    assert blind_index(VALID_ID.lower(), ID_NUMBER) == value
    assert blind_index(VALID_ID, "other") != value  # one key per purpose
    assert blind_index(None, ID_NUMBER) is None and blind_index("  ", ID_NUMBER) is None
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        candidates = blind_index_candidates(VALID_ID, ID_NUMBER)
        assert len(candidates) == 2 and candidates[0] == blind_index(VALID_ID, ID_NUMBER)
    with pytest.raises(ValueError):
        blind_index(VALID_ID, "")


def test_bad_key_is_reported_in_chinese():
    with override_settings(FIELD_ENCRYPTION_KEYS=["not-a-key"]):
        with pytest.raises(ImproperlyConfigured, match="第 1 个密钥无效"):
            EncryptedTextField().get_prep_value("x")
    with override_settings(FIELD_ENCRYPTION_KEYS=[]):
        with pytest.raises(ImproperlyConfigured, match="未配置"):
            EncryptedTextField().get_prep_value("x")


def test_fields_deconstruct_and_serialise():
    for field in (EncryptedCharField("身份证号码", max_length=18, blank=True), EncryptedTextField(blank=True),
                  BlindIndexField(source="id_number", purpose=ID_NUMBER),
                  BlindIndexField(source="phone", purpose="phone", unique=True, null=False)):
        name, path, args, kwargs = field.deconstruct()
        assert path.startswith("zhengwu.privacy.fields.")
        clone = type(field)(*args, **kwargs)
        assert clone.deconstruct()[1:] == (path, args, kwargs)
        for attr in ("max_length", "null", "blank", "unique", "db_index", "editable"):
            assert getattr(clone, attr) == getattr(field, attr)
        source, imports = MigrationWriter.serialize(field)
        assert "import zhengwu.privacy.fields" in imports
    assert BlindIndexField(source="a", purpose="b").deconstruct()[3] == {"source": "a", "purpose": "b"}
    assert EncryptedCharField(max_length=18).db_type(connection) == models.TextField().db_type(connection)


@isolate_apps("zhengwu.privacy")
def test_system_checks_refuse_indexes_on_encrypted_fields():
    class Bad(models.Model):
        secret = EncryptedCharField(max_length=10, unique=True)
        index = BlindIndexField(source="secret")

        class Meta:
            app_label = "privacy"

        def __str__(self):
            return "bad"

    ids = {error.id for error in Bad.check()}
    assert {"privacy.E002", "privacy.E003"} <= ids
