"""“我也关注”: a netizen supports a published question, once."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from portal.questions.antiabuse import supporter_key
from portal.questions.enums import QuestionState
from portal.questions.exceptions import IntakeRefused
from portal.questions.models import Question, Support


def support_question(question: Question, *, client_key: str) -> bool:
    """Count the client's support; False (and nothing changes) if this person already supports it.

    Support given to a question that is later merged moves to the question it was merged into.
    """
    question = Question.objects.get(pk=question.pk)
    if question.state == QuestionState.MERGED and question.merged_into_id:
        question = question.merged_into
    if question.state != QuestionState.PUBLISHED:
        raise IntakeRefused(_("只能关注已发布的问题。"))
    try:
        with transaction.atomic():
            Support.objects.create(question=question, supporter_hash=supporter_key(client_key))
            Question.objects.filter(pk=question.pk).update(support_count=F("support_count") + 1)
    except IntegrityError:
        return False
    return True


def has_supported(question: Question, *, client_key: str) -> bool:
    return Support.objects.filter(question=question, supporter_hash=supporter_key(client_key)).exists()
