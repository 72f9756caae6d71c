"""The permission matrix of portal/accounts/rules.py: every role against every permission."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from portal.accounts.enums import Role, UnitKind
from portal.accounts.models import Membership, singleton_unit_ids
from portal.accounts.rules import date_parties
from portal.followups.models import RectificationItem
from portal.interviews.enums import StepKind
from portal.interviews.models import RecordingProposal
from portal.questions.models import SupervisionNotice
from portal.scripts.models import Script, ScriptReview, ScriptRevision
from tests.factories import UnitFactory, UserFactory, at, staff
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

# Who is who. Every one of them is asked every permission below.
CAST = {
    "coordinator": ("gov_office", Role.COORDINATOR),
    "auditor": ("gov_office", Role.AUDITOR),
    "gov_admin": ("gov_office", Role.UNIT_ADMIN),
    "operator": ("digital", Role.OPERATOR),
    "digital_reviewer": ("digital", Role.REVIEWER),
    "digital_admin": ("digital", Role.UNIT_ADMIN),
    "producer": ("media", Role.PRODUCER),
    "media_reviewer": ("media", Role.REVIEWER),
    "editor": ("lead", Role.EDITOR),
    "lead_admin": ("lead", Role.UNIT_ADMIN),
    "co_editor": ("co", Role.EDITOR),
    "outsider": ("outsider", Role.EDITOR),
    "outsider_admin": ("outsider", Role.UNIT_ADMIN),
    "inactive_coordinator": ("gov_office", Role.COORDINATOR),
}
NO_UNIT = ["nobody", "anonymous"]
EVERYONE = [*CAST, *NO_UNIT]

GOV = {"coordinator", "auditor", "gov_admin"}
CENTERS = {"operator", "digital_reviewer", "digital_admin", "producer", "media_reviewer"}
RESPONSIBLE = {"editor", "lead_admin", "co_editor"}  # of the interview in question
STAFF = GOV | CENTERS | RESPONSIBLE | {"outsider", "outsider_admin"}

# permission → (object it is asked about, who holds it). Everyone else does not.
MATRIX = {
    "planning.view_draft_plan": (None, GOV),
    "planning.change_plan": (None, {"coordinator"}),
    "planning.approve_plan": (None, {"coordinator"}),
    "interviews.view_interview": ("interview", GOV | CENTERS | RESPONSIBLE),
    "interviews.change_interview": ("interview", {"coordinator"} | RESPONSIBLE),
    "interviews.set_tentative_date": ("interview", {"coordinator", "editor", "lead_admin"}),
    "interviews.propose_date": ("interview", {"coordinator", "editor", "lead_admin", "operator", "producer"}),
    "interviews.answer_date": ("interview", {"editor", "lead_admin", "operator", "producer"}),
    # The proposal in question was made by the editor.
    "interviews.withdraw_date_proposal": ("proposal", {"coordinator", "editor"}),
    "interviews.set_host": ("interview", {"producer"}),
    "interviews.view_oversight": (None, GOV | CENTERS),
    "interviews.transition_to_live": ("interview", {"operator", "producer"}),
    "interviews.transition_to_ended": ("interview", {"operator", "producer"}),
    "interviews.transition_to_postponed": ("interview", {"coordinator"}),
    "interviews.transition_to_planned": ("interview", {"coordinator"}),
    "interviews.transition_to_cancelled": ("interview", {"coordinator"}),
    "interviews.transition_to_filed": ("interview", {"operator"}),
    # Steps: owned by the units named in steps.py, worked on by any role but 统筹协调 and 审计.
    "interviews.update_step@topic": ("topic_step", {"editor", "lead_admin", "co_editor"}),
    "interviews.update_step@introduction": ("introduction_step", {"editor", "lead_admin"}),
    "interviews.update_step@preview": ("preview_step", {"operator", "digital_reviewer", "digital_admin"}),
    "interviews.update_step@date": (
        "date_step",
        {"editor", "lead_admin", "operator", "digital_reviewer", "digital_admin", "producer", "media_reviewer"},
    ),
    "interviews.update_step@video": (
        "video_step",
        {"operator", "digital_reviewer", "digital_admin", "producer", "media_reviewer"},
    ),
    "accounts.view_contacts": (None, STAFF),
    "accounts.change_unit@lead": ("lead_unit", {"coordinator", "lead_admin"}),
    "accounts.change_unit@gov_office": ("gov_office_unit", {"coordinator", "gov_admin"}),
    "audit.view_full_log": (None, {"coordinator", "auditor"}),
    "figures.view_year_figures": (None, GOV | CENTERS),
    "workcalendar.change_day": (None, {"coordinator"}),
    # Netizen questions: a question of the interview (answered by the lead unit unless a co-unit is named).
    "questions.submit_introduction": ("interview", {"editor", "lead_admin"}),
    "questions.publish_preview": ("interview", {"operator"}),
    "questions.view_question": ("question", GOV | CENTERS | RESPONSIBLE),
    "questions.moderate_question": ("question", {"operator"}),
    "questions.manage_lists": (None, {"operator"}),
    "questions.assign_question": ("question", {"operator", "editor", "lead_admin"}),
    "questions.manage_topic_tags": ("interview", {"operator", "editor", "lead_admin"}),
    "questions.pick_representatives": ("interview", {"editor", "lead_admin"}),
    "questions.answer_question": ("question", {"editor", "lead_admin"}),
    "questions.answer_question@co_unit": ("co_question", {"co_editor"}),
    "questions.check_answer": ("question", {"operator"}),
    "questions.mark_answered_live": ("question", {"operator", "producer"}),
    "live.operate": ("interview", {"operator", "producer"}),
    "live.manage_webhooks": (None, {"operator"}),
    "questions.view_overdue_answers": (None, GOV | CENTERS),
    "questions.send_supervision": ("interview", {"coordinator"}),
    "questions.acknowledge_supervision": ("notice", {"editor", "lead_admin"}),
    # The script: the responsible units edit, the lead unit submits, each center reviews its own review.
    "scripts.view_script": ("script", GOV | CENTERS | RESPONSIBLE),
    "scripts.edit_script": ("script", RESPONSIBLE),
    "scripts.submit_script": ("script", {"editor", "lead_admin"}),
    "scripts.submit_final": ("script", {"editor", "lead_admin"}),
    "scripts.review_script@digital": ("digital_review", {"operator", "digital_reviewer"}),
    "scripts.review_script@media": ("media_review", {"producer", "media_reviewer"}),
    # Post-produced video: 融媒体中心 uploads and captions, 数字治理中心 publishes.
    "videos.view_video": ("interview", GOV | CENTERS | RESPONSIBLE),
    "videos.upload_video": ("interview", {"producer"}),
    "videos.change_video": ("interview", {"producer"}),
    "videos.publish_video": ("interview", {"operator"}),
    # The summary and rectification: the lead unit writes, 数字治理中心 publishes, the owner unit (here the co-unit)
    # moves an item on.
    "followups.view_followups": ("interview", GOV | CENTERS | RESPONSIBLE),
    "followups.write_summary": ("interview", {"editor", "lead_admin"}),
    "followups.publish_summary": ("interview", {"operator"}),
    "followups.manage_rectification": ("interview", {"coordinator", "editor", "lead_admin"}),
    "followups.update_rectification": ("co_item", {"co_editor"}),
    "filing.file_interview": ("interview", {"operator"}),
    "filing.view_filing": ("interview", GOV | CENTERS | RESPONSIBLE),
    "filing.add_addendum": ("interview", {"operator"}),
}


@pytest.fixture
def people(units):
    users = {
        name: staff(units[unit_key], role, username=name, is_active=not name.startswith("inactive"))
        for name, (unit_key, role) in CAST.items()
    }
    users["nobody"] = UserFactory(username="nobody")
    users["anonymous"] = AnonymousUser()
    return users


@pytest.fixture
def objects(units, interview, people):
    steps = interview.steps_by_kind
    script = Script(interview=interview)
    proposal = RecordingProposal.objects.create(
        interview=interview,
        start=at(2031, 5, 20),
        minutes=120,
        place="区融媒体中心演播室",
        proposed_by=people["editor"],
    )
    return {
        "proposal": proposal,
        None: None,
        "interview": interview,
        "topic_step": steps[StepKind.TOPIC],
        "introduction_step": steps[StepKind.INTRODUCTION],
        "preview_step": steps[StepKind.PREVIEW],
        "date_step": steps[StepKind.DATE],
        "video_step": steps[StepKind.VIDEO],
        "lead_unit": units["lead"],
        "gov_office_unit": units["gov_office"],
        "question": QuestionFactory(interview=interview),
        "co_question": QuestionFactory(interview=interview, responsible_unit=units["co"]),
        "script": script,
        "co_item": RectificationItem(interview=interview, owner_unit=units["co"]),
        "digital_review": ScriptReview(revision=ScriptRevision(script=script), center="digital"),
        "media_review": ScriptReview(revision=ScriptRevision(script=script), center="media"),
        "notice": SupervisionNotice.objects.create(
            interview=interview, unit=units["lead"], message="请答复。", sent_by=UserFactory()
        ),
    }


@pytest.mark.parametrize("permission", list(MATRIX))
def test_permission_matrix(people, objects, permission):
    obj_key, holders = MATRIX[permission]
    perm = permission.split("@")[0]

    granted = {name: people[name].has_perm(perm, objects[obj_key]) for name in EVERYONE}

    assert granted == {name: name in holders for name in EVERYONE}


def test_the_matrix_names_every_rule():
    declared = {name for name in rules.permissions.permissions if "." in name}
    assert declared == {permission.split("@")[0] for permission in MATRIX}


@pytest.mark.parametrize("permission", ["interviews.view_interview", "interviews.change_interview"])
def test_an_outsider_gets_nothing_of_an_interview_in_their_own_year(people, objects, permission):
    # 文旅局 has interviews too; nothing of 城建局's leaks to its people.
    assert [people[name].has_perm(permission, objects["interview"]) for name in ("outsider", "outsider_admin")] == [
        False,
        False,
    ]


def test_a_superuser_holds_every_permission(objects):
    root = UserFactory(username="root", is_superuser=True)

    granted = {p: root.has_perm(p.split("@")[0], objects[obj]) for p, (obj, _holders) in MATRIX.items()}

    assert granted == dict.fromkeys(MATRIX, True)


def test_an_inactive_superuser_holds_none(objects):
    root = UserFactory(username="root", is_superuser=True, is_active=False)

    assert {p for p, (obj, _h) in MATRIX.items() if root.has_perm(p.split("@")[0], objects[obj])} == set()


def test_a_person_with_two_roles_holds_both(units, interview):
    person = staff(units["media"], Role.PRODUCER)
    person.memberships.create(unit=units["media"], role=Role.REVIEWER)

    assert (person.has_perm("interviews.set_host", interview), person.has_role(Role.REVIEWER)) == (True, True)


# --- User helpers the rules rest on --------------------------------------------------------------


def test_unit_roles_of_an_active_and_an_inactive_user(units):
    active = staff(units["lead"], Role.EDITOR)
    inactive = staff(units["lead"], Role.EDITOR, is_active=False)

    assert active.unit_roles == {(units["lead"].pk, UnitKind.RESPONSIBLE, Role.EDITOR)}
    assert (inactive.unit_roles, inactive.unit_ids, inactive.sees_all_interviews) == (frozenset(), frozenset(), False)


@pytest.mark.parametrize(
    ("name", "sees_all"),
    [
        ("coordinator", True),
        ("auditor", True),
        ("operator", True),
        ("producer", True),
        ("editor", False),
        ("outsider", False),
        ("nobody", False),
    ],
)
def test_sees_all_interviews(people, name, sees_all):
    assert people[name].sees_all_interviews is sees_all


@pytest.mark.parametrize(("name", "required"), [("coordinator", True), ("operator", True), ("editor", False)])
def test_second_factor_is_mandatory_for_gov_office_and_centers_when_set(people, settings, name, required):
    settings.PORTAL_REQUIRE_2FA_FOR_CENTERS = True

    assert people[name].must_use_second_factor is required


def test_second_factor_is_optional_by_default(people):
    assert [people[name].must_use_second_factor for name in ("coordinator", "operator")] == [False, False]


def test_display_name_prefers_the_full_name():
    assert [str(UserFactory(username="a", full_name="杨慧")), str(UserFactory(username="b", full_name=""))] == [
        "杨慧",
        "b",
    ]


def test_singleton_unit_ids_follow_unit_changes(units):
    before = singleton_unit_ids()
    units["media"].kind = UnitKind.RESPONSIBLE
    units["media"].save()

    after = singleton_unit_ids()

    assert before == {
        UnitKind.GOV_OFFICE: units["gov_office"].pk,
        UnitKind.DIGITAL_CENTER: units["digital"].pk,
        UnitKind.MEDIA_CENTER: units["media"].pk,
    }
    assert after == {UnitKind.GOV_OFFICE: units["gov_office"].pk, UnitKind.DIGITAL_CENTER: units["digital"].pk}


# --- Membership ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "role", "message"),
    [
        (UnitKind.GOV_OFFICE, Role.EDITOR, "区政府办不设“经办人”岗位。"),
        (UnitKind.GOV_OFFICE, Role.OPERATOR, "区政府办不设“平台运营”岗位。"),
        (UnitKind.DIGITAL_CENTER, Role.PRODUCER, "区城市数字治理中心不设“节目制作”岗位。"),
        (UnitKind.MEDIA_CENTER, Role.OPERATOR, "区融媒体中心不设“平台运营”岗位。"),
        (UnitKind.RESPONSIBLE, Role.COORDINATOR, "责任单位不设“统筹协调”岗位。"),
        (UnitKind.RESPONSIBLE, Role.REVIEWER, "责任单位不设“稿件审核”岗位。"),
        (UnitKind.RESPONSIBLE, Role.AUDITOR, "责任单位不设“审计管理员”岗位。"),
    ],
)
def test_membership_refuses_a_role_the_unit_kind_does_not_have(kind, role, message):
    membership = Membership(user=UserFactory(), unit=UnitFactory(kind=kind), role=role)

    with pytest.raises(ValidationError) as refused:
        membership.clean()

    assert refused.value.message_dict == {"role": [message]}


@pytest.mark.parametrize(
    ("kind", "role"),
    [
        (UnitKind.GOV_OFFICE, Role.COORDINATOR),
        (UnitKind.GOV_OFFICE, Role.AUDITOR),
        (UnitKind.DIGITAL_CENTER, Role.OPERATOR),
        (UnitKind.DIGITAL_CENTER, Role.REVIEWER),
        (UnitKind.MEDIA_CENTER, Role.PRODUCER),
        (UnitKind.MEDIA_CENTER, Role.REVIEWER),
        (UnitKind.RESPONSIBLE, Role.EDITOR),
        (UnitKind.RESPONSIBLE, Role.UNIT_ADMIN),
    ],
)
def test_membership_accepts_a_role_the_unit_kind_has(kind, role):
    membership = Membership(user=UserFactory(), unit=UnitFactory(kind=kind), role=role)

    membership.full_clean()

    membership.save()
    assert str(membership) == f"{membership.user} · {membership.unit} · {role.label}"


def test_date_parties_are_the_lead_units_editors_and_the_two_centers_working_roles(people, objects):
    interview = objects["interview"]

    parties = {name: date_parties(people[name], interview) for name in EVERYONE}

    assert {name: found for name, found in parties.items() if found} == {
        "editor": ["lead"],
        "lead_admin": ["lead"],
        "operator": ["digital"],
        "producer": ["media"],
    }
