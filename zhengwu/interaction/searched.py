"""Published letters in the site search box (zhengwu.search.sources): found by their public title and text and
the reply, through the one search backend; the writer is never indexed."""

from django.urls import reverse

from zhengwu.interaction.models import Letter, LetterState
from zhengwu.search.sources import Hit, Source, in_subtree, register, search
from zhengwu.search.text import highlight


def find(q, agency, limit):
    letters = Letter.objects.filter(in_subtree(agency, "mailbox__agency"), published=True, state=LetterState.REPLIED)
    results = search(letters.select_related("mailbox"), q)
    hits = [Hit(title=letter.public_subject, url=reverse("interaction-letter", args=[letter.number]),
                snippet=highlight(f"{letter.public_body} {letter.reply}", q),
                meta=f"{letter.mailbox.name} · {letter.replied_on:%Y-%m-%d}" if letter.replied_on else letter.mailbox.name)
            for letter in results[:limit]]
    return results.count(), hits


register(Source("letters", "信件答复", find, order=20))
