"""Every permission of the portal, in one place (docs/developer/permissions.md renders the matrix).

Views and templates ask ``user.has_perm("<app>.<verb>_<model>", obj)``; nothing else decides who may
do what. Object predicates take the domain objects duck-typed (an interview needs ``lead_unit_id`` and
``co_unit_ids``; a step needs ``owner_unit_ids``), so this module imports no domain models.
"""

import rules

from portal.accounts.enums import Role, UnitKind
from portal.interviews.enums import InterviewState


def _has(user, role: str, kind: str | None = None) -> bool:
    return bool(user.is_authenticated and user.has_role(role, kind=kind))


@rules.predicate
def is_staff_member(user) -> bool:
    return bool(user.is_authenticated and ((user.is_superuser and user.is_active) or user.unit_roles))


@rules.predicate
def is_coordinator(user) -> bool:
    return _has(user, Role.COORDINATOR, UnitKind.GOV_OFFICE)


@rules.predicate
def is_gov_office_member(user) -> bool:
    return bool(user.is_authenticated and any(k == UnitKind.GOV_OFFICE for _u, k, _r in user.unit_roles))


@rules.predicate
def is_auditor(user) -> bool:
    return _has(user, Role.AUDITOR, UnitKind.GOV_OFFICE)


@rules.predicate
def is_digital_operator(user) -> bool:
    return _has(user, Role.OPERATOR, UnitKind.DIGITAL_CENTER)


@rules.predicate
def is_media_producer(user) -> bool:
    return _has(user, Role.PRODUCER, UnitKind.MEDIA_CENTER)


@rules.predicate
def sees_all_interviews(user) -> bool:
    return bool(user.is_authenticated and user.sees_all_interviews)


@rules.predicate
def is_superuser(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def _works_in(user, unit_ids) -> bool:
    return any(
        unit_id in unit_ids and role in {Role.EDITOR, Role.UNIT_ADMIN} for unit_id, _kind, role in user.unit_roles
    )


@rules.predicate
def is_lead_unit_editor(user, interview) -> bool:
    return bool(user.is_authenticated and interview is not None and _works_in(user, {interview.lead_unit_id}))


@rules.predicate
def is_responsible_unit_editor(user, interview) -> bool:
    """Works in the lead unit or in one of the co-units."""
    if not user.is_authenticated or interview is None:
        return False
    return _works_in(user, {interview.lead_unit_id, *interview.co_unit_ids})


@rules.predicate
def is_responsible_unit_member(user, interview) -> bool:
    if not user.is_authenticated or interview is None:
        return False
    return bool(user.unit_ids & {interview.lead_unit_id, *interview.co_unit_ids})


@rules.predicate
def owns_step(user, step) -> bool:
    """Works (not only reads) in one of the units that own the step."""
    if not user.is_authenticated or step is None:
        return False
    owners = step.owner_unit_ids
    return any(
        unit_id in owners and role not in {Role.AUDITOR, Role.COORDINATOR} for unit_id, _kind, role in user.unit_roles
    )


@rules.predicate
def is_unit_admin_of(user, unit) -> bool:
    return bool(user.is_authenticated and unit is not None and user.has_role(Role.UNIT_ADMIN, unit_id=unit.pk))


def _interview_of(obj):
    """The interview an object belongs to: the object itself, or its ``interview`` (a question, a notice)."""
    return getattr(obj, "interview", obj)


@rules.predicate
def sees_the_interview_of(user, obj) -> bool:
    """Sees the interview the object belongs to (the three coordinating bodies, or one of its units)."""
    interview = _interview_of(obj)
    if not user.is_authenticated or interview is None:
        return False
    return bool(user.sees_all_interviews or user.unit_ids & {interview.lead_unit_id, *interview.co_unit_ids})


@rules.predicate
def is_lead_unit_editor_of(user, obj) -> bool:
    interview = _interview_of(obj)
    return bool(user.is_authenticated and interview is not None and _works_in(user, {interview.lead_unit_id}))


@rules.predicate
def works_in_answering_unit(user, question) -> bool:
    """Works in the unit answering the question: its responsible unit, the lead unit until one is set."""
    if not user.is_authenticated or question is None:
        return False
    unit_id = question.responsible_unit_id or question.interview.lead_unit_id
    return _works_in(user, {unit_id})


@rules.predicate
def works_in_notified_unit(user, notice) -> bool:
    return bool(user.is_authenticated and notice is not None and _works_in(user, {notice.unit_id}))


# The script (访谈稿): objects are a Script (saved or not yet) or a ScriptReview, duck-typed.
SCRIPT_CLOSED_STATES = frozenset({InterviewState.CANCELLED, InterviewState.FILED})
# Who reviews for each center: its platform operators / programme producers and its 稿件审核 reviewers.
SCRIPT_REVIEW_ROLES = {
    "digital": (UnitKind.DIGITAL_CENTER, {Role.OPERATOR, Role.REVIEWER}),
    "media": (UnitKind.MEDIA_CENTER, {Role.PRODUCER, Role.REVIEWER}),
}


@rules.predicate
def script_is_open(user, script) -> bool:
    """The interview is neither cancelled nor filed, and the final script is not approved yet."""
    interview = _interview_of(script)
    if interview is None:
        return False
    return interview.state not in SCRIPT_CLOSED_STATES and not getattr(script, "final_approved", False)


@rules.predicate
def reviews_for_center(user, review) -> bool:
    """Works in the center the review belongs to, as its operator/producer or its script reviewer."""
    if not user.is_authenticated or review is None:
        return False
    kind, roles = SCRIPT_REVIEW_ROLES.get(review.center, (None, set()))
    return any(k == kind and role in roles for _unit, k, role in user.unit_roles)


@rules.predicate
def is_responsible_unit_editor_of(user, obj) -> bool:
    return bool(is_responsible_unit_editor(user, _interview_of(obj)))


@rules.predicate
def made_the_proposal(user, proposal) -> bool:
    return bool(user.is_authenticated and proposal is not None and proposal.proposed_by_id == user.pk)


# The parties that agree on the recording date (product.md §3 step 5), by DateParty value.
DATE_PARTY_PREDICATES = {"lead": is_lead_unit_editor, "digital": is_digital_operator, "media": is_media_producer}


def date_parties(user, interview) -> list[str]:
    """The parties the user answers for on this interview's recording date (superusers answer for none)."""
    return [party for party, predicate in DATE_PARTY_PREDICATES.items() if predicate.test(user, interview)]


# Planning: 区政府办 drafts and approves; everybody on staff reads an approved plan.
rules.add_perm("planning.view_draft_plan", is_gov_office_member | is_superuser)
rules.add_perm("planning.change_plan", is_coordinator)
rules.add_perm("planning.approve_plan", is_coordinator)

# Interviews.
rules.add_perm("interviews.view_interview", sees_all_interviews | is_responsible_unit_member)
rules.add_perm("interviews.change_interview", is_coordinator | is_responsible_unit_editor)
rules.add_perm("interviews.set_tentative_date", is_coordinator | is_lead_unit_editor)
# The recording date: any of the three parties (or 区政府办 on their behalf) proposes; the three answer.
rules.add_perm(
    "interviews.propose_date", is_coordinator | is_lead_unit_editor | is_digital_operator | is_media_producer
)
rules.add_perm("interviews.withdraw_date_proposal", is_coordinator | made_the_proposal)
rules.add_perm("interviews.answer_date", is_lead_unit_editor | is_digital_operator | is_media_producer)
rules.add_perm("interviews.set_host", is_media_producer)
rules.add_perm("interviews.update_step", owns_step)
rules.add_perm("interviews.view_oversight", sees_all_interviews)
# State changes, by target state (lifecycle.py asks "interviews.transition_to_<state>").
rules.add_perm("interviews.transition_to_live", is_digital_operator | is_media_producer)
rules.add_perm("interviews.transition_to_ended", is_digital_operator | is_media_producer)
rules.add_perm("interviews.transition_to_postponed", is_coordinator)
rules.add_perm("interviews.transition_to_planned", is_coordinator)
rules.add_perm("interviews.transition_to_cancelled", is_coordinator)
rules.add_perm("interviews.transition_to_filed", is_digital_operator)

# Netizen questions (portal/questions/). Objects are an interview, a question or a 督办 notice.
rules.add_perm("questions.submit_introduction", is_lead_unit_editor_of)
rules.add_perm("questions.publish_preview", is_digital_operator)
rules.add_perm("questions.view_question", sees_the_interview_of)
rules.add_perm("questions.moderate_question", is_digital_operator)
rules.add_perm("questions.manage_lists", is_digital_operator)
rules.add_perm("questions.assign_question", is_digital_operator | is_lead_unit_editor_of)
rules.add_perm("questions.manage_topic_tags", is_digital_operator | is_lead_unit_editor_of)
rules.add_perm("questions.pick_representatives", is_lead_unit_editor_of)
rules.add_perm("questions.answer_question", works_in_answering_unit)
rules.add_perm("questions.check_answer", is_digital_operator)
rules.add_perm("questions.mark_answered_live", is_digital_operator | is_media_producer)
rules.add_perm("questions.view_overdue_answers", sees_all_interviews)
rules.add_perm("questions.send_supervision", is_coordinator)
rules.add_perm("questions.acknowledge_supervision", works_in_notified_unit)


@rules.predicate
def works_in_owner_unit(user, item) -> bool:
    """Works (as 经办人 or 单位管理员) in the unit that owns the rectification item."""
    return bool(user.is_authenticated and item is not None and _works_in(user, {item.owner_unit_id}))


# The script (portal/scripts/). The lead unit submits; the responsible units edit; each center reviews its own.
rules.add_perm("scripts.view_script", sees_the_interview_of)
rules.add_perm("scripts.edit_script", is_responsible_unit_editor_of & script_is_open)
rules.add_perm("scripts.submit_script", is_lead_unit_editor_of & script_is_open)
rules.add_perm("scripts.submit_final", is_lead_unit_editor_of & script_is_open)
rules.add_perm("scripts.review_script", reviews_for_center)

# The live broadcast (portal/live/): both centers' operators run the console; the object is the interview.
rules.add_perm("live.operate", is_digital_operator | is_media_producer)
# Post-produced videos (portal/videos/): 融媒体中心 uploads, captions and chapters; 数字治理中心 publishes.
rules.add_perm("videos.view_video", sees_the_interview_of)
rules.add_perm("videos.upload_video", is_media_producer)
rules.add_perm("videos.change_video", is_media_producer)
rules.add_perm("videos.publish_video", is_digital_operator)
# Webhooks to 浦口发布 and other receivers (portal/live/webhooks/): 数字治理中心 runs the portal's interfaces.
rules.add_perm("live.manage_webhooks", is_digital_operator)

# The summary and rectification (portal/followups/). Objects are an interview or a rectification item.
rules.add_perm("followups.view_followups", sees_the_interview_of)
rules.add_perm("followups.write_summary", is_lead_unit_editor_of)
rules.add_perm("followups.publish_summary", is_digital_operator)
rules.add_perm("followups.manage_rectification", is_coordinator | is_lead_unit_editor_of)
rules.add_perm("followups.update_rectification", works_in_owner_unit)
# Filing (备案, portal/filing/): 数字治理中心 files and adds addenda; staff who see the interview read the record.
rules.add_perm("filing.file_interview", is_digital_operator)
rules.add_perm("filing.view_filing", sees_the_interview_of)
rules.add_perm("filing.add_addendum", is_digital_operator)

# Units and people.
rules.add_perm("accounts.view_contacts", is_staff_member)
rules.add_perm("accounts.change_unit", is_coordinator | is_unit_admin_of)

# Audit: who did what is shown to whoever may see the object; addresses and the full log to auditors.
rules.add_perm("audit.view_full_log", is_auditor | is_coordinator | is_superuser)

# The year's figures (政府网站工作年度报表 rows, plan against what happened, punctuality): the oversight bodies.
rules.add_perm("figures.view_year_figures", sees_all_interviews | is_coordinator)

# The working-day calendar for years the official package does not cover yet.
rules.add_perm("workcalendar.change_day", is_coordinator)
