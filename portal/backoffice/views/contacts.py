"""单位通讯录: every unit's 分管领导, 责任科室 and contact, kept up to date by the unit itself."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.accounts.enums import UnitKind
from portal.accounts.models import Unit
from portal.accounts.services import UNIT_CONTACT_FIELDS, update_unit
from portal.backoffice.decorators import staff_required
from portal.backoffice.forms import UnitForm
from portal.backoffice.views.common import audit_entries


@staff_required
def contact_list(request):
    units = list(Unit.objects.all())
    for unit in units:
        unit.editable = request.user.has_perm("accounts.change_unit", unit)
    groups = [(label, [unit for unit in units if unit.kind == kind]) for kind, label in UnitKind.choices]
    context = {"nav": "contacts", "groups": [(label, members) for label, members in groups if members]}
    return TemplateResponse(request, "backoffice/contacts/list.html", context)


@require_http_methods(["GET", "POST"])
@staff_required
def unit_edit(request, pk):
    unit = get_object_or_404(Unit, pk=pk)
    if not request.user.has_perm("accounts.change_unit", unit):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = UnitForm(request.POST)
        if form.is_valid():
            update_unit(unit, actor=request.user, **form.cleaned_data)
            messages.success(request, _("%(unit)s的联系信息已保存。") % {"unit": unit})
            return redirect("backoffice:contacts")
        status = 400
    else:
        form = UnitForm(initial={field: getattr(unit, field) for field in UNIT_CONTACT_FIELDS})
    context = {
        "nav": "contacts",
        "unit": unit,
        "form": form,
        "audit_entries": audit_entries(unit),
        "full_log": request.user.has_perm("audit.view_full_log"),
    }
    return TemplateResponse(request, "backoffice/contacts/unit_form.html", context, status=status)
