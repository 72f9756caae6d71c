from django.template.response import TemplateResponse
from django.utils import timezone

from portal.accounts.models import Unit
from portal.backoffice.decorators import staff_required
from portal.backoffice.views.common import owner_names
from portal.interviews.queries import open_steps_for_user
from portal.workcalendar.workdays import is_provisional

LATEST_NOTIFICATIONS = 5


@staff_required
def dashboard(request):
    today = timezone.localdate()
    units_by_id = Unit.objects.in_bulk()
    rows = [
        {
            "step": step,
            "owners": owner_names(step, units_by_id),
            "display": step.display_status(today),
            "provisional": step.due_date is not None and is_provisional(step.due_date.year),
        }
        for step in open_steps_for_user(request.user, today)
    ]
    context = {
        "nav": "dashboard",
        "rows": rows,
        "overdue_count": sum(1 for row in rows if row["display"] == "overdue"),
        "notifications": request.user.notifications.all()[:LATEST_NOTIFICATIONS],
    }
    return TemplateResponse(request, "backoffice/dashboard.html", context)
