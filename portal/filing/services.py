"""Filing (备案): file a held interview, check the archive against its manifest, add addenda.

``file_interview`` builds every registered section (portal/filing/sections.py), hashes each file,
writes the archive through Django's storage and moves the interview to 已备案 through
``transition_interview`` (which settles the 备案 step). ``add_addendum`` is the only way a filed
record changes afterwards: its files are added to the archive, the originals are never rewritten.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit.services import log_action
from portal.filing import archive
from portal.filing.base import ArchiveFile, iso, json_file
from portal.filing.enums import AddendumKind
from portal.filing.exceptions import FilingRefused
from portal.filing.models import Addendum, FilingRecord
from portal.filing.sections import SECTIONS
from portal.interviews.enums import InterviewState
from portal.interviews.lifecycle import TransitionRefused, preconditions, transition_interview
from portal.interviews.models import Interview

REASON_MAX = 2000


def require(actor, perm: str, obj) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied


def filing_of(interview: Interview) -> FilingRecord | None:
    return FilingRecord.objects.filter(interview=interview).select_related("filed_by").first()


@dataclass(frozen=True)
class SectionStatus:
    key: str
    title: str
    has_content: bool | None  # None: only known when filed


def section_statuses(interview: Interview) -> list[SectionStatus]:
    """What each section would hold now, for the 备案 panel's warning about empty ones."""
    return [SectionStatus(s.key, str(s.title), s.has_content(interview) if s.has_content else None) for s in SECTIONS]


def filing_problems(interview: Interview) -> list[str]:
    """Why the interview cannot be filed now; an empty list means it can (permissions aside)."""
    if interview.state == InterviewState.FILED:
        return [_("本期访谈已经备案。")]
    if interview.state != InterviewState.ENDED:
        return [_("访谈结束后才能备案（当前状态：%(state)s）。") % {"state": interview.get_state_display()}]
    return preconditions(interview, InterviewState.FILED)


def _storage_name(interview: Interview, when, suffix: str = "") -> str:
    return f"filing/{interview.pk}/archive-{timezone.localtime(when):%Y%m%d-%H%M%S}{suffix}.zip"


@transaction.atomic
def file_interview(interview: Interview, *, actor) -> FilingRecord:
    """Freeze a held interview: build the sections, hash them, write the archive, move it to 已备案."""
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    require(actor, "filing.file_interview", interview)
    if problems := filing_problems(interview):
        raise FilingRefused(problems[0])
    now = timezone.now()
    built = archive.build(interview, SECTIONS)
    manifest = archive.make_manifest(interview, built, filed_at=now, filed_by=actor)
    manifest_data = archive.manifest_bytes(manifest)
    data = archive.original_zip(built, manifest_data, now)
    record = FilingRecord(
        interview=interview,
        filed_at=now,
        filed_by=actor,
        manifest=manifest,
        manifest_sha256=archive.sha256_hex(manifest_data),
        archive_size=len(data),
    )
    record.archive.save(_storage_name(interview, now), ContentFile(data), save=False)
    record.original_archive_name = record.archive.name
    try:
        record.save()
        transition_interview(interview, InterviewState.FILED, actor=actor)
        empty = [section["title"] for section in manifest["sections"] if section["empty"]]
        log_action(
            interview,
            "filing.interview.filed",
            actor=actor,
            data={"rows": len(manifest["files"]), "size": len(data), "empty": "、".join(empty)},
        )
    except TransitionRefused as refused:
        default_storage.delete(record.archive.name)
        raise FilingRefused(str(refused)) from refused
    except Exception:
        default_storage.delete(record.archive.name)
        raise
    return record


def read_archive(filing: FilingRecord) -> bytes | None:
    try:
        with default_storage.open(filing.archive.name, "rb") as handle:
            return handle.read()
    except (FileNotFoundError, OSError):
        return None


def addenda_files(filing: FilingRecord) -> list[dict]:
    return [entry for addendum in filing.addenda.order_by("number") for entry in addendum.files]


def verify_filing(filing: FilingRecord, *, actor=None) -> archive.VerifyReport:
    """Re-read the archive and recompute every file's SHA-256 against the manifest and the addenda."""
    if actor is not None:
        require(actor, "filing.view_filing", filing.interview)
    data = read_archive(filing)
    if data is None:
        report = archive.VerifyReport(problems=[_("找不到备案文件包 %(name)s。") % {"name": filing.archive.name}])
    else:
        report = archive.verify_bytes(data, manifest_sha256=filing.manifest_sha256, addenda_files=addenda_files(filing))
    if actor is not None:
        log_action(
            filing.interview,
            "filing.archive.verified",
            actor=actor,
            data={"rows": report.checked, "note": "；".join(report.problems) or _("全部一致")},
        )
    return report


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise FilingRefused(_("请填写补充说明的原因。"))
    if len(reason) > REASON_MAX:
        raise FilingRefused(_("原因不能超过%(n)s个字。") % {"n": REASON_MAX})
    return reason


@transaction.atomic
def add_addendum(
    filing: FilingRecord,
    *,
    actor,
    kind: str,
    reason: str,
    reference: str = "",
    files: list[ArchiveFile] = (),
    changes: list[dict] = (),
    details: dict | None = None,
) -> Addendum:
    """Append an addendum: its JSON and ``files`` go to ``addenda/NNN-<kind>…``; nothing already filed changes.

    ``changes`` says what it changes ([{"file", "old_sha256", "new_sha256"}]); ``details`` adds facts
    to its JSON (a redaction names the question and the fields). The archive is written again under a
    new name with every earlier entry copied unchanged; the earlier archive stays in storage.
    """
    filing = FilingRecord.objects.select_for_update().select_related("interview").get(pk=filing.pk)
    require(actor, "filing.add_addendum", filing.interview)
    if kind not in AddendumKind.values:
        raise FilingRefused(_("未知的补充说明类型。"))
    reason = _clean_reason(reason)
    reference = (reference or "").strip()[:100]
    current = read_archive(filing)
    if current is None:
        raise FilingRefused(_("找不到备案文件包，不能添加补充说明；请联系系统管理员。"))
    number = (filing.addenda.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    prefix = f"{archive.ADDENDA_DIR}{number:03d}-{kind}"
    now = timezone.now()
    own = [ArchiveFile(f"{prefix}/{item.name}", item.data, item.media_type) for item in files]
    previous = filing.addenda.order_by("-number").first()
    body = {
        "addendum": number,
        "kind": kind,
        "kind_label": str(AddendumKind(kind).label),
        "reason": reason,
        "reference": reference,
        "by": actor.display_name,
        "at": iso(now),
        "changes": list(changes),
        **(details or {}),
        "files": [{"name": f.name, "sha256": f.sha256, "size": f.size, "media_type": f.media_type} for f in own],
        "manifest_sha256": filing.manifest_sha256,
        "previous_addendum_sha256": previous.files[0]["sha256"] if previous else None,
    }
    statement = json_file(f"{prefix}.json", body)
    additions = [statement, *own]
    data = archive.with_additions(current, additions, now)
    addendum = Addendum.objects.create(
        filing=filing,
        number=number,
        kind=kind,
        reason=reason,
        reference=reference,
        changes=list(changes),
        files=[{"name": f.name, "sha256": f.sha256, "size": f.size, "media_type": f.media_type} for f in additions],
        created_by=actor,
        created_at=now,
    )
    filing.archive.save(_storage_name(filing.interview, now, f"-addendum-{number:03d}"), ContentFile(data), save=False)
    filing.archive_size = len(data)
    filing.save(update_fields=["archive", "archive_size"])
    log_action(
        filing.interview,
        "filing.addendum.added",
        actor=actor,
        data={"kind": kind, "reason": reason, "file": ", ".join(f.name for f in additions)},
    )
    return addendum


def record_download(filing: FilingRecord, *, actor) -> None:
    """Downloading the sealed archive is logged: it holds the record as filed, before any redaction."""
    require(actor, "filing.view_filing", filing.interview)
    log_action(filing.interview, "filing.archive.downloaded", actor=actor, data={"file": filing.archive.name})
