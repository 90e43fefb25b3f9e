import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from zhengwu.conftest import add_to_prepared_state
from zhengwu.privacy.validators import resident_id_check_digit

from .testmodels import Applicant


def make_resident_id(first17="43010219900101123"):
    return first17 + resident_id_check_digit(first17)


VALID_ID = make_resident_id()  # "430102199001011238", computed from GB 11643 rather than typed
ID_WITH_X = make_resident_id("43010219850615108")  # check character X


@pytest.fixture(scope="session")
def applicant_table(django_db_setup, django_db_blocker):
    def create():
        with connection.schema_editor() as editor:
            editor.create_model(Applicant)

    add_to_prepared_state(django_db_blocker, create)
    yield Applicant
    with django_db_blocker.unblock():
        if Applicant._meta.db_table in connection.introspection.table_names():
            with connection.schema_editor() as editor:
                editor.delete_model(Applicant)


@pytest.fixture
def applicants(db, applicant_table):
    # The content type of the test model is created inside each test's transaction and rolled back with it.
    ContentType.objects.clear_cache()
    yield applicant_table
    ContentType.objects.clear_cache()
