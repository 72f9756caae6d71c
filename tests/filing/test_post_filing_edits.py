"""After filing, every area that changes an interview's public content refuses, with the same message."""

import pytest

from portal.filing.services import file_interview
from portal.interviews.models import Interview
from portal.interviews.services import InterviewChangeRefused, add_guest, update_interview
from portal.live.enums import Speaker
from portal.live.exceptions import LiveRefused
from portal.live.models import LiveEntry
from portal.live.services import correct_entry, post_entry
from portal.questions.exceptions import AnswerRefused, IntroductionRefused, ModerationRefused
from portal.questions.models import Question
from portal.questions.services.answers import save_answer
from portal.questions.services.introduction import save_introduction
from portal.questions.services.moderation import approve_question
from portal.scripts.exceptions import ScriptRefused
from portal.scripts.services.editing import add_item
from portal.videos.exceptions import VideoRefused
from portal.videos.models import Video
from portal.videos.services import set_chapter_offset, unpublish_video

pytestmark = [pytest.mark.unit]

REFUSAL = "本期访谈已备案，不能修改；如需更正，请由区城市数字治理中心添加备案补充说明。"


@pytest.fixture
def filed(held, operator) -> Interview:
    file_interview(held, actor=operator)
    interview = Interview.objects.get(pk=held.pk)
    interview.question = held.question
    return interview


def test_interview_details_are_refused(filed, editor):
    with pytest.raises(InterviewChangeRefused, match=REFUSAL):
        update_interview(filed, actor=editor, title="新标题", outline="", place="")
    assert Interview.objects.get(pk=filed.pk).title == "城镇燃气“安心用气工程”"


def test_guests_are_refused(filed, editor):
    with pytest.raises(InterviewChangeRefused, match=REFUSAL):
        add_guest(filed, actor=editor, name="李明", post="副局长", unit_name="城建局")
    assert filed.guests.count() == 1


def test_the_introduction_is_refused(filed, editor):
    with pytest.raises(IntroductionRefused, match=REFUSAL):
        save_introduction(filed, actor=editor, body="<p>改写</p>", submit=True)


def test_moderation_is_refused(filed, operator):
    pending = Question.objects.get(interview=filed, nickname="路人")
    with pytest.raises(ModerationRefused, match=REFUSAL):
        approve_question(pending, actor=operator)
    pending.refresh_from_db()
    assert pending.state == "pending"


def test_answers_are_refused(filed, editor):
    with pytest.raises(AnswerRefused, match=REFUSAL):
        save_answer(filed.question, actor=editor, body="新的答复")


def test_the_script_is_refused(filed, editor):
    with pytest.raises(ScriptRefused, match=REFUSAL):
        add_item(filed, actor=editor, question="新问题？")


def test_live_entries_are_refused(filed, operator):
    with pytest.raises(LiveRefused, match=REFUSAL):
        post_entry(filed, actor=operator, speaker=Speaker.HOST, text="补一条")
    entry = LiveEntry.objects.filter(interview=filed, speaker=Speaker.HOST).get()
    with pytest.raises(LiveRefused, match=REFUSAL):
        correct_entry(entry, actor=operator, speaker=Speaker.HOST, text="改一条")
    entry.refresh_from_db()
    assert entry.text == "各位网友，大家好！"


def test_the_video_is_refused(filed, operator, producer):
    video = Video.objects.get(interview=filed)
    with pytest.raises(VideoRefused, match=REFUSAL):
        set_chapter_offset(video, actor=producer, offset=12)
    with pytest.raises(VideoRefused, match=REFUSAL):
        unpublish_video(video, actor=operator, reason="撤下")
    video.refresh_from_db()
    assert video.is_published
