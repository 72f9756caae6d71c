"""访谈定稿: the final revision both centers approved, as JSON (with its reviews), DOCX and PDF."""

from portal.core.docx import DOCX_MEDIA_TYPE
from portal.filing.base import ArchiveFile, iso, json_file
from portal.scripts.export import script_docx, script_pdf
from portal.scripts.models import ScriptRevision
from portal.scripts.queries import approved_final

KEY = "script"


def final_revision(interview) -> ScriptRevision | None:
    revision = approved_final(interview)
    if revision is None:
        return None
    return (
        ScriptRevision.objects.select_related("submitted_by")
        .prefetch_related("reviews__reviewer", "reviews__unit")
        .get(pk=revision.pk)
    )


def has_content(interview) -> bool:
    return final_revision(interview) is not None


def files(interview) -> list[ArchiveFile]:
    revision = final_revision(interview)
    if revision is None:
        return []
    document = revision.as_document()
    data = {
        "revision": revision.number,
        "is_final": revision.is_final,
        "word_count": revision.word_count,
        "submitted_at": iso(revision.submitted_at),
        "submitted_by": revision.submitted_by.display_name,
        "approved_at": iso(revision.approved_at),
        "note": revision.note,
        "reviews": [
            {
                "center": str(review.get_center_display()),
                "unit": str(review.unit or ""),
                "decision": str(review.get_decision_display()),
                "reviewer": review.reviewer.display_name if review.reviewer_id else "",
                "decided_at": iso(review.decided_at),
            }
            for review in revision.reviews.all()
        ],
        "document": revision.document,
    }
    return [
        json_file(f"{KEY}/final.json", data),
        ArchiveFile(f"{KEY}/final.docx", script_docx(document), DOCX_MEDIA_TYPE),
        ArchiveFile(f"{KEY}/final.pdf", script_pdf(document), "application/pdf"),
    ]
