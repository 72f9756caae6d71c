"""Filing a held interview: the archive and its manifest, re-verified; tampering detected; addenda appended."""

import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from portal.audit.models import AuditEntry
from portal.filing.archive import MANIFEST, MANIFEST_SUM
from portal.filing.base import ArchiveFile
from portal.filing.enums import AddendumKind
from portal.filing.exceptions import FilingRefused
from portal.filing.services import add_addendum, file_interview, verify_filing
from portal.followups.services.rectification import create_item
from portal.followups.services.summary import save_summary
from portal.interviews.enums import InterviewState, StepKind, StepStatus
from tests.factories import InterviewFactory

pytestmark = [pytest.mark.unit]


def _zip(filing) -> dict[str, bytes]:
    with default_storage.open(filing.archive.name, "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
        return {name: archive.read(name) for name in archive.namelist()}


def _tamper(filing, name: str, data: bytes) -> None:
    """Rewrite one entry of the stored archive behind the system's back."""
    contents = _zip(filing)
    contents[name] = data
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for entry, body in contents.items():
            archive.writestr(entry, body)
    default_storage.delete(filing.archive.name)
    default_storage.save(filing.archive.name, ContentFile(buffer.getvalue()))


def test_filing_builds_an_archive_that_verifies_from_its_manifest(held, final_script, operator):
    filing = file_interview(held, actor=operator)

    contents = _zip(filing)
    manifest = json.loads(contents[MANIFEST])
    assert manifest == filing.manifest
    assert contents[MANIFEST_SUM].decode() == f"{hashlib.sha256(contents[MANIFEST]).hexdigest()}  manifest.json\n"
    names = {entry["name"] for entry in manifest["files"]}
    assert {
        "preview/preview.json",
        "preview/preview.html",
        "questions/questions.json",
        "questions/questions.html",
        "script/final.json",
        "script/final.docx",
        "script/final.pdf",
        "live/record.json",
        "live/record.html",
        "video/video.json",
        "audit/trail.json",
    } <= names
    for entry in manifest["files"]:  # every file is in the ZIP with the hash and size the manifest says
        assert hashlib.sha256(contents[entry["name"]]).hexdigest() == entry["sha256"]
        assert len(contents[entry["name"]]) == entry["size"]
    assert manifest["interview"]["title"] == "城镇燃气“安心用气工程”"
    assert manifest["filed_by"] == operator.display_name
    assert manifest["software"]["version"]
    empty = {section["key"] for section in manifest["sections"] if section["empty"]}
    assert empty == {"summary", "rectification"}  # filed in test_the_summary_and_the_rectification_state_are_filed

    report = verify_filing(filing, actor=operator)
    assert report.ok, report.problems
    assert report.checked == len(manifest["files"]) + 1


def test_filing_moves_the_interview_to_filed_and_settles_the_step(held, operator):
    file_interview(held, actor=operator)

    held.refresh_from_db()
    assert held.state == InterviewState.FILED
    assert held.steps.get(kind=StepKind.FILING).status == StepStatus.DONE
    assert held.state_changes.last().to_state == InterviewState.FILED
    assert AuditEntry.objects.for_object(held).filter(action="filing.interview.filed").exists()


def test_the_archive_holds_public_content_and_never_a_contact(held, operator):
    filing = file_interview(held, actor=operator)

    contents = _zip(filing)
    questions = json.loads(contents["questions/questions.json"])
    assert [q["text"] for q in questions["questions"]] == ["老旧小区燃气管道什么时候改造？我的电话139****5678"]
    assert questions["questions"][0]["answer"]["body"] == "今年年底前完成改造。"
    assert questions["report"]["received"] == 2  # the pending one is counted, not listed
    video = json.loads(contents["video/video.json"])
    assert video["source"]["sha256"] == "a" * 64
    assert video["resolution"] == "1920x1080"
    everything = b"".join(contents.values()).decode("utf-8", "ignore")
    assert "13912345678" not in everything
    assert "李四" not in everything  # the real name, not opted in to show


def test_the_summary_and_the_rectification_state_are_filed(held, units, editor, operator):
    save_summary(held, actor=editor, body="<p>本期访谈共收到网友提问若干，现场答复燃气管道改造进度。</p>", submit=True)
    create_item(
        held,
        actor=editor,
        what="公布老旧小区燃气管道改造计划表",
        owner_unit=units["lead"],
        due_date=timezone.localdate() + dt.timedelta(days=30),
        question_ids=[held.question.pk],
    )

    filing = file_interview(held, actor=operator)

    names = {entry["name"] for entry in filing.manifest["files"]}
    assert {"summary/summary.json", "summary/summary.docx", "summary/summary.pdf"} <= names
    assert "rectification/items.json" in names
    items = json.loads(_zip(filing)["rectification/items.json"])
    assert [(item["what"], item["status"]) for item in items] == [("公布老旧小区燃气管道改造计划表", "未开始")]
    assert verify_filing(filing).ok


def test_empty_sections_are_recorded_in_the_manifest(units, operator):
    interview = InterviewFactory(lead_unit=units["lead"], state=InterviewState.ENDED, steps=list(StepKind.values))

    filing = file_interview(interview, actor=operator)

    empty = {section["key"] for section in filing.manifest["sections"] if section["empty"]}
    assert empty == {"preview", "questions", "script", "live", "video", "summary", "rectification"}
    assert verify_filing(filing).ok


@pytest.mark.parametrize(
    ("name", "data"),
    [("questions/questions.json", b'{"questions": []}\n'), ("live/record.html", b"<p>changed</p>")],
)
def test_a_tampered_file_is_detected_and_named(held, operator, name, data):
    filing = file_interview(held, actor=operator)
    _tamper(filing, name, data)

    report = verify_filing(filing, actor=operator)

    assert not report.ok
    assert report.problems == [f"文件 {name} 的内容与清单中的SHA-256不符（已被改动）。"]


def test_a_rewritten_manifest_is_detected_against_the_recorded_hash(held, operator):
    filing = file_interview(held, actor=operator)
    contents = _zip(filing)
    manifest = json.loads(contents[MANIFEST])
    manifest["files"] = [entry for entry in manifest["files"] if entry["name"] != "audit/trail.json"]
    forged = json.dumps(manifest).encode()
    _tamper(filing, MANIFEST, forged)
    _tamper(filing, MANIFEST_SUM, f"{hashlib.sha256(forged).hexdigest()}  manifest.json\n".encode())

    report = verify_filing(filing)

    assert "清单 manifest.json 与备案时登记的校验值不符。" in report.problems
    assert "文件包中有清单以外的文件：audit/trail.json。" in report.problems


def test_a_missing_archive_is_reported(held, operator):
    filing = file_interview(held, actor=operator)
    default_storage.delete(filing.archive.name)

    report = verify_filing(filing)

    assert report.problems == [f"找不到备案文件包 {filing.archive.name}。"]


def test_an_addendum_is_appended_without_rewriting_the_originals(held, operator):
    filing = file_interview(held, actor=operator)
    before = _zip(filing)
    original_name = filing.archive.name

    addendum = add_addendum(
        filing,
        actor=operator,
        kind=AddendumKind.CORRECTION,
        reason="嘉宾职务有误，应为副局长。",
        files=[ArchiveFile("guests.json", '{"post": "副局长"}'.encode(), "application/json")],
        changes=[{"file": "preview/preview.json", "old_sha256": filing.files[0]["sha256"], "new_sha256": "b" * 64}],
    )

    filing.refresh_from_db()
    after = _zip(filing)
    assert {name: after[name] for name in before} == before  # byte for byte
    assert set(after) - set(before) == {"addenda/001-correction.json", "addenda/001-correction/guests.json"}
    statement = json.loads(after["addenda/001-correction.json"])
    assert statement["reason"] == "嘉宾职务有误，应为副局长。"
    assert statement["manifest_sha256"] == filing.manifest_sha256
    assert [f["name"] for f in addendum.files] == ["addenda/001-correction.json", "addenda/001-correction/guests.json"]
    assert default_storage.exists(original_name)  # the sealed original stays
    assert filing.original_archive_name == original_name
    assert verify_filing(filing).ok

    second = add_addendum(filing, actor=operator, kind=AddendumKind.NOTE, reason="补充说明：视频另存光盘。")
    assert second.number == 2
    filing.refresh_from_db()
    assert json.loads(_zip(filing)["addenda/002-note.json"])["previous_addendum_sha256"] == addendum.files[0]["sha256"]
    assert verify_filing(filing).ok


def test_a_tampered_addendum_is_detected(held, operator):
    filing = file_interview(held, actor=operator)
    add_addendum(filing, actor=operator, kind=AddendumKind.NOTE, reason="说明")
    filing.refresh_from_db()
    _tamper(filing, "addenda/001-note.json", b"{}")

    assert verify_filing(filing).problems == ["文件 addenda/001-note.json 的内容与清单中的SHA-256不符（已被改动）。"]


def test_an_addendum_needs_a_reason_and_a_known_kind(held, operator):
    filing = file_interview(held, actor=operator)

    with pytest.raises(FilingRefused, match="请填写补充说明的原因"):
        add_addendum(filing, actor=operator, kind=AddendumKind.NOTE, reason="  ")
    with pytest.raises(FilingRefused, match="未知的补充说明类型"):
        add_addendum(filing, actor=operator, kind="rewrite", reason="改")
    assert not filing.addenda.exists()


def test_filing_is_refused_before_the_interview_has_ended(units, operator):
    interview = InterviewFactory(lead_unit=units["lead"], state=InterviewState.LIVE)

    with pytest.raises(FilingRefused, match="访谈结束后才能备案（当前状态：直播中）"):
        file_interview(interview, actor=operator)


def test_filing_is_refused_while_steps_are_undone_and_leaves_nothing(units, operator):
    interview = InterviewFactory(lead_unit=units["lead"], state=InterviewState.ENDED, steps=[StepKind.TOPIC])

    with pytest.raises(FilingRefused, match="以下步骤尚未完成，不能备案"):
        file_interview(interview, actor=operator)

    interview.refresh_from_db()
    assert interview.state == InterviewState.ENDED
    assert not default_storage.exists(f"filing/{interview.pk}")


def test_filing_twice_is_refused(held, operator):
    file_interview(held, actor=operator)

    with pytest.raises(FilingRefused, match="本期访谈已经备案"):
        file_interview(held, actor=operator)


@pytest.mark.parametrize("who", ["producer", "editor", "coordinator", "outsider"])
def test_only_the_digital_center_files_and_adds_addenda(held, operator, who, request):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        file_interview(held, actor=actor)
    filing = file_interview(held, actor=operator)
    with pytest.raises(PermissionDenied):
        add_addendum(filing, actor=actor, kind=AddendumKind.NOTE, reason="说明")
