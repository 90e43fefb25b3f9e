"""Letters as supervision reads them: one reply clock each, owned by the agency answering the letter."""

from zhengwu.interaction.models import OPEN_LETTER_STATES
from zhengwu.orgs.models import Role
from zhengwu.supervision.registry import CaseType, ClockSlot, register

register(CaseType(
    key="interaction.letter", label="信箱来信", model_label="interaction.Letter",
    clocks=(ClockSlot("clock", "答复时限"),), open_states=tuple(OPEN_LETTER_STATES), title_field="subject",
    assignee_field=None, handler_roles=(Role.MAILBOX_HANDLER, Role.AGENCY_ADMIN),
    admin_url_name="interaction_letters:inspect"))
