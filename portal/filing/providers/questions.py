"""网友提问与答复: the published questions as the public page shows them (masked text, never a contact) and answers."""

from portal.filing.base import ArchiveFile, html_file, iso, json_file
from portal.questions.models import Question, RepresentativeQuestion
from portal.questions.queries import moderation_report, public_questions

KEY = "questions"


def has_content(interview) -> bool:
    return Question.objects.filter(interview=interview).exists()


def _answer(question) -> dict | None:
    answer = question.public_answer
    if answer is not None:
        return {
            "unit": str(answer.unit),
            "kind": answer.kind,
            "body": answer.body,
            "published_at": iso(answer.published_at),
        }
    if question.live_entry_ref:
        return {"live_entry": question.live_entry_ref}
    return None


def files(interview) -> list[ArchiveFile]:
    if not has_content(interview):
        return []
    questions = sorted(public_questions(interview), key=lambda q: (q.created_at, q.pk))
    rows = [
        {
            "id": question.pk,
            "name": question.display_name,
            "text": question.public_text,
            "submitted_at": iso(question.created_at),
            "via": question.via,
            "category": question.category.name if question.category_id else "",
            "askers": question.asker_count,
            "supporters": question.support_count,
            "answer_status": question.answer_status,
            "answer_status_label": str(question.get_answer_status_display()),
            "answered_at": iso(question.answered_at),
            "answer": _answer(question),
        }
        for question in questions
    ]
    representatives = [
        {"order": rep.order, "text": rep.text, "questions": sorted(q.pk for q in rep.questions.all())}
        for rep in RepresentativeQuestion.objects.filter(interview=interview).prefetch_related("questions")
    ]
    report = moderation_report(interview)
    report["rejected_by_reason"] = [list(row) for row in report["rejected_by_reason"]]
    report["forwarded_by_channel"] = [list(row) for row in report["forwarded_by_channel"]]
    data = {"report": report, "questions": rows, "representatives": representatives}
    ids = [question.pk for question in questions]
    context = {"interview": interview, "questions": questions, "report": report}
    return [
        json_file(f"{KEY}/questions.json", data, questions=ids),
        html_file(f"{KEY}/questions.html", "filing/archive/questions.html", context, questions=ids),
    ]
