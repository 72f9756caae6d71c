"""Netizen questions on the public site: a preview published through the domain's services, and the asker's side
of the form (read the anti-abuse question in the page, answer it, post). The browser tests use the same helpers.
"""

import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from lxml import html as lxml_html
from PIL import Image

from portal.questions.antiabuse import parse_answer
from portal.questions.enums import QuestionState
from portal.questions.models import QuestionGroup, RejectionReason
from portal.questions.services.answers import check_answer, save_answer
from portal.questions.services.introduction import (
    add_introduction_image,
    add_related_material,
    publish_preview,
    save_introduction,
)
from portal.questions.services.moderation import merge_question, reject_question
from tests.factories import InterviewFactory, at
from tests.questions.factories import QuestionFactory

NOW = at(2025, 9, 1, 10, 0)
R = at(2025, 10, 9, 14, 30)
INTRODUCTION = (
    "<p>本期访谈围绕<strong>城镇燃气“安心用气工程”</strong>，介绍老旧小区燃气管道改造的进展。</p>"
    '<script>alert("x")</script><p onclick="steal()">改造范围包括桥林街道。</p>'
)
QUESTION = "请问桥林街道老旧小区的燃气管道改造什么时候开始？"
PROMPT = re.compile(r"验证问题：(.+?)([加减])(.+?)等于几")


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (30, 90, 160)).save(buffer, format="PNG")
    return SimpleUploadedFile("site.png", buffer.getvalue(), content_type="image/png")


def published_preview(units, *, editor, operator, title="城镇燃气“安心用气工程”"):
    """城建局 submits the 文字简介 with an image and two links; 数字治理中心 publishes the preview now."""
    interview = InterviewFactory(
        title=title, lead_unit=units["lead"], co_units=[units["co"]], recording_at=R, confirmed=True
    )
    save_introduction(interview, actor=editor, body=INTRODUCTION, submit=True)
    add_introduction_image(interview, actor=editor, upload=png(), alt_text="桥林街道燃气管道改造施工现场")
    add_related_material(
        interview, actor=editor, title="浦口区城镇燃气安全专项整治方案", url="https://www.pukou.gov.cn/zcwj/1.html"
    )
    add_related_material(interview, actor=editor, title="《方案》政策解读", url="https://www.pukou.gov.cn/zcjd/2.html")
    return publish_preview(interview, actor=operator)


def solve(prompt: str) -> str:
    """The answer to the anti-abuse question as a person would type it (digits)."""
    match = PROMPT.search(prompt)
    assert match, prompt
    a, op, b = parse_answer(match.group(1)), match.group(2), parse_answer(match.group(3))
    return str(a + b if op == "加" else a - b)


def form_of(content: bytes | str) -> dict[str, str]:
    """The question form's hidden token and the solved challenge, read from a page."""
    tree = lxml_html.fromstring(content if isinstance(content, str) else content.decode("utf-8"))
    prompt = tree.xpath('//label[@for="id_challenge_answer"]')[0].text_content()
    return {
        "challenge_token": tree.xpath('//input[@name="challenge_token"]/@value')[0],
        "challenge_answer": solve(prompt),
    }


def question_fields(**overrides) -> dict[str, str]:
    fields = {"nickname": "热心市民", "text": QUESTION, "contact": "", "real_name": "", "consent": "1", "homepage": ""}
    fields.update(overrides)
    return {key: value for key, value in fields.items() if value is not None}


def ask_through_page(client, interview, **overrides):
    """Open the interview's page, fill the form as a person would, post it; returns the response."""
    page = client.get(interview.get_absolute_url())
    data = {**form_of(page.content), **question_fields(**overrides)}
    return client.post(f"/interviews/{interview.pk}/ask/", data)


def answered_and_grouped(interview, *, editor, operator) -> None:
    """A few questions in every public state: two similar ones (one more merged in), one answered, one rejected."""
    group = QuestionGroup.objects.create(interview=interview)
    published = {"interview": interview, "state": QuestionState.PUBLISHED}
    first = QuestionFactory(
        **published, group=group, nickname="桥林老住户", text="老旧小区燃气管道改造什么时候开始施工？"
    )
    QuestionFactory(**published, group=group, nickname="小王", text="我们小区的燃气管道改造排在哪一批？")
    answered = QuestionFactory(**published, nickname="江浦居民", text="改造期间停气会提前通知吗？")
    merge_question(QuestionFactory(interview=interview, text="燃气改造何时开工？"), into=first, actor=operator)
    # Get or create: a transactional test's flush removes the lists that migration 0002 loads.
    off_topic, _created = RejectionReason.objects.get_or_create(
        label="与本期访谈主题无关", defaults={"public_text": "您的提问与本期访谈主题关联不大，未能采纳。"}
    )
    reject_question(QuestionFactory(interview=interview, text="广告内容广告内容"), actor=operator, reason=off_topic)
    save_answer(answered, actor=editor, body="停气前三天张贴通知并发送短信。", submit=True)
    check_answer(answered, actor=operator, publish=True)
