"""The scheduler runs each sweep when it is due, and one failing sweep never stops the others."""

import io

from django.core.management import call_command

from zhengwu.scheduler.jobs import Job, run_due


def test_due_jobs_run_and_a_failure_does_not_stop_the_rest(db, caplog):
    schedule = [Job("no_such_command", 60), Job("send_pending_notifications", 60)]
    assert run_due(schedule, now=1000.0) == [("send_pending_notifications", "已发送 0 条，失败 0 条。")]
    assert "no_such_command" in caplog.text and "运行失败" in caplog.text
    assert run_due(schedule, now=1030.0) == []  # not due yet
    assert [command for command, _ in run_due(schedule, now=1061.0)] == ["send_pending_notifications"]


def test_one_round_of_the_configured_sweeps(db):
    out = io.StringIO()
    call_command("run_scheduler", "--once", stdout=out)
    text = out.getvalue()
    assert "foi_sweep" in text and "逾期未补正终止 0 件" in text and "有效性已更新" in text
