"""总结: the summary as the lead unit wrote it, with its facts, opinion points and their cited questions (JSON,
DOCX with the charts, PDF). Filed in whatever state it is; the state is part of the record."""

from portal.core.docx import DOCX_MEDIA_TYPE
from portal.filing.base import ArchiveFile, iso, json_file
from portal.followups.export import summary_docx, summary_pdf
from portal.followups.models import Summary
from portal.followups.queries import summary_view

KEY = "summary"


def has_content(interview) -> bool:
    return Summary.objects.filter(interview=interview).exists()


def files(interview) -> list[ArchiveFile]:
    summary = Summary.objects.filter(interview=interview).first()
    if summary is None:
        return []
    view = summary_view(interview, summary=summary)
    cited = sorted({question.pk for point in view.points for question in point.questions.all()})
    facts = view.facts
    data = {
        "state": str(summary.get_state_display()),
        "submitted_at": iso(summary.submitted_at),
        "published_at": iso(summary.published_at),
        "body_html": summary.body,
        "facts": {
            "received": facts.received,
            "published": facts.published,
            "answered_live": facts.answered_live,
            "answered_written": facts.answered_written,
            "overdue": facts.overdue,
            "page_views": facts.page_views,
            "peak_viewers": facts.peak_viewers,
        },
        "points": [
            {"text": point.text, "questions": [question.pk for question in point.questions.all()]}
            for point in view.points
        ],
    }
    return [
        json_file(f"{KEY}/summary.json", data, questions=cited),
        ArchiveFile(f"{KEY}/summary.docx", summary_docx(view), DOCX_MEDIA_TYPE, questions=tuple(cited)),
        ArchiveFile(f"{KEY}/summary.pdf", summary_pdf(view), "application/pdf", questions=tuple(cited)),
    ]
