"""State changes of information requests and disclosure complaints: one function each, one transaction
with its events and clocks, notifications after commit. The admin and the staff API both call these."""

from zhengwu.foi.actions.common import ActionForbidden, ActionRefused
from zhengwu.foi.actions.complaints import answer_complaint, file_complaint
from zhengwu.foi.actions.handling import add_note, assign, attach_document
from zhengwu.foi.actions.intake import DuplicateSubmission, public_timeline, submit_request
from zhengwu.foi.actions.replies import (
    conclude_remedy,
    draft_reply,
    letter_preview,
    record_remedy,
    review_reply,
    send_reply,
)
from zhengwu.foi.actions.steps import (
    close_consultation,
    close_lapsed,
    consult,
    decide_extension,
    notify_fee,
    propose_extension,
    receive_correction,
    record_delivery,
    record_payment,
    request_correction,
)

__all__ = [
    "ActionForbidden", "ActionRefused", "DuplicateSubmission", "add_note", "answer_complaint", "assign", "attach_document",
    "close_consultation", "close_lapsed", "conclude_remedy", "consult", "decide_extension",
    "draft_reply", "file_complaint", "letter_preview", "notify_fee", "propose_extension", "public_timeline",
    "receive_correction", "record_delivery", "record_payment", "record_remedy", "request_correction", "review_reply", "send_reply",
    "submit_request",
]
