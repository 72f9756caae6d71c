"""A netizen's personal-information deletion request reaching a filed record: the public copy is redacted,
the sealed originals stay, and a redaction addendum records what and why."""

import io
import json
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.urls import reverse

from portal.filing.enums import REDACTED_NICKNAME, REDACTED_TEXT, AddendumKind
from portal.filing.exceptions import FilingRefused
from portal.filing.redaction import redact_question
from portal.filing.services import file_interview, verify_filing
from portal.questions.models import AskerContact

pytestmark = [pytest.mark.unit]

ORIGINAL_TEXT = "老旧小区燃气管道什么时候改造？我的电话139****5678"


def _zip(filing) -> dict[str, bytes]:
    with default_storage.open(filing.archive.name, "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture
def filed(held, operator):
    return file_interview(held, actor=operator)


def test_redaction_redacts_the_public_copy_and_purges_the_asker(filed, held, operator, client):
    question = held.question

    addendum = redact_question(question, actor=operator, reference="PIPL-2025-017", reason="网友来信要求删除个人信息")

    question.refresh_from_db()
    assert (question.nickname, question.public_text, question.text) == (REDACTED_NICKNAME, REDACTED_TEXT, REDACTED_TEXT)
    asker = AskerContact.objects.get(question=question)
    assert (asker.contact_ciphertext, asker.contact_hint, asker.real_name_ciphertext) == ("", "", "")
    assert asker.purged_at is not None
    assert addendum.kind == AddendumKind.REDACTION
    assert addendum.reference == "PIPL-2025-017"
    assert question.events.filter(kind="contact_purged", actor=operator).exists()

    for url in (
        reverse("website:interview-detail", args=[held.pk]),
        reverse("website:live-entries", args=[held.pk]),
        reverse("website:live-entries", args=[held.pk]) + "?since=0",
        reverse("website:question-receipt", args=[question.receipt_code]),
    ):
        page = client.get(url).content.decode()
        assert "桥林老住户" not in page, url
        assert "老旧小区燃气管道什么时候改造" not in page, url
    assert REDACTED_TEXT in client.get(reverse("website:interview-detail", args=[held.pk])).content.decode()


def test_the_redaction_addendum_names_the_files_and_keeps_the_originals(filed, held, operator):
    before = _zip(filed)

    addendum = redact_question(held.question, actor=operator, reference="PIPL-2025-017", reason="网友来信要求删除")

    filed.refresh_from_db()
    after = _zip(filed)
    assert {name: after[name] for name in before} == before  # the sealed originals are not rewritten
    assert ORIGINAL_TEXT in after["questions/questions.json"].decode()
    statement = json.loads(after["addenda/001-redaction.json"])
    containing = {"questions/questions.json", "questions/questions.html", "live/record.json", "live/record.html"}
    assert set(statement["archive_files_containing_it"]) == containing
    assert statement["question"] == held.question.pk
    assert statement["public_copy"] == "redacted"
    assert statement["reason"] == "网友来信要求删除"
    assert {change["file"] for change in addendum.changes} == containing
    for change in addendum.changes:
        redacted = after[f"addenda/001-redaction/{change['file']}"].decode()
        assert change["old_sha256"] != change["new_sha256"]
        assert "桥林老住户" not in redacted
        assert ORIGINAL_TEXT not in redacted
        assert REDACTED_TEXT in redacted
    assert "桥林老住户" not in after["addenda/001-redaction.json"].decode()  # the addendum says what, not the data
    assert verify_filing(filed).ok


def test_a_redaction_needs_a_reference_and_a_reason_and_happens_once(filed, held, operator):
    with pytest.raises(FilingRefused, match="请填写删除申请的编号"):
        redact_question(held.question, actor=operator, reference=" ", reason="要求删除")
    with pytest.raises(FilingRefused, match="请填写补充说明的原因"):
        redact_question(held.question, actor=operator, reference="PIPL-1", reason="")
    held.question.refresh_from_db()
    assert held.question.nickname == "桥林老住户"

    redact_question(held.question, actor=operator, reference="PIPL-1", reason="要求删除")
    with pytest.raises(FilingRefused, match="个人信息已经删除"):
        redact_question(held.question, actor=operator, reference="PIPL-1", reason="要求删除")
    assert filed.addenda.count() == 1


def test_a_redaction_is_for_filed_interviews(held, operator):
    with pytest.raises(FilingRefused, match="尚未备案"):
        redact_question(held.question, actor=operator, reference="PIPL-1", reason="要求删除")


@pytest.mark.parametrize("who", ["producer", "editor", "coordinator", "outsider"])
def test_only_the_digital_center_redacts(filed, held, who, request):
    with pytest.raises(PermissionDenied):
        redact_question(held.question, actor=request.getfixturevalue(who), reference="PIPL-1", reason="要求删除")
    held.question.refresh_from_db()
    assert held.question.nickname == "桥林老住户"
