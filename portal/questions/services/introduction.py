"""The 文字简介 (lead unit) and the preview page (数字治理中心), which opens the question channel.

Submitting the introduction completes step 2a; publishing the preview completes step 2b, and from
that instant Interview.question_window() is open for PORTAL_QUESTION_WINDOW_DAYS. These two
functions are the only way either step changes (interviews.services.EVENT_SETTLED_STEPS).
"""

import io
import zipfile

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from portal.accounts.models import singleton_unit_ids
from portal.audit.services import log_action
from portal.core.images import clean_photo
from portal.interviews.enums import FILED_REFUSAL, InterviewState, StepKind, StepStatus
from portal.interviews.models import Interview
from portal.interviews.services import settle_step
from portal.notifications.services import notify_units
from portal.questions.enums import IntroductionState, MaterialKind
from portal.questions.exceptions import IntroductionRefused
from portal.questions.models import Introduction, IntroductionImage, IntroductionRevision, RelatedMaterial
from portal.questions.services.common import require

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "h3", "h4", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
BODY_MAX = 20000
DOCX_PARTS = {"[Content_Types].xml", "word/document.xml"}


def sanitise_body(html: str) -> str:
    """The introduction's rich text with only the allowed tags; links get rel="noopener noreferrer"."""
    return nh3.clean(html or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES).strip()


def _introduction(interview: Interview) -> Introduction:
    introduction, _created = Introduction.objects.select_for_update().get_or_create(interview=interview)
    return introduction


def _require_open(interview: Interview) -> None:
    if interview.state == InterviewState.FILED:
        raise IntroductionRefused(str(FILED_REFUSAL))
    if interview.state in (InterviewState.CANCELLED, InterviewState.FILED):
        raise IntroductionRefused(_("“%(state)s”的访谈不能再修改简介。") % {"state": interview.get_state_display()})


@transaction.atomic
def save_introduction(interview: Interview, *, actor, body: str, submit: bool = False) -> Introduction:
    """Save the text as a draft (step 2a 进行中) or submit it (step 2a 已完成, 数字治理中心 told).

    Once submitted, every save is a new revision, kept and audited, also after the preview is out.
    """
    require(actor, "questions.submit_introduction", interview)
    _require_open(interview)
    body = sanitise_body(body)
    if len(body) > BODY_MAX:
        raise IntroductionRefused(_("简介正文不能超过%(n)s个字符。") % {"n": BODY_MAX})
    introduction = _introduction(interview)
    was_submitted = introduction.is_submitted
    if (submit or was_submitted) and not strip_tags(body).strip():
        raise IntroductionRefused(_("请填写简介正文后再提交。"))
    introduction.body = body
    if submit or was_submitted:
        introduction.state = IntroductionState.SUBMITTED
        introduction.revision += 1
        introduction.submitted_by = actor
        introduction.submitted_at = introduction.submitted_at or timezone.now()
        IntroductionRevision.objects.create(
            introduction=introduction, number=introduction.revision, body=body, created_by=actor
        )
    introduction.save()
    if was_submitted:
        log_action(interview, "questions.introduction.revised", actor=actor, data={"revision": introduction.revision})
    elif submit:
        log_action(interview, "questions.introduction.submitted", actor=actor, data={"revision": 1})
        settle_step(interview, StepKind.INTRODUCTION, StepStatus.DONE)
    else:
        log_action(interview, "questions.introduction.saved", actor=actor)
        if interview.steps.filter(kind=StepKind.INTRODUCTION, status=StepStatus.NOT_STARTED).exists():
            settle_step(interview, StepKind.INTRODUCTION, StepStatus.IN_PROGRESS)
    if submit or was_submitted:
        digital = singleton_unit_ids().get("digital_center")
        notify_units(
            [digital] if digital else [],
            title=_("访谈“%(title)s”的文字简介已提交（第%(n)s版）")
            % {"title": interview.title, "n": introduction.revision},
            url=interview.get_backoffice_url(),
        )
    return introduction


@transaction.atomic
def add_introduction_image(interview: Interview, *, actor, upload, alt_text: str) -> IntroductionImage:
    """An image re-encoded without metadata (EXIF/GPS); ``alt_text`` is what screen readers read."""
    require(actor, "questions.submit_introduction", interview)
    _require_open(interview)
    if not alt_text.strip():
        raise IntroductionRefused(_("请填写图片说明，供视障读者使用。"))
    try:
        cleaned = clean_photo(upload, name_stem=f"intro-{get_random_string(12).lower()}")
    except ValidationError as exc:
        raise IntroductionRefused(exc.messages[0]) from exc
    introduction = _introduction(interview)
    image = IntroductionImage(introduction=introduction, alt_text=alt_text.strip()[:200])
    image.sort_order = introduction.images.count()
    image.image.save(cleaned.name, cleaned, save=False)
    image.save()
    log_action(interview, "questions.introduction.image_added", actor=actor, data={"title": image.alt_text})
    return image


@transaction.atomic
def remove_introduction_image(image: IntroductionImage, *, actor) -> None:
    interview = image.introduction.interview
    require(actor, "questions.submit_introduction", interview)
    _require_open(interview)
    log_action(interview, "questions.introduction.image_removed", actor=actor, data={"title": image.alt_text})
    image.image.delete(save=False)
    image.delete()


def sniff_document(upload) -> str:
    """ "pdf" or "docx" by content (not by name or browser-declared type), or IntroductionRefused."""
    if upload.size > settings.PORTAL_MAX_MATERIAL_BYTES:
        raise IntroductionRefused(
            _("文件不能超过%(mb)sMB。") % {"mb": settings.PORTAL_MAX_MATERIAL_BYTES // (1024 * 1024)}
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(upload.read())) as archive:
                if set(archive.namelist()) >= DOCX_PARTS:
                    return "docx"
        except zipfile.BadZipFile:
            pass
        finally:
            upload.seek(0)
    raise IntroductionRefused(_("只接受 PDF 或 Word（DOCX）格式的文件。"))


@transaction.atomic
def add_related_material(interview: Interview, *, actor, title: str, url: str = "", upload=None) -> RelatedMaterial:
    """相关内容: a policy document or 政策解读, as a link (http/https) or an uploaded PDF/DOCX."""
    require(actor, "questions.submit_introduction", interview)
    _require_open(interview)
    title = title.strip()
    if not title or len(title) > 200:
        raise IntroductionRefused(_("请填写标题（不超过200字）。"))
    if bool(url) == bool(upload):
        raise IntroductionRefused(_("请填写链接或上传文件（二选一）。"))
    introduction = _introduction(interview)
    material = RelatedMaterial(introduction=introduction, title=title, sort_order=introduction.materials.count())
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as exc:
            raise IntroductionRefused(_("请填写以 http:// 或 https:// 开头的有效链接。")) from exc
        material.kind, material.url = MaterialKind.LINK, url
    else:
        file_type = sniff_document(upload)
        material.kind, material.file_type, material.file_size = MaterialKind.FILE, file_type, upload.size
        material.file.save(
            f"material-{get_random_string(12).lower()}.{file_type}", ContentFile(upload.read()), save=False
        )
    material.save()
    log_action(interview, "questions.introduction.material_added", actor=actor, data={"title": title})
    return material


@transaction.atomic
def remove_related_material(material: RelatedMaterial, *, actor) -> None:
    interview = material.introduction.interview
    require(actor, "questions.submit_introduction", interview)
    _require_open(interview)
    log_action(interview, "questions.introduction.material_removed", actor=actor, data={"title": material.title})
    if material.file:
        material.file.delete(save=False)
    material.delete()


def preview_problems(interview: Interview) -> list[str]:
    """Why the preview cannot be published now; empty when it can (the UI shows these beside the button)."""
    problems = []
    if interview.state != InterviewState.PLANNED:
        problems.append(_("只有筹备中的访谈可以发布预告。"))
    if interview.recording_at is None:
        problems.append(_("请先设定录制时间。"))
    introduction = Introduction.objects.filter(interview=interview).first()
    if introduction is None or not introduction.is_submitted:
        problems.append(_("第一责任单位提交文字简介后，才能发布访谈预告。"))
    if interview.steps.filter(kind=StepKind.PREVIEW, status=StepStatus.DONE).exists():
        problems.append(_("访谈预告已经发布。"))
    return problems


@transaction.atomic
def publish_preview(interview: Interview, *, actor) -> Interview:
    """Publish the preview page: step 2b done now, and the question channel opens for N days from now."""
    require(actor, "questions.publish_preview", interview)
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    if problems := preview_problems(interview):
        raise IntroductionRefused(problems[0])
    settle_step(interview, StepKind.PREVIEW, StepStatus.DONE)
    interview = Interview.objects.prefetch_related("steps").get(pk=interview.pk)
    _opens, closes = interview.question_window()
    closes_at = timezone.localtime(closes).strftime("%Y-%m-%d %H:%M")
    log_action(interview, "questions.preview.published", actor=actor, data={"closes": closes_at})
    notify_units(
        interview.involved_unit_ids(singleton_unit_ids()),
        title=_("访谈“%(title)s”的预告已发布，网友提问征集至%(time)s") % {"title": interview.title, "time": closes_at},
        url=interview.get_backoffice_url(),
    )
    return interview
