from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType

from zhengwu.timelimits.actions import (
    ClockError,
    extend_clock,
    pause_clock,
    recompute_open_clocks,
    restart_clock,
    resume_clock,
    start_clock,
    stop_clock,
)
from zhengwu.timelimits.models import CalendarDay, Clock, ClockEvent

pytestmark = pytest.mark.django_db


def fresh(clock):
    return Clock.objects.get(pk=clock.pk)


def test_start_stores_due_date_and_event(django_user_model):
    user = django_user_model.objects.create_user("clerk", password="x" * 12)
    clock = start_clock("依申请公开 2025-001", date(2025, 9, 28), 20, actor=user, reason="收到申请")
    row = fresh(clock)
    assert (row.state, row.due_on, row.limit_workdays, row.days_used) == (
        "running",
        date(2025, 10, 31),
        20,
        0,
    )
    assert row.started_on == date(2025, 9, 28) and not row.provisional
    event = row.events.get()
    assert (event.kind, event.on, event.workdays, event.actor, event.reason) == (
        "start",
        date(2025, 9, 28),
        20,
        user,
        "收到申请",
    )


def test_owner_is_generic():
    owner = ContentType.objects.get_for_model(Clock)  # any saved model instance will do
    clock = start_clock("示例", date(2025, 3, 3), 5, owner=owner)
    assert fresh(clock).owner == owner
    assert fresh(clock).owner_id == str(owner.pk)


def test_pause_and_resume_exclude_the_paused_days():
    clock = start_clock("补正", date(2025, 3, 3), 20)  # Monday; due 2025-03-31
    assert clock.due_on == date(2025, 3, 31)
    pause_clock(clock, date(2025, 3, 7), "征求第三方意见")  # 03-04..07 counted: 4
    row = fresh(clock)
    assert (row.state, row.days_used, row.due_on) == ("paused", 4, None)
    assert row.days_left(date(2025, 5, 1)) == 16
    resume_clock(clock, date(2025, 3, 14))  # week of 03-10 excluded; 16 more from 03-17
    row = fresh(clock)
    assert (row.state, row.days_used, row.due_on) == ("running", 4, date(2025, 4, 8))
    # 清明 2025-04-04 is a holiday: 03-17..21 (9), 24..28 (14), 31..04-03 (18), 04-07 (19), 04-08 (20).
    assert row.days_left(date(2025, 3, 14)) == 16
    assert row.days_left(date(2025, 4, 8)) == 0
    assert not row.is_overdue(date(2025, 4, 8))
    assert row.days_left(date(2025, 4, 9)) == -1
    assert row.is_overdue(date(2025, 4, 9))


def test_restart_resets_days_used_and_drops_extensions():
    clock = start_clock("补正后重新计时", date(2025, 3, 3), 20)
    extend_clock(clock, date(2025, 3, 5), 10, "情况复杂")
    restart_clock(clock, date(2025, 3, 10), reason="收到补正材料")
    row = fresh(clock)
    assert (row.state, row.days_used, row.limit_workdays) == ("running", 0, 20)
    assert row.due_on == date(2025, 4, 8)  # 20 working days after 03-10, skipping 清明 04-04
    assert row.events.last().workdays == 20  # the effective limit is recorded
    restart_clock(clock, date(2025, 3, 12), workdays=15)
    row = fresh(clock)
    assert (row.limit_workdays, row.due_on) == (15, date(2025, 4, 2))
    restart_clock(clock, date(2025, 3, 13))
    assert fresh(clock).limit_workdays == 15  # the base limit is the last one given


def test_restart_from_pause_runs_again():
    clock = start_clock("暂停后重新计时", date(2025, 3, 3), 5)
    pause_clock(clock, date(2025, 3, 5), "补正")
    restart_clock(clock, date(2025, 3, 20))
    row = fresh(clock)
    assert (row.state, row.days_used, row.due_on) == ("running", 0, date(2025, 3, 27))


def test_extend_adds_to_the_limit():
    clock = start_clock("延长", date(2025, 9, 28), 20)
    extend_clock(clock, date(2025, 10, 20), 20, "经负责人同意延长")
    row = fresh(clock)
    assert (row.limit_workdays, row.due_on) == (40, date(2025, 11, 28))
    assert row.events.count() == 2


def test_extend_while_paused_applies_on_resume():
    clock = start_clock("暂停中延长", date(2025, 3, 3), 5)
    pause_clock(clock, date(2025, 3, 4), "补正")  # 1 used
    extend_clock(clock, date(2025, 3, 5), 5, "延长")
    resume_clock(clock, date(2025, 3, 7))
    assert fresh(clock).due_on == date(2025, 3, 20)  # 9 left after Friday 03-07


def test_stop_freezes_the_clock():
    clock = start_clock("办结", date(2025, 9, 28), 20)
    stop_clock(clock, date(2025, 10, 10), "已答复")
    row = fresh(clock)
    assert (row.state, row.days_used, row.due_on, row.stopped_on) == ("stopped", 4, None, date(2025, 10, 10))
    assert row.days_left(date(2026, 1, 1)) == 16
    assert not row.is_overdue(date(2026, 1, 1))


def test_stop_after_the_due_date_is_overdue():
    clock = start_clock("逾期办结", date(2025, 3, 3), 5)
    stop_clock(clock, date(2025, 3, 12), "已答复")
    row = fresh(clock)
    assert (row.days_used, row.days_left(), row.is_overdue()) == (7, -2, True)


def test_stop_while_paused_keeps_days_used():
    clock = start_clock("暂停中终止", date(2025, 3, 3), 5)
    pause_clock(clock, date(2025, 3, 5), "补正")
    stop_clock(clock, date(2025, 4, 30), "申请人撤回")
    assert fresh(clock).days_used == 2


def test_overdue_before_pause_stays_overdue_after_resume():
    clock = start_clock("超期后暂停", date(2025, 3, 3), 2)
    pause_clock(clock, date(2025, 3, 7), "补正")  # 4 used, over the 2-day limit
    resume_clock(clock, date(2025, 3, 14))
    row = fresh(clock)
    assert row.due_on == date(2025, 3, 5)
    assert row.is_overdue(date(2025, 3, 17))
    assert row.days_left(date(2025, 3, 17)) == -3


@pytest.mark.parametrize(
    "steps, message",
    [
        ([("pause", 5), ("pause", 6)], "计时已暂停，不能重复暂停"),
        ([("resume", 5)], "计时未暂停，无需恢复"),
        ([("stop", 5), ("resume", 6)], "计时已停止"),
        ([("stop", 5), ("extend", 6)], "计时已停止"),
        ([("stop", 5), ("restart", 6)], "计时已停止"),
        ([("pause", 10), ("resume", 7)], "早于上一事件日期"),
        ([("extend", 2)], "早于上一事件日期"),
    ],
)
def test_invalid_sequences_raise(steps, message):
    clock = start_clock("非法顺序", date(2025, 3, 3), 10)
    actions = {
        "pause": lambda on: pause_clock(clock, on, "x"),
        "resume": lambda on: resume_clock(clock, on),
        "stop": lambda on: stop_clock(clock, on),
        "extend": lambda on: extend_clock(clock, on, 5, "x"),
        "restart": lambda on: restart_clock(clock, on),
    }
    *ok, (bad_kind, bad_day) = steps
    for kind, day in ok:
        actions[kind](date(2025, 3, day))
    events_before = ClockEvent.objects.filter(clock=clock).count()
    with pytest.raises(ClockError, match=message):
        actions[bad_kind](date(2025, 3, bad_day))
    assert ClockEvent.objects.filter(clock=clock).count() == events_before  # nothing written


def test_invalid_amounts_raise():
    with pytest.raises(ClockError, match="至少为 1"):
        start_clock("零期限", date(2025, 3, 3), 0)
    clock = start_clock("延长零天", date(2025, 3, 3), 10)
    with pytest.raises(ClockError, match="至少为 1"):
        extend_clock(clock, date(2025, 3, 4), 0, "x")
    assert not Clock.objects.filter(label="零期限").exists()


def test_events_are_append_only():
    clock = start_clock("只能追加", date(2025, 3, 3), 10)
    event = clock.events.get()
    event.reason = "改写历史"
    with pytest.raises(ClockError, match="不能修改"):
        event.save()
    with pytest.raises(ClockError, match="不能删除"):
        event.delete()
    with pytest.raises(ClockError, match="不能修改"):
        ClockEvent.objects.filter(pk=event.pk).update(reason="改写历史")
    with pytest.raises(ClockError, match="不能删除"):
        ClockEvent.objects.filter(pk=event.pk).delete()
    assert ClockEvent.objects.get(pk=event.pk).reason == ""


def test_explain_lists_events_and_the_due_date():
    clock = start_clock("说明", date(2025, 9, 28), 20, reason="收到申请")
    pause_clock(clock, date(2025, 9, 30), "征求第三方意见")
    resume_clock(clock, date(2025, 10, 9))
    lines = fresh(clock).explain(today=date(2025, 10, 9))
    assert lines[0] == "2025-09-28 开始计时：期限 20 个工作日（当日不计入）。原因：收到申请"
    assert lines[1] == "2025-09-30 暂停：已用 2 个工作日，暂停期间不计时。原因：征求第三方意见"
    assert lines[2].startswith("2025-10-09 恢复计时")
    assert lines[3] == (
        "截至 2025-10-09：已用 2 个工作日，剩余 18 个；自 2025-10-09 起算 18 个工作日（起算日不计入），"
        "计入调休上班日 2025-10-11，到期日 2025-11-03"
    )
    assert fresh(clock).due_on == date(2025, 11, 3)
    # Days keep counting after the last event: a week later 6 more are used (the Saturday 10-11 is a makeup working day); past the due date it says so.
    assert fresh(clock).explain(today=date(2025, 10, 16))[3].startswith("截至 2025-10-16：已用 8 个工作日，剩余 12 个；")
    assert fresh(clock).explain(today=date(2025, 11, 5))[3].startswith(
        "截至 2025-11-05：已用 22 个工作日，已超过 20 个工作日的期限 2 个工作日；")


def test_clock_into_a_year_without_data_is_provisional():
    clock = start_clock("跨年", date(2026, 12, 20), 20)
    assert (fresh(clock).due_on, fresh(clock).provisional) == (date(2027, 1, 18), True)
    assert fresh(clock).explain()[-1] == "注意：计算涉及无官方节假日安排的年份，按周末和法定节假日推算（临时）"


def test_calendar_edit_moves_open_clocks_but_not_stopped_ones(django_capture_on_commit_callbacks):
    running = start_clock("计时中", date(2025, 3, 3), 20)  # due 2025-03-31
    paused = start_clock("暂停", date(2025, 3, 3), 20)
    pause_clock(paused, date(2025, 3, 5), "补正")
    stopped = start_clock("已停止", date(2025, 3, 3), 20)
    stop_clock(stopped, date(2025, 3, 5))
    other = start_clock("不受影响", date(2025, 5, 6), 3)
    before = {c.pk: fresh(c) for c in (running, paused, stopped, other)}
    assert before[running.pk].due_on == date(2025, 3, 31)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        # As the admin does: a plain save of a new holiday inside the running clock's range.
        CalendarDay(date=date(2025, 3, 12), kind="holiday", name="临时假日", source="管理员录入").save()
    assert len(callbacks) == 1

    assert fresh(running).due_on == date(2025, 4, 1)
    assert fresh(paused).days_used == 2  # (03-03, 03-05] has no new holiday
    assert fresh(other).due_on == before[other.pk].due_on
    s = fresh(stopped)
    assert (s.days_used, s.due_on, s.stopped_on) == (2, None, date(2025, 3, 5))

    with django_capture_on_commit_callbacks(execute=True):
        CalendarDay.objects.get(date=date(2025, 3, 12)).delete()
    assert fresh(running).due_on == date(2025, 3, 31)


def test_several_edits_in_one_transaction_recompute_once(django_capture_on_commit_callbacks):
    start_clock("计时中", date(2025, 3, 3), 20)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        CalendarDay.objects.create(date=date(2025, 3, 12), kind="holiday", name="甲")
        CalendarDay.objects.create(date=date(2025, 3, 13), kind="holiday", name="乙")
    assert len(callbacks) == 1


def test_recompute_pages_through_all_open_clocks():
    clocks = [start_clock(f"批量 {i}", date(2025, 3, 3), 20) for i in range(7)]
    CalendarDay.objects.bulk_create([CalendarDay(date=date(2025, 3, 12), kind="holiday", name="临时假日")])
    assert recompute_open_clocks(batch_size=3) == 7
    assert {fresh(c).due_on for c in clocks} == {date(2025, 4, 1)}
    assert recompute_open_clocks(batch_size=3) == 0


def test_supervision_queries():
    owner = ContentType.objects.get_for_model(ClockEvent)
    late = start_clock("逾期", date(2025, 3, 3), 5, owner=owner)
    on_time = start_clock("未到期", date(2025, 3, 3), 20)
    paused = start_clock("暂停", date(2025, 3, 3), 5)
    pause_clock(paused, date(2025, 3, 4), "补正")
    done = start_clock("办结", date(2025, 3, 3), 5)
    stop_clock(done, date(2025, 3, 4))
    today = date(2025, 3, 20)
    assert list(Clock.objects.overdue(today)) == [late]
    assert set(Clock.objects.open()) == {late, on_time, paused}
    assert list(Clock.objects.due_between(date(2025, 3, 31), date(2025, 3, 31))) == [on_time]
    assert list(Clock.objects.for_owner(owner)) == [late]
