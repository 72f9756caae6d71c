"""An approved final script (定稿) for the live tests, built directly (the review itself is tested in tests/scripts)."""

from django.utils import timezone

from portal.scripts.enums import RevisionStatus
from portal.scripts.models import ScriptRevision
from portal.scripts.queries import working_document
from portal.scripts.snapshot import document_to_json
from tests.factories import ScriptFactory, ScriptItemFactory


def final_revision(interview, *, submitted_by, items, opening=None, closing=None, is_final=True, approved=True):
    """``items``: dicts of ScriptItem fields plus ``questions`` (the netizen questions the item covers)."""
    script = ScriptFactory(
        interview=interview,
        opening=opening if opening is not None else [{"speaker": "主持人", "text": "各位网友，大家好！"}],
        closing=closing if closing is not None else [{"speaker": "主持人", "text": "感谢收看，再见。"}],
    )
    for order, fields in enumerate(items, start=1):
        fields = dict(fields)
        questions = fields.pop("questions", [])
        item = ScriptItemFactory(script=script, order=order, **fields)
        item.questions.set(questions)
    return ScriptRevision.objects.create(
        script=script,
        number=1,
        document=document_to_json(working_document(script)),
        word_count=100,
        is_final=is_final,
        status=RevisionStatus.APPROVED if approved else RevisionStatus.PENDING,
        submitted_by=submitted_by,
        approved_at=timezone.now() if approved else None,
    )
