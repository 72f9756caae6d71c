"""操作记录: who did what to the interview, its questions, script and video, from the audit log (without the
addresses, which only auditors see), with the interview's state and recording-date changes."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from portal.audit.models import AuditEntry
from portal.filing.base import ArchiveFile, iso, json_file
from portal.questions.models import Question
from portal.videos.models import Video

KEY = "audit"


def has_content(interview) -> bool:
    return True  # at least its creation or state changes


def _objects_filter(interview) -> Q:
    kinds = ContentType.objects.get_for_models(type(interview), Question, Video, for_concrete_models=False)
    ids = {
        Question: [str(pk) for pk in Question.objects.filter(interview=interview).values_list("pk", flat=True)],
        Video: [str(pk) for pk in Video.objects.filter(interview=interview).values_list("pk", flat=True)],
    }
    condition = Q(content_type=kinds[type(interview)], object_id=str(interview.pk))
    for model, pks in ids.items():
        if pks:
            condition |= Q(content_type=kinds[model], object_id__in=pks)
    return condition


def files(interview) -> list[ArchiveFile]:
    entries = (
        AuditEntry.objects.filter(_objects_filter(interview))
        .select_related("content_type")
        .order_by("created_at", "id")
    )
    data = {
        "state_changes": [
            {
                "at": iso(change.created_at),
                "from": change.from_state,
                "to": change.to_state,
                "reason": change.reason,
                "by": change.actor.display_name if change.actor_id else "",
            }
            for change in interview.state_changes.select_related("actor")
        ],
        "recording_date_changes": [
            {
                "at": iso(change.created_at),
                "from": iso(change.old_at),
                "to": iso(change.new_at),
                "confirmed": change.confirmed,
                "reason": change.reason,
                "by": change.actor.display_name if change.actor_id else "",
            }
            for change in interview.date_changes.select_related("actor")
        ],
        "entries": [
            {
                "at": iso(entry.created_at),
                "by": entry.actor_name,
                "action": entry.action,
                "label": entry.action_label,
                "object": f"{entry.content_type.model if entry.content_type_id else ''}:{entry.object_id}",
                "summary": entry.summary,
                "data": entry.data,
            }
            for entry in entries
        ],
    }
    return [json_file(f"{KEY}/trail.json", data)]
