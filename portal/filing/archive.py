"""The archive of a filed interview: its manifest, the ZIP that holds the files, and checking one against the other.

The ZIP holds every section's files under their names, ``manifest.json`` (each file's name, SHA-256, size
and media type; the interview; the filing time; the software version) and ``manifest.sha256`` (the
manifest's own hash, in the format ``sha256sum -c`` reads). Addenda add ``addenda/NNN-<kind>.json`` and
their files; the original entries are copied byte for byte, never rewritten.
"""

import io
import json
import zipfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.filing.base import ArchiveFile, Section, iso, json_bytes, sha256_hex

FORMAT = "portal-filing/1"
MANIFEST = "manifest.json"
MANIFEST_SUM = "manifest.sha256"
ADDENDA_DIR = "addenda/"
RESERVED = frozenset({MANIFEST, MANIFEST_SUM})


def software_version() -> str:
    """The portal's version: the installed package's, else pyproject.toml's (a checkout run in place)."""
    try:
        return metadata.version("portal")
    except metadata.PackageNotFoundError:
        pass
    try:
        import tomllib  # noqa: PLC0415 -- only needed without an installed package

        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as handle:
            return tomllib.load(handle)["project"]["version"]
    except (OSError, KeyError, ValueError):
        return "unknown"


def check_names(section: Section, files: list[ArchiveFile], seen: set[str]) -> None:
    """A provider's files must live under its key, once each; a clash is a programming error."""
    for item in files:
        if not item.name.startswith(f"{section.key}/") or item.name in RESERVED or item.name in seen:
            raise ValueError(f"Section {section.key!r} returned a bad or duplicate file name: {item.name!r}")
        seen.add(item.name)


def build(interview, sections: list[Section]) -> list[tuple[Section, list[ArchiveFile]]]:
    seen: set[str] = set()
    built = []
    for section in sections:
        files = list(section.provide(interview))
        check_names(section, files, seen)
        built.append((section, files))
    return built


def interview_metadata(interview) -> dict:
    return {
        "id": interview.pk,
        "title": interview.title,
        "year": interview.year,
        "lead_unit": str(interview.lead_unit or ""),
        "co_units": [str(unit) for unit in interview.co_units.all()],
        "recording_at": iso(interview.recording_at),
        "place": interview.place,
        "host": interview.host_name,
        "public_url": interview.get_absolute_url(),
        "plan_row": (
            {"year": interview.plan_row.plan.year, "seq": interview.plan_row.seq} if interview.plan_row_id else None
        ),
    }


def make_manifest(interview, built, *, filed_at, filed_by) -> dict:
    files = []
    sections = []
    for section, section_files in built:
        sections.append(
            {"key": section.key, "title": str(section.title), "files": len(section_files), "empty": not section_files}
        )
        for item in section_files:
            entry = {"name": item.name, "sha256": item.sha256, "size": item.size, "media_type": item.media_type}
            entry["section"] = section.key
            if item.questions:
                entry["questions"] = list(item.questions)
            files.append(entry)
    return {
        "format": FORMAT,
        "hash_algorithm": "sha256",
        "interview": interview_metadata(interview),
        "filed_at": iso(filed_at),
        "filed_by": filed_by.display_name,
        "software": {"name": "在线访谈平台", "version": software_version()},
        "sections": sections,
        "files": files,
    }


def manifest_bytes(manifest: dict) -> bytes:
    return json_bytes(manifest)


def manifest_sum(data: bytes) -> bytes:
    return f"{sha256_hex(data)}  {MANIFEST}\n".encode()


def _info(name: str, when) -> zipfile.ZipInfo:
    local = timezone.localtime(when)
    info = zipfile.ZipInfo(name, date_time=(local.year, local.month, local.day, local.hour, local.minute, local.second))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def write_zip(entries: list[tuple[zipfile.ZipInfo | str, bytes]], when) -> bytes:
    """A ZIP of ``entries`` (an existing ZipInfo keeps its time; a bare name gets ``when``)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name_or_info, data in entries:
            info = name_or_info if isinstance(name_or_info, zipfile.ZipInfo) else _info(name_or_info, when)
            archive.writestr(info, data)
    return buffer.getvalue()


def original_zip(built, manifest_data: bytes, when) -> bytes:
    entries: list[tuple[zipfile.ZipInfo | str, bytes]] = [
        (item.name, item.data) for _section, files in built for item in files
    ]
    entries += [(MANIFEST, manifest_data), (MANIFEST_SUM, manifest_sum(manifest_data))]
    return write_zip(entries, when)


def with_additions(archive_data: bytes, additions: list[ArchiveFile], when) -> bytes:
    """The archive again with ``additions`` appended; every existing entry is copied unchanged."""
    with zipfile.ZipFile(io.BytesIO(archive_data)) as archive:
        existing = [(info, archive.read(info)) for info in archive.infolist()]
    names = {info.filename for info, _data in existing}
    clash = [item.name for item in additions if item.name in names]
    if clash:
        raise ValueError(f"Addendum files would overwrite archive entries: {clash}")
    return write_zip([*existing, *((item.name, item.data) for item in additions)], when)


@dataclass
class VerifyReport:
    """The result of checking an archive: ``problems`` name each file that fails, in Chinese."""

    checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_bytes(data: bytes, *, manifest_sha256: str, addenda_files: list[dict]) -> VerifyReport:
    """Check an archive against its manifest, the manifest against its own hash and the recorded one."""
    report = VerifyReport()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        contents = {info.filename: archive.read(info) for info in archive.infolist()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
        report.problems.append(_("备案文件包已损坏，无法打开（%(error)s）。") % {"error": error})
        return report
    manifest_data = contents.get(MANIFEST)
    if manifest_data is None:
        report.problems.append(_("文件包中缺少清单 %(name)s。") % {"name": MANIFEST})
        return report
    actual = sha256_hex(manifest_data)
    report.checked += 1
    listed_sum = contents.get(MANIFEST_SUM, b"").decode("utf-8", "replace").split()
    if not listed_sum or listed_sum[0] != actual:
        report.problems.append(_("清单 %(name)s 与 %(sum)s 中的校验值不符。") % {"name": MANIFEST, "sum": MANIFEST_SUM})
    if actual != manifest_sha256:
        report.problems.append(_("清单 %(name)s 与备案时登记的校验值不符。") % {"name": MANIFEST})
    try:
        manifest = json.loads(manifest_data)
    except ValueError:
        report.problems.append(_("清单 %(name)s 无法读取。") % {"name": MANIFEST})
        return report
    expected = [*manifest.get("files", []), *addenda_files]
    for entry in expected:
        _check(report, contents, entry)
    known = {entry["name"] for entry in expected} | RESERVED
    for name in sorted(set(contents) - known):
        report.problems.append(_("文件包中有清单以外的文件：%(name)s。") % {"name": name})
    return report


def _check(report: VerifyReport, contents: dict[str, bytes], entry: dict) -> None:
    name = entry["name"]
    data = contents.get(name)
    report.checked += 1
    if data is None:
        report.problems.append(_("文件包中缺少文件：%(name)s。") % {"name": name})
    elif sha256_hex(data) != entry["sha256"] or len(data) != entry["size"]:
        report.problems.append(_("文件 %(name)s 的内容与清单中的SHA-256不符（已被改动）。") % {"name": name})
