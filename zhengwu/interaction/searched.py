"""Published letters and interview transcripts in the site search box (zhengwu.search.sources), through the one
search backend: letters by their public title and text and the reply (the writer is never indexed), transcripts
by the interview's title and the summary."""

from django.urls import reverse

from zhengwu.interaction.models import Interview, Letter, LetterState, Transcript
from zhengwu.publishing.models import Publication
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


def find_transcripts(q, agency, limit):
    transcripts = Transcript.objects.filter(publication=Publication.PUBLISHED)
    if agency is not None:
        transcripts = transcripts.filter(interview__in=Interview.objects.filter(in_subtree(agency)).values("pk"))
    results = search(transcripts.select_related("interview", "interview__agency"), q)
    hits = [Hit(title=f"“{t.interview.title}”文字实录", url=reverse("interview-transcript", args=[t.interview_id]),
                snippet=highlight(t.summary, q), meta=t.interview.agency.name) for t in results[:limit]]
    return results.count(), hits


register(Source("transcripts", "访谈实录", find_transcripts, order=25))
