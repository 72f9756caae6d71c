"""An interview's topic tags (话题标签): the aspects of its topic, with keywords of its questions suggested."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.backoffice.decorators import staff_required
from portal.backoffice.question_forms import TopicTagForm
from portal.backoffice.views.interviews.detail import visible_interview
from portal.backoffice.views.questions.common import require_perm
from portal.backoffice.views.questions.detail import tag_suggestions
from portal.questions.exceptions import QuestionsRefused
from portal.questions.models import TopicTag
from portal.questions.services.categories import add_topic_tag, remove_topic_tag


def _render(request, interview, *, status=200, form=None, error=""):
    context = {
        "nav": "questions",
        "interview": interview,
        "shows_demo": interview.is_demo,
        "tags": list(interview.topic_tags.annotate(used=Count("questions"))),
        "suggestions": tag_suggestions(interview),
        "form": form or TopicTagForm(),
        "error": error,
    }
    return TemplateResponse(request, "backoffice/questions/topic_tags.html", context, status=status)


@require_http_methods(["GET", "POST"])
@staff_required
def topic_tags(request, pk):
    interview = visible_interview(request, pk)
    require_perm(request.user, "questions.manage_topic_tags", interview)
    if request.method == "GET":
        return _render(request, interview)
    form = TopicTagForm(request.POST)
    if form.is_valid():
        try:
            tag = add_topic_tag(interview, actor=request.user, name=form.cleaned_data["name"])
        except QuestionsRefused as refused:
            form.add_error("name", str(refused))
        else:
            messages.success(request, _("已添加话题标签“%(name)s”。") % {"name": tag.name})
            return redirect("backoffice:topic-tags", pk=interview.pk)
    return _render(request, interview, status=400, form=form)


@require_POST
@staff_required
def topic_tag_remove(request, pk, tag_pk):
    interview = visible_interview(request, pk)
    tag = get_object_or_404(TopicTag, pk=tag_pk, interview=interview)
    require_perm(request.user, "questions.manage_topic_tags", interview)
    try:
        remove_topic_tag(tag, actor=request.user)
    except QuestionsRefused as refused:
        return _render(request, interview, status=400, error=str(refused))
    messages.success(request, _("已删除话题标签“%(name)s”。") % {"name": tag.name})
    return redirect(reverse("backoffice:topic-tags", args=[interview.pk]))
