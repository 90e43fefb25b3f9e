from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("workdays", *args, stdout=out)
    return out.getvalue().strip().splitlines()


def test_add_prints_the_due_date_last():
    assert run("add", "2025-09-28", "20") == ["2025-10-31"]
    assert run("add", "2025-01-20", "10")[-1] == "2025-02-08"


def test_add_explain():
    lines = run("add", "2025-09-28", "20", "--explain")
    assert lines[-1] == "2025-10-31"
    assert "跳过 2025-10-01…2025-10-08：国庆节、中秋节（法定节假日，不计入）" in lines
    assert "计入调休上班日 2025-10-11（国庆节、中秋节）" in lines
    assert lines[-2] == (
        "自 2025-09-28 起算 20 个工作日（起算日不计入），跳过 2025-10-01…2025-10-08（国庆节、中秋节），"
        "计入调休上班日 2025-10-11，到期日 2025-10-31"
    )


def test_add_explain_warns_about_years_without_data():
    lines = run("add", "2026-12-20", "20", "--explain")
    assert lines[-1] == "2027-01-18（临时）"
    assert "注意：2027 年无官方节假日安排，按周末和《全国年节及纪念日放假办法》规定的法定节假日推算，调休上班日未知（临时）" in lines


def test_check():
    assert run("check", "2025-10-11") == ["2025-10-11 是工作日：调休上班日（国庆节、中秋节）"]
    assert run("check", "2025-10-01") == ["2025-10-01 不是工作日：国庆节（法定节假日）"]
    assert run("check", "2025-10-12") == ["2025-10-12 不是工作日：周日"]
    assert run("check", "2025-10-13") == ["2025-10-13 是工作日：工作日"]
    assert run("check", "2027-01-01") == [
        "2027-01-01 不是工作日：元旦（法定节假日）（临时：2027 年无官方节假日安排，按周末和法定节假日推算）"
    ]
    assert run("check", "2027-01-04") == [
        "2027-01-04 是工作日：工作日（临时：2027 年无官方节假日安排，按周末和法定节假日推算）"
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        (("add", "2025-13-01", "10"), "起算日“2025-13-01”无效"),
        (("add", "2025-10-01", "-5"), "工作日数 -5 超出范围"),
        (("add", "2025-10-01", "0"), "工作日数 0 超出范围"),
        (("add", "2025-10-01", "十"), "工作日数“十”无效"),
        (("add", "2025/10/01", "5"), "应为 YYYY-MM-DD"),
        (("check", "2025-02-30"), "日期“2025-02-30”无效"),
    ],
)
def test_bad_input_is_a_command_error(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_add_marks_a_provisional_date_without_explain():
    assert run("add", "2026-12-20", "20") == ["2027-01-18（临时）"]
    assert run("add", "2025-09-28", "20") == ["2025-10-31"]
