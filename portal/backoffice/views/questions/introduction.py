"""The 文字简介 (lead unit) and the preview's publication (数字治理中心).

The introduction has its own page (text, images, related material, revisions); publishing the preview is
a button on the interview's page, which says beforehand why it cannot be pressed yet.
"""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.backoffice.decorators import staff_required
from portal.backoffice.question_forms import IntroductionForm, IntroductionImageForm, MaterialForm
from portal.backoffice.views.interviews.detail import render_detail, visible_interview
from portal.backoffice.views.questions.common import require_perm
from portal.interviews.models import Interview
from portal.questions.exceptions import QuestionsRefused
from portal.questions.models import Introduction, IntroductionImage, RelatedMaterial
from portal.questions.queries import moderation_counts
from portal.questions.services.introduction import (
    add_introduction_image,
    add_related_material,
    preview_problems,
    publish_preview,
    remove_introduction_image,
    remove_related_material,
    save_introduction,
)
from portal.scripts.docx_import import DocxImportError, parse_introduction_docx

TEMPLATE = "backoffice/questions/introduction.html"


def questions_panel(interview: Interview, user, *, preview_error: str = "") -> dict:
    """What the interview's page shows of the introduction, the preview and the questions."""
    introduction = Introduction.objects.filter(interview=interview).first()
    can_publish = user.has_perm("questions.publish_preview", interview)
    sees_questions = user.has_perm("questions.view_question", interview)
    return {
        "introduction": introduction,
        "preview_window": interview.question_window(),
        "can_publish": can_publish,
        "preview_problems": preview_problems(interview) if can_publish else [],
        "preview_error": preview_error,
        "window_days": settings.PORTAL_QUESTION_WINDOW_DAYS,
        "window_closes": timezone.now() + dt.timedelta(days=settings.PORTAL_QUESTION_WINDOW_DAYS),
        "can_write_introduction": user.has_perm("questions.submit_introduction", interview),
        "question_counts": moderation_counts(user, interview) if sees_questions else None,
        "can_moderate": user.has_perm("questions.moderate_question", interview),
        "can_pick": user.has_perm("questions.pick_representatives", interview),
        "can_tag": user.has_perm("questions.manage_topic_tags", interview),
    }


def _url(interview: Interview) -> str:
    return reverse("backoffice:introduction", args=[interview.pk])


def render_introduction(request, interview: Interview, *, status=200, form=None, image_form=None,
                        material_form=None, error="") -> TemplateResponse:  # fmt: skip
    introduction = Introduction.objects.filter(interview=interview).first()
    can_write = request.user.has_perm("questions.submit_introduction", interview)
    if form is None:
        form = IntroductionForm(initial={"body": introduction.body if introduction else ""})
    context = {
        "nav": "interviews",
        "interview": interview,
        "shows_demo": interview.is_demo,
        "introduction": introduction,
        "images": list(introduction.images.all()) if introduction else [],
        "materials": list(introduction.materials.all()) if introduction else [],
        "revisions": list(introduction.revisions.select_related("created_by").order_by("-number"))
        if introduction
        else [],
        "can_write": can_write,
        "form": form,
        "image_form": image_form or IntroductionImageForm(auto_id="id_image_%s"),
        "material_form": material_form or MaterialForm(auto_id="id_material_%s"),
        "error": error,
        "question_window": interview.question_window(),
    }
    return TemplateResponse(request, TEMPLATE, context, status=status)


@require_http_methods(["GET", "POST"])
@staff_required
def introduction(request, pk):
    interview = visible_interview(request, pk)
    if request.method == "GET":
        return render_introduction(request, interview)
    require_perm(request.user, "questions.submit_introduction", interview)
    form = IntroductionForm(request.POST, request.FILES)
    if form.is_valid() and ("import" in request.POST or form.cleaned_data["docx"]):
        return _import_docx(request, interview, form)
    if form.is_valid():
        submit = "submit" in request.POST
        try:
            saved = save_introduction(interview, actor=request.user, body=form.cleaned_data["body"], submit=submit)
        except QuestionsRefused as refused:
            form.add_error(None, str(refused))
        else:
            if saved.is_submitted:
                message = _("文字简介已提交（第%(n)s版），已通知区城市数字治理中心。") % {"n": saved.revision}
            else:
                message = _("草稿已保存。")
            messages.success(request, message)
            return redirect(_url(interview))
    return render_introduction(request, interview, status=400, form=form)


def _import_docx(request, interview: Interview, form: IntroductionForm) -> TemplateResponse:
    """The text of an uploaded DOCX put in the form for review; nothing is saved until the unit saves."""
    upload = form.cleaned_data["docx"]
    if not upload:
        form.add_error("docx", _("请选择要导入的 Word（.docx）文件。"))
        return render_introduction(request, interview, status=400, form=form)
    try:
        body = parse_introduction_docx(upload)
    except DocxImportError as refused:
        form.add_error("docx", refused.message)
        return render_introduction(request, interview, status=400, form=form)
    messages.info(request, _("已从“%(name)s”导入正文，请检查后保存或提交。") % {"name": upload.name})
    return render_introduction(request, interview, form=IntroductionForm(initial={"body": body}))


@require_POST
@staff_required
def introduction_image_add(request, pk):
    interview = visible_interview(request, pk)
    require_perm(request.user, "questions.submit_introduction", interview)
    form = IntroductionImageForm(request.POST, request.FILES, auto_id="id_image_%s")
    if form.is_valid():
        try:
            add_introduction_image(
                interview, actor=request.user, upload=form.cleaned_data["image"], alt_text=form.cleaned_data["alt_text"]
            )
        except QuestionsRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("图片已添加。"))
            return redirect(f"{_url(interview)}#images")
    return render_introduction(request, interview, status=400, image_form=form)


@require_POST
@staff_required
def introduction_image_remove(request, pk, image_pk):
    interview = visible_interview(request, pk)
    image = get_object_or_404(IntroductionImage, pk=image_pk, introduction__interview=interview)
    require_perm(request.user, "questions.submit_introduction", interview)
    try:
        remove_introduction_image(image, actor=request.user)
    except QuestionsRefused as refused:
        return render_introduction(request, interview, status=400, error=str(refused))
    messages.success(request, _("图片“%(title)s”已删除。") % {"title": image.alt_text})
    return redirect(f"{_url(interview)}#images")


@require_POST
@staff_required
def material_add(request, pk):
    interview = visible_interview(request, pk)
    require_perm(request.user, "questions.submit_introduction", interview)
    form = MaterialForm(request.POST, request.FILES, auto_id="id_material_%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            add_related_material(
                interview, actor=request.user, title=data["title"], url=data["url"].strip(), upload=data["file"]
            )
        except QuestionsRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("相关内容“%(title)s”已添加。") % {"title": data["title"]})
            return redirect(f"{_url(interview)}#materials")
    return render_introduction(request, interview, status=400, material_form=form)


@require_POST
@staff_required
def material_remove(request, pk, material_pk):
    interview = visible_interview(request, pk)
    material = get_object_or_404(RelatedMaterial, pk=material_pk, introduction__interview=interview)
    require_perm(request.user, "questions.submit_introduction", interview)
    try:
        remove_related_material(material, actor=request.user)
    except QuestionsRefused as refused:
        return render_introduction(request, interview, status=400, error=str(refused))
    messages.success(request, _("相关内容“%(title)s”已删除。") % {"title": material.title})
    return redirect(f"{_url(interview)}#materials")


@require_POST
@staff_required
def preview_publish(request, pk):
    interview = visible_interview(request, pk)
    require_perm(request.user, "questions.publish_preview", interview)
    try:
        interview = publish_preview(interview, actor=request.user)
    except QuestionsRefused as refused:
        return render_detail(request, pk, status=400, preview_error=str(refused))
    _opens, closes = interview.question_window()
    closes_at = timezone.localtime(closes).strftime("%Y-%m-%d %H:%M")
    messages.success(request, _("访谈预告已发布，网友提问征集至%(time)s。") % {"time": closes_at})
    return redirect(f"{interview.get_backoffice_url()}#questions")
