"""State changes of service cases and ratings: one function each, one transaction with its events and
clocks, notifications after commit. The admin, the public pages and the staff API all call these."""

from zhengwu.cases.tracking import code_matches  # the one 查询码 check, for any case with `tracking_code`
from zhengwu.services.actions.common import (
    CASE_TYPE,
    SERVICE_ROLES,
    VIEWING_ROLES,
    ActionForbidden,
    ActionRefused,
)
from zhengwu.services.actions.handling import (
    accept,
    add_note,
    assign,
    complete,
    decide,
    end_special,
    receive_correction,
    record_fee,
    refuse,
    request_correction,
    route,
    staff_of,
    start_special,
    withdraw,
)
from zhengwu.services.actions.intake import public_timeline, receive_application, window_of
from zhengwu.services.actions.ratings import close_rectification, rate

__all__ = [
    "CASE_TYPE", "SERVICE_ROLES", "VIEWING_ROLES", "ActionForbidden", "ActionRefused", "accept", "add_note", "assign",
    "close_rectification", "code_matches", "complete", "decide", "end_special", "public_timeline", "rate",
    "receive_application", "receive_correction", "record_fee", "refuse", "request_correction", "route", "staff_of",
    "start_special", "window_of", "withdraw",
]
