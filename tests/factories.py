"""Factories for the portal's models. Keep them unsurprising: defaults a test would guess."""

import datetime as dt

import factory
from django.utils import timezone

from portal.accounts.enums import Role, UnitKind
from portal.accounts.models import Membership, Unit, User
from portal.interviews.enums import StepStatus
from portal.interviews.models import Guest, Interview, InterviewStep
from portal.interviews.steps import STEPS
from portal.planning.models import Plan, PlanRow


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试单位{n}")
    kind = UnitKind.RESPONSIBLE


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"测试用户{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """``UserFactory(roles=[(unit, Role.EDITOR), ...])`` gives memberships."""
        if create:
            self.save()
            for unit, role in extracted or []:
                Membership.objects.create(user=self, unit=unit, role=role)


def staff(unit: Unit, role: str = Role.EDITOR, **kwargs) -> User:
    return UserFactory(roles=[(unit, role)], **kwargs)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    year = factory.Sequence(lambda n: 2030 + n)
    title = factory.LazyAttribute(lambda p: f"{p.year}年浦口区政府门户网站在线访谈活动实施方案")
    doc_number = factory.LazyAttribute(lambda p: f"浦政办发〔{p.year}〕2号")


class PlanRowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanRow

    plan = factory.SubFactory(PlanFactory)
    seq = factory.Sequence(lambda n: n + 1)
    month = 5
    topic = factory.Sequence(lambda n: f"访谈主题{n}")
    lead_unit = factory.SubFactory(UnitFactory)


class InterviewFactory(factory.django.DjangoModelFactory):
    """An interview with all its steps. ``recording_at`` sets R (deadlines computed); ``confirmed`` confirms it."""

    class Meta:
        model = Interview
        skip_postgeneration_save = True

    year = 2025
    title = factory.Sequence(lambda n: f"访谈{n}")
    lead_unit = factory.SubFactory(UnitFactory)

    class Params:
        confirmed = False

    @factory.post_generation
    def steps(self, create, extracted, **kwargs):
        if not create:
            return
        from portal.interviews.deadlines import set_deadlines  # noqa: PLC0415 -- keep factories light

        done = set(extracted or [])
        now = timezone.now()
        InterviewStep.objects.bulk_create(
            [
                InterviewStep(
                    interview=self,
                    kind=step.kind,
                    status=StepStatus.DONE if step.kind in done else StepStatus.NOT_STARTED,
                    completed_at=now if step.kind in done else None,
                )
                for step in STEPS
            ]
        )
        set_deadlines(self)

    @factory.post_generation
    def co_units(self, create, extracted, **kwargs):
        if create and extracted:
            self.co_units.set(extracted)

    @factory.lazy_attribute
    def recording_confirmed_at(self):
        return timezone.now() if self.confirmed and self.recording_at else None


class GuestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guest

    interview = factory.SubFactory(InterviewFactory)
    name = "张三"
    post = "局长"
    unit_name = "城建局"


def at(year: int, month: int, day: int, hour: int = 9, minute: int = 30) -> dt.datetime:
    """An aware datetime in the portal's time zone (Asia/Shanghai)."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=timezone.get_default_timezone())


class ScriptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "scripts.Script"

    interview = factory.SubFactory(InterviewFactory)
    opening = factory.LazyFunction(lambda: [{"speaker": "主持人", "text": "各位网友，大家好！"}])
    closing = factory.LazyFunction(lambda: [{"speaker": "主持人", "text": "感谢收看，再见。"}])


class ScriptItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "scripts.ScriptItem"

    script = factory.SubFactory(ScriptFactory)
    order = factory.Sequence(lambda n: n + 1)
    question = "老旧小区燃气管道什么时候改造？"
    answer = "今年年底前全部完成改造。"


def script_of_length(interview, total: int, *, guest=None):
    """A working copy of exactly ``total`` 字 (Word's count): no opening or closing, one item.

    The item exports as "主持人：问题一？" (8) and "嘉宾：…" (3 + the answer), so the answer is filler.
    """
    script = ScriptFactory(interview=interview, opening=[], closing=[])
    speaker = guest.name if guest else "嘉宾"
    filler = total - 8 - len(speaker) - 1
    ScriptItemFactory(script=script, order=1, question="问题一？", answer="答" * filler, guest=guest)
    return script
