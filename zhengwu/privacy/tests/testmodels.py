"""A test-only model: registered under an app label that is not installed, so it needs no migration and
makemigrations never sees it; conftest.py creates its table for the test session."""

from django.db import models

from zhengwu.privacy.fields import BlindIndexField, EncryptedCharField, EncryptedTextField
from zhengwu.privacy.hashing import ID_NUMBER, PHONE
from zhengwu.privacy.validators import validate_mobile_phone, validate_resident_id


class Applicant(models.Model):
    name = models.CharField(max_length=50)
    id_number = EncryptedCharField(max_length=18, blank=True, null=True, validators=[validate_resident_id])
    id_number_index = BlindIndexField(source="id_number", purpose=ID_NUMBER)
    phone = EncryptedCharField(max_length=20, blank=True, validators=[validate_mobile_phone])
    phone_index = BlindIndexField(source="phone", purpose=PHONE)
    address = EncryptedTextField(blank=True)

    class Meta:
        app_label = "privacy_tests"
        db_table = "privacy_tests_applicant"

    def __str__(self):
        return self.name
