"""整改: each rectification item as it stands at filing (what, questions, owner, due date, status, dated notes).

Items go on after filing (rectification is followed to the end); the archive freezes their state on the day."""

from portal.filing.base import ArchiveFile, iso, json_file
from portal.followups.models import RectificationItem

KEY = "rectification"


def _items(interview):
    return (
        RectificationItem.objects.filter(interview=interview)
        .select_related("owner_unit")
        .prefetch_related("questions", "notes")
        .order_by("pk")
    )


def has_content(interview) -> bool:
    return RectificationItem.objects.filter(interview=interview).exists()


def files(interview) -> list[ArchiveFile]:
    items = list(_items(interview))
    if not items:
        return []
    cited = sorted({question.pk for item in items for question in item.questions.all()})
    data = [
        {
            "what": item.what,
            "owner_unit": item.owner_unit.name,
            "due_date": iso(item.due_date),
            "status": str(item.get_status_display()),
            "status_changed_at": iso(item.status_changed_at),
            "completed_at": iso(item.completed_at),
            "questions": [question.pk for question in item.questions.all()],
            "notes": [{"date": iso(note.date), "text": note.text} for note in item.notes.all()],
        }
        for item in items
    ]
    return [json_file(f"{KEY}/items.json", data, questions=cited)]
