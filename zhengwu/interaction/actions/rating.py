"""The writer rates the reply: 满意, 基本满意 or 不满意, once."""

from django.db import transaction
from django.utils import timezone

from zhengwu.interaction.actions.common import ActionRefused, lock, record
from zhengwu.interaction.models import LetterEvent, LetterRating, LetterState


@transaction.atomic
def rate_reply(letter, rating, comment=""):
    letter = lock(letter)
    if letter.state != LetterState.REPLIED:
        raise ActionRefused("来信答复后才能评价。")
    if letter.rating:
        raise ActionRefused("您已评价过这封来信的答复。")
    if rating not in LetterRating.values:
        raise ActionRefused("请选择满意、基本满意或不满意。")
    comment = comment.strip()
    if rating == LetterRating.UNSATISFIED and not comment:
        raise ActionRefused("选择“不满意”时请说明原因，以便改进。")
    letter.rating, letter.rating_comment, letter.rated_at = rating, comment, timezone.now()
    letter.save(update_fields=["rating", "rating_comment", "rated_at"])
    record(letter, LetterEvent.Kind.RATED, message=f"写信人评价：{LetterRating(rating).label}。")
    return letter
