"""A held interview with something in every section, built through the real services where they exist.

The live broadcast runs through the live console's services (start, entries, end), the written answer
through the questions services; content that has its own long path (the approved final script, a
processed video) is written directly, as the demo does.
"""

import pytest
from django.utils import timezone

from portal.interviews.enums import StepKind
from portal.live.enums import Speaker
from portal.live.fanout import set_broker
from portal.live.fanout.brokers import MemoryBroker
from portal.live.services import end_live, post_entry, start_live
from portal.questions.enums import IntroductionState, QuestionState
from portal.questions.models import Introduction
from portal.questions.services.answers import check_answer, save_answer
from portal.scripts.enums import RevisionStatus
from portal.scripts.models import ScriptRevision
from portal.scripts.queries import working_document
from portal.scripts.snapshot import document_to_json
from portal.videos.models import Video
from tests.factories import GuestFactory, InterviewFactory, ScriptFactory, ScriptItemFactory
from tests.questions.factories import QuestionFactory

ALL_BUT_RECORDING = [kind for kind in StepKind.values if kind not in (StepKind.RECORDING, StepKind.FILING)]
ASKER_PHONE = "13912345678"
ASKER_NAME = "李四"


@pytest.fixture(autouse=True)
def memory_broker():
    old = set_broker(MemoryBroker())
    yield
    set_broker(old)


@pytest.fixture
def held(units, operator, editor, django_capture_on_commit_callbacks):
    """城建局's interview (桥林街道 co-unit) recorded today and ended, every step but 备案 done."""
    interview = InterviewFactory(
        title="城镇燃气“安心用气工程”",
        lead_unit=units["lead"],
        co_units=[units["co"]],
        recording_at=timezone.now(),
        confirmed=True,
        host_name="王芳",
        steps=ALL_BUT_RECORDING,
    )
    GuestFactory(interview=interview, name="张三", post="局长", unit_name="城建局")
    Introduction.objects.create(
        interview=interview,
        body="<p>围绕城镇燃气安全，介绍“安心用气工程”。</p>",
        state=IntroductionState.SUBMITTED,
        revision=1,
        submitted_at=timezone.now(),
        submitted_by=editor,
    )
    question = QuestionFactory(
        interview=interview,
        nickname="桥林老住户",
        text="老旧小区燃气管道什么时候改造？我的电话13912345678",
        public_text="老旧小区燃气管道什么时候改造？我的电话139****5678",
        state=QuestionState.PUBLISHED,
        asker__contact=ASKER_PHONE,
        asker__real_name=ASKER_NAME,
    )
    QuestionFactory(interview=interview, nickname="路人", state=QuestionState.PENDING)
    save_answer(question, actor=editor, body="今年年底前完成改造。", submit=True)
    check_answer(question, actor=operator, publish=True)
    with django_capture_on_commit_callbacks(execute=True):
        start_live(interview, actor=operator)
        post_entry(interview, actor=operator, speaker=Speaker.NETIZEN, question=question, text="")
        post_entry(interview, actor=operator, speaker=Speaker.HOST, text="各位网友，大家好！")
        end_live(interview, actor=operator)
    Video.objects.create(
        interview=interview,
        original_filename="安心用气.mp4",
        source=f"videos/{interview.pk}/source.mp4",
        sha256="a" * 64,
        size=123456789,
        duration=3600.5,
        width=1920,
        height=1080,
        published_at=timezone.now(),
        published_by=operator,
    )
    interview.refresh_from_db()
    interview.question = question
    return interview


@pytest.fixture
def final_script(held, editor):
    """The final revision both centers approved (written directly: the review path has its own tests)."""
    script = ScriptFactory(interview=held)
    ScriptItemFactory(script=script, question="燃气管道什么时候改造？", answer="今年年底前全部完成。")
    document = working_document(script)
    return ScriptRevision.objects.create(
        script=script,
        number=1,
        document=document_to_json(document),
        word_count=8000,
        is_final=True,
        status=RevisionStatus.APPROVED,
        submitted_by=editor,
        approved_at=timezone.now(),
    )
