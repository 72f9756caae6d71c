"""查询我的提问: the page under a receipt code (查询码), the form that finds it, and the privacy notice.

What a receipt shows comes from ``portal.questions.queries.lookup_receipt``: never the contact, never the
verified identity. Look-ups are rate-limited per address so that codes cannot be guessed.
"""

from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from portal.questions.enums import AnswerStatus, QuestionState
from portal.questions.queries import ReceiptStatus, lookup_receipt, normalise_receipt_code
from portal.questions.services.intake import TEXT_MAX, TEXT_MIN
from portal.website.clients import LOOKUP_RATE, over_limit

S = QuestionState
TOO_MANY = "查询过于频繁，请10分钟后再试。"


@dataclass(frozen=True)
class Step:
    """One line of a question's history in words: ``state`` is done, current, refused or todo."""

    title: str
    state: str
    detail: str = ""
    at: object = None


def _moderation_step(status: ReceiptStatus) -> Step:
    if status.state == S.PENDING:
        return Step("审核", "current", "正在等待工作人员审核。审核通过后，问题将在访谈页面公开，个人信息会被隐去。")
    if status.state == S.PUBLISHED:
        return Step("审核", "done", "已通过审核，您的问题已在访谈页面公开。")
    if status.state == S.REJECTED:
        return Step("审核", "refused", "未采纳。")
    if status.state == S.MERGED:
        return Step("审核", "done", f"与相同的问题（查询码 {status.merged_into_code}）合并，答复该问题即答复您的问题。")
    return Step("审核", "done", f"已转交{status.channel_name}办理。")


def _answer_step(status: ReceiptStatus) -> Step | None:
    if status.state not in (S.PUBLISHED, S.MERGED):
        return None
    answer = status.answer
    if answer is None:
        return Step("答复", "current", "等待答复：访谈中现场答复，或由责任单位在访谈后5个工作日内书面答复。")
    if answer.status == AnswerStatus.LIVE:
        return Step("答复", "done", "已在访谈中现场答复，可在访谈页面查看图文实录和视频。", answer.answered_at)
    if answer.status == AnswerStatus.DECLINED:
        return Step("答复", "refused", "未予答复，原因见下。", answer.answered_at)
    return Step("答复", "done", f"{answer.unit}已书面答复，内容见下。", answer.answered_at)


def receipt_steps(status: ReceiptStatus) -> list[Step]:
    steps = [Step("提交", "done", "您的问题已收到。", status.submitted_at), _moderation_step(status)]
    answer = _answer_step(status)
    return [*steps, answer] if answer else steps


def _lookup_page(request, *, code: str = "", error: str = "", status: int = 200):
    context = {"nav": "lookup", "code": code, "error": error}
    return TemplateResponse(request, "website/questions/lookup.html", context, status=status)


@require_safe
def lookup(request):
    """A form for the 查询码; a right code goes to its page, a wrong one comes back with the reason."""
    if "code" not in request.GET:
        return _lookup_page(request)
    typed = request.GET["code"].strip()
    code = normalise_receipt_code(typed)
    if not code:
        return _lookup_page(request, code=typed, error="请填写查询码。", status=400)
    if over_limit(request, "website.lookup", LOOKUP_RATE):
        return _lookup_page(request, code=typed, error=TOO_MANY, status=429)
    if lookup_receipt(code) is None:
        error = f"没有找到查询码为“{typed[:20]}”的提问，请核对后重新输入（查询码由10位字母和数字组成）。"
        return _lookup_page(request, code=typed, error=error, status=404)
    return redirect("website:question-receipt", code)


@require_safe
def receipt(request, code: str):
    """The page under a 查询码 (messages to askers link here): status in words, reason or note, the answer."""
    if over_limit(request, "website.lookup", LOOKUP_RATE):
        return _lookup_page(request, code=code, error=TOO_MANY, status=429)
    status = lookup_receipt(code)
    if status is None:
        error = "没有找到这个查询码对应的提问，请核对后重新输入（查询码由10位字母和数字组成）。"
        return _lookup_page(request, code=code[:20], error=error, status=404)
    context = {
        "nav": "lookup",
        "status": status,
        "steps": receipt_steps(status),
        "shows_demo": status.interview.is_demo,
    }
    return TemplateResponse(request, "website/questions/receipt.html", context)


@require_safe
def privacy(request):
    context = {
        "nav": "",
        "version": settings.PORTAL_PRIVACY_NOTICE_VERSION,
        "retention_days": settings.PORTAL_CONTACT_RETENTION_DAYS,
        "text_min": TEXT_MIN,
        "text_max": TEXT_MAX,
    }
    return TemplateResponse(request, "website/privacy.html", context)
