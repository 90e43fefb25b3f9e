"""The FOI demo's plan and invented applicants (the loaded data itself is checked in portal's test_loaddemo)."""

import random

from zhengwu.demo.people import GIVEN_MALE, People
from zhengwu.foi.demo import OPEN_AGES
from zhengwu.foi.demo_cases import ANSWERED, CLOSED, OPEN
from zhengwu.foi.models import ApplicantType
from zhengwu.foi.outcomes import outcomes
from zhengwu.orgs import credit_code
from zhengwu.privacy.validators import validate_mobile_phone, validate_resident_id


def test_plan_covers_every_outcome_and_open_state():
    assert {o.key for o in outcomes()} == {case.outcome for case in ANSWERED + CLOSED}
    assert {case.state for case in OPEN} == set(OPEN_AGES)
    assert {case.outcome for case in CLOSED} == {"r6_1", "r6_2"}  # these two only through the lapse sweep
    assert {kind for case in ANSWERED for kind, _, _ in case.remedies} == {"review", "suit_direct",
                                                                           "suit_after_review"}


def test_invented_applicants_have_well_formed_numbers():
    people = People(random.Random(1))
    for _ in range(200):
        person = people.person()
        validate_resident_id(person.id_number)
        validate_mobile_phone(person.phone)
        assert person.phone[:2] in ("13", "15", "18") and person.email.endswith("@example.com")
        assert int(person.id_number[16]) % 2 == (person.name[1:] in GIVEN_MALE)  # 顺序码: odd for men
    kinds = [t for t in ApplicantType.values if t != ApplicantType.NATURAL_PERSON]
    for kind in kinds:
        org = people.organisation(kind)
        assert credit_code.validate(org.id_number) == "" and org.contact_person and org.type == kind
    assert people.person(key="same") is people.person(key="same")
