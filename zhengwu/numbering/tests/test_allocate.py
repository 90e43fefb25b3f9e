"""One allocator for every number: per series, agency and year; gap-free; unique under concurrency."""

import threading

import pytest
from django.db import connection, transaction

from zhengwu.numbering.models import Counter, allocate


def take(series, agency, year):
    with transaction.atomic():
        return allocate(series, agency, year)


def test_numbers_count_per_series_agency_and_year(hunan):
    assert [take("disclosure.index", hunan.czt, 2026) for _ in range(3)] == [1, 2, 3]
    assert take("disclosure.index", hunan.czt, 2025) == 1
    assert take("disclosure.index", hunan.zrzyt, 2026) == 1
    assert take("foi.request", hunan.czt, 2026) == 1


def test_rolled_back_number_is_given_back(hunan):
    assert take("x", hunan.czt, 2026) == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        assert allocate("x", hunan.czt, 2026) == 2
        raise RuntimeError("the record that was to carry the number failed")
    assert take("x", hunan.czt, 2026) == 2


@pytest.mark.django_db(transaction=True)
def test_refuses_to_run_outside_a_transaction():
    from zhengwu.orgs.models import Agency

    agency = Agency.add_root(name="事务测试机构", slug="tx", kind=Agency.Kind.GOVERNMENT)
    with pytest.raises(RuntimeError):
        allocate("x", agency, 2026)
    assert not Counter.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="SQLite 测试库在内存中，多线程并发由 SQLite 的 IMMEDIATE 事务串行化，此处只在 PostgreSQL 上验证。")
@pytest.mark.django_db(transaction=True)
def test_concurrent_allocations_are_unique_and_gap_free():
    from zhengwu.orgs.models import Agency

    agency = Agency.add_root(name="并发测试机构", slug="concurrency", kind=Agency.Kind.GOVERNMENT)
    numbers, errors = [], []
    barrier = threading.Barrier(8)

    def worker():
        try:
            barrier.wait()
            for _ in range(10):
                numbers.append(take("race", agency, 2026))
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(numbers) == list(range(1, 81))
    assert Counter.objects.get(series="race").last_value == 80
