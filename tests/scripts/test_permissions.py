"""scripts.* permissions: who sees, edits, submits and reviews a script (docs/developer/permissions.md)."""

import pytest
from django.utils import timezone

from portal.accounts.enums import Role
from portal.scripts.models import Script, ScriptReview, ScriptRevision
from tests.factories import InterviewFactory, staff

pytestmark = [pytest.mark.unit]


@pytest.fixture
def script(interview):
    return Script(interview=interview)  # permissions hold before the first save too


def _review(script, center):
    return ScriptReview(revision=ScriptRevision(script=script), center=center)


def test_who_sees_edits_and_submits(script, editor, co_editor, operator, producer, coordinator, auditor, outsider):
    cast = {"editor": editor, "co_editor": co_editor, "operator": operator, "producer": producer}
    cast |= {"coordinator": coordinator, "auditor": auditor, "outsider": outsider}

    def allowed(perm):
        return {name for name, user in cast.items() if user.has_perm(perm, script)}

    assert allowed("scripts.view_script") == set(cast) - {"outsider"}
    assert allowed("scripts.edit_script") == {"editor", "co_editor"}
    assert allowed("scripts.submit_script") == {"editor"}
    assert allowed("scripts.submit_final") == {"editor"}


def test_each_center_reviews_only_its_own(script, operator, producer, editor, outsider, digital_center, media_center):
    digital_reviewer = staff(digital_center, Role.REVIEWER, username="digital_reviewer")
    media_reviewer = staff(media_center, Role.REVIEWER, username="media_reviewer")
    digital, media = _review(script, "digital"), _review(script, "media")

    assert operator.has_perm("scripts.review_script", digital)
    assert not operator.has_perm("scripts.review_script", media)
    assert producer.has_perm("scripts.review_script", media)
    assert not producer.has_perm("scripts.review_script", digital)
    assert digital_reviewer.has_perm("scripts.review_script", digital)
    assert not digital_reviewer.has_perm("scripts.review_script", media)
    assert media_reviewer.has_perm("scripts.review_script", media)
    for user in (editor, outsider):
        assert not user.has_perm("scripts.review_script", digital)
        assert not user.has_perm("scripts.review_script", media)


@pytest.mark.parametrize("state", ["cancelled", "filed"])
def test_closed_interviews_are_not_edited(units, editor, state):
    script = Script(interview=InterviewFactory(lead_unit=units["lead"], state=state))

    assert editor.has_perm("scripts.view_script", script)
    assert not editor.has_perm("scripts.edit_script", script)
    assert not editor.has_perm("scripts.submit_script", script)


def test_an_approved_final_closes_the_script(script, editor, co_editor):
    script.final_approved_at = timezone.now()

    assert not editor.has_perm("scripts.edit_script", script)
    assert not co_editor.has_perm("scripts.edit_script", script)
    assert not editor.has_perm("scripts.submit_final", script)
    assert editor.has_perm("scripts.view_script", script)
