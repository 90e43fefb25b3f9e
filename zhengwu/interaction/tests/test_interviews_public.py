"""The public pages of online interviews: the archive, the interview and its question form (escaping, masking,
rate limit and text question, nothing typed lost), the no-JavaScript live page and the transcript."""

import re

from zhengwu.interaction.actions import interviews as actions
from zhengwu.interaction.models import Question
from zhengwu.interaction.tests import test_interviews as base
from zhengwu.interaction.tests.test_interviews import ask, live_interview, published_interview

# The shared fixtures (defined in test_interviews.py).
media_root = base.media_root
studio = base.studio

FORM = {"text": "一次性吸纳就业补贴怎么申请？", "nickname": "湘江学子", "contact": "13812345678"}


def url(interview, suffix=""):
    return f"/hdjl/zxft/{interview.pk}/{suffix}"


def test_a_draft_is_nowhere_public(client, studio):
    from zhengwu.interaction.tests.test_interviews import draft_interview

    interview = draft_interview(studio)
    assert client.get(url(interview)).status_code == 404
    assert client.get(url(interview, "live-refresh/")).status_code == 404
    assert interview.title not in client.get("/hdjl/zxft/").content.decode()


def test_question_is_filed_and_shown_only_once_selected(client, studio):
    interview = published_interview(studio)
    response = client.post(url(interview), FORM)
    assert response.status_code == 302 and response["Location"].endswith("#question-filed")
    page = client.get(response["Location"]).content.decode()
    question = Question.objects.get()
    assert f"您的提问已提交（编号 {question.pk}）" in page
    assert "一次性吸纳就业补贴" not in page  # pending: nobody sees it
    actions.select_question(question, actor=studio.editor)
    page = client.get(url(interview)).content.decode()
    assert "一次性吸纳就业补贴怎么申请" in page and "湘江学子" in page
    assert "13812345678" not in page and "138****5678" not in page  # the contact is never shown


def test_public_text_is_escaped_and_masked(client, studio):
    interview = published_interview(studio)
    question = ask(interview, text="<script>alert('x')</script>我的电话13812345678，身份证430102199001011234",
                   nickname="<b>13900001111</b>")
    anonymous = ask(interview, text="请问<img src=x onerror=alert(1)>怎么办", nickname="")
    for q in (question, anonymous):
        actions.select_question(q, actor=studio.editor)
    page = client.get(url(interview)).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x" in page
    assert "138****5678" in page and "13812345678" not in page
    assert "4301**********1234" in page and "430102199001011234" not in page
    assert "&lt;b&gt;139****1111&lt;/b&gt;" in page and "13900001111" not in page
    assert re.search(r"<strong>网友</strong>", page)


def test_bad_input_is_explained_and_kept(client, studio):
    interview = published_interview(studio)
    response = client.post(url(interview), {"text": "", "nickname": "老李", "contact": "12345"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "提问尚未提交，请按提示修改" in page and "请填写问题内容。" in page
    assert "请填写手机号码（11位）" in page
    assert 'value="老李"' in page and 'value="12345"' in page
    assert not Question.objects.exists()


def test_rate_limit_then_text_question_then_refusal(client, studio, settings):
    settings.INTERVIEW_QUESTIONS_SOFT_LIMIT, settings.INTERVIEW_QUESTIONS_HARD_LIMIT = 1, 3
    interview = published_interview(studio)
    assert client.post(url(interview), FORM).status_code == 302
    response = client.post(url(interview), {**FORM, "text": "第二个问题"})
    page = response.content.decode()
    assert response.status_code == 400 and "请回答验证问题后再提交" in page
    assert "第二个问题" in page  # what was typed is kept
    challenge = response.context["challenge"]
    words = re.search(r"计算：(.+)等于几", challenge.question).group(1)
    from zhengwu.throttle import parse_number

    left, op, right = re.match(r"(.+?)([加减])(.+)", words).groups()
    answer = parse_number(left) + parse_number(right) if op == "加" else parse_number(left) - parse_number(right)
    response = client.post(url(interview), {**FORM, "text": "第二个问题", "captcha_token": challenge.token,
                                            "captcha_answer": str(answer)})
    assert response.status_code == 302 and Question.objects.count() == 2
    response = client.post(url(interview), FORM)  # three in the hour: the hard limit
    assert response.status_code == 429 and "提交过于频繁" in response.content.decode()
    assert int(response["Retry-After"]) > 0 and Question.objects.count() == 2


def test_live_page_polls_and_offers_a_refreshing_page_without_javascript(client, studio):
    interview = live_interview(studio)
    opening = actions.post_remark(interview, actor=studio.editor, text="欢迎<b>收看</b>")
    page = client.get(url(interview)).content.decode()
    assert 'aria-live="polite"' in page and f'data-live-after="{opening.pk}"' in page
    assert f'data-live-poll="/api/v1/interviews/{interview.pk}/messages"' in page
    assert "interaction/live.js" in page and "<noscript>" in page and url(interview, "live-refresh/") in page
    assert "欢迎&lt;b&gt;收看&lt;/b&gt;" in page  # staff text is escaped too
    refresh = client.get(url(interview, "live-refresh/"))
    assert '<meta http-equiv="refresh" content="15">' in refresh.content.decode()
    assert refresh["Cache-Control"] == "no-store" and "欢迎&lt;b&gt;收看" in refresh.content.decode()
    actions.end_interview(interview, actor=studio.editor)
    assert 'http-equiv="refresh"' not in client.get(url(interview, "live-refresh/")).content.decode()


def test_archive_lists_live_then_coming_then_past_and_pages(client, studio):
    past = live_interview(studio, title="往期：预算公开")
    actions.end_interview(past, actor=studio.editor)
    coming = published_interview(studio, title="预告：惠企政策")
    live = live_interview(studio, title="直播：减税降费")
    page = client.get("/hdjl/zxft/").content.decode()
    assert page.index(live.title) < page.index(coming.title) < page.index(past.title)
    assert "进入直播" in page and "我要提问" in page
    only_past = client.get("/hdjl/zxft/?status=ended").content.decode()
    assert past.title in only_past and coming.title not in only_past
    for index in range(10):
        published_interview(studio, title=f"第{index}场")
    assert "第 1 页，共 2 页" in client.get("/hdjl/zxft/").content.decode()


def test_transcript_page_after_approval(client, studio):
    interview = live_interview(studio)
    question = ask(interview, text="资金到账要多久？")
    actions.put_question(question, actor=studio.editor)
    actions.post_answer(interview, actor=studio.editor, guest=interview.guests.first(), text="5个工作日。",
                        question=question)
    actions.end_interview(interview, actor=studio.editor)
    assert client.get(url(interview, "transcript/")).status_code == 404
    page = client.get(url(interview)).content.decode()
    assert "文字实录经审核后在本页公布" in page and "我要提问" not in page
    transcript = actions.save_transcript(interview, actor=studio.editor, summary="介绍了资金直达。")
    actions.submit_transcript(transcript, actor=studio.editor)
    assert client.get(url(interview, "transcript/")).status_code == 404  # submitted is not published
    actions.approve_transcript(transcript, actor=studio.chief)
    page = client.get(url(interview, "transcript/")).content.decode()
    assert "文字实录" in page and "介绍了资金直达" in page
    assert page.index("资金到账要多久") < page.index("5个工作日")
    assert "文字实录" in client.get("/hdjl/zxft/?status=ended").content.decode()


def test_an_interview_about_to_start_watches_for_the_start(client, studio):
    import datetime

    soon = published_interview(studio, starts_in=datetime.timedelta(minutes=30))
    later = published_interview(studio, title="三天后的访谈")
    page = client.get(url(soon)).content.decode()
    assert f'data-live-watch="/api/v1/interviews/{soon.pk}/messages"' in page and "interaction/live.js" in page
    page = client.get(url(later)).content.decode()
    assert "data-live-watch" not in page and "interaction/live.js" not in page
