"""Guests (嘉宾) of an interview: add and remove on the detail page, edit on a page of their own."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.backoffice.decorators import staff_required
from portal.backoffice.forms import GuestForm
from portal.backoffice.views.interviews.detail import GUEST_ID, render_detail, visible_interview
from portal.interviews.models import Guest
from portal.interviews.services import InterviewChangeRefused, add_guest, remove_guest, update_guest


def _save(form: GuestForm, write) -> bool:
    """Call ``write`` with the form's data; a refusal becomes an error on the form."""
    try:
        write(**form.cleaned_data)
    except InterviewChangeRefused as refused:
        form.add_error(None, str(refused))
    except ValidationError as invalid:  # the photo is checked by content when it is re-encoded
        form.add_error("photo", invalid)
    else:
        return True
    return False


@require_POST
@staff_required
def guest_add(request, pk):
    interview = visible_interview(request, pk)
    form = GuestForm(request.POST, request.FILES, auto_id=GUEST_ID)
    if form.is_valid() and _save(form, lambda **data: add_guest(interview, actor=request.user, **data)):
        messages.success(request, _("已添加嘉宾%(name)s。") % {"name": form.cleaned_data["name"]})
        return redirect(f"{interview.get_backoffice_url()}#guests")
    return render_detail(request, pk, status=400, guest_form=form)


@require_http_methods(["GET", "POST"])
@staff_required
def guest_edit(request, pk, guest_pk):
    interview = visible_interview(request, pk)
    guest = get_object_or_404(Guest, pk=guest_pk, interview=interview)
    if not request.user.has_perm("interviews.change_interview", interview):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = GuestForm(request.POST, request.FILES)
        if form.is_valid() and _save(form, lambda **data: update_guest(guest, actor=request.user, **data)):
            messages.success(request, _("嘉宾信息已保存。"))
            return redirect(f"{interview.get_backoffice_url()}#guests")
        status = 400
    else:
        form = GuestForm(initial={"name": guest.name, "post": guest.post, "unit_name": guest.unit_name})
    context = {"nav": "interviews", "interview": interview, "guest": guest, "form": form}
    return TemplateResponse(request, "backoffice/interviews/guest_form.html", context, status=status)


@require_POST
@staff_required
def guest_remove(request, pk, guest_pk):
    interview = visible_interview(request, pk)
    guest = get_object_or_404(Guest, pk=guest_pk, interview=interview)
    try:
        remove_guest(guest, actor=request.user)
    except InterviewChangeRefused as refused:
        return render_detail(request, pk, status=400, guest_errors={guest.pk: str(refused)})
    messages.success(request, _("已删除嘉宾%(name)s。") % {"name": guest.name})
    return redirect(f"{interview.get_backoffice_url()}#guests")
