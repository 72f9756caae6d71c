from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.backoffice.decorators import staff_required
from portal.backoffice.forms import InterviewForm
from portal.backoffice.views.common import int_param
from portal.backoffice.views.interviews.detail import render_detail, visible_interview
from portal.interviews.models import Interview
from portal.interviews.services import InterviewChangeRefused, update_interview


@staff_required
def interview_list(request):
    visible = Interview.objects.visible_to(request.user)
    years = list(visible.order_by("-year").values_list("year", flat=True).distinct())
    year = int_param(request.GET.get("year"))
    interviews = visible.select_related("lead_unit", "plan_row").order_by("-year", "plan_row__seq", "id")
    if year is not None:
        interviews = interviews.filter(year=year)
    context = {"nav": "interviews", "interviews": list(interviews), "years": years, "year": year}
    return TemplateResponse(request, "backoffice/interviews/list.html", context)


@staff_required
def interview_detail(request, pk):
    return render_detail(request, pk)


@require_http_methods(["GET", "POST"])
@staff_required
def interview_edit(request, pk):
    interview = visible_interview(request, pk)
    if not request.user.has_perm("interviews.change_interview", interview):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = InterviewForm(request.POST)
        if form.is_valid():
            try:
                update_interview(interview, actor=request.user, **form.cleaned_data)
            except InterviewChangeRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, _("访谈信息已保存。"))
                return redirect(interview.get_backoffice_url())
        status = 400
    else:
        form = InterviewForm(initial={"title": interview.title, "outline": interview.outline, "place": interview.place})
    context = {"nav": "interviews", "interview": interview, "form": form}
    return TemplateResponse(request, "backoffice/interviews/edit.html", context, status=status)
