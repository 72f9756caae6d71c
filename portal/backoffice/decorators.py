from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def staff_required(view):
    """Signed in, and a member of some unit (or a superuser); everyone else is turned away."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not request.user.has_perm("accounts.view_contacts"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
