def inbox(request):
    """The unread count in the back office's header; nothing is queried for public pages."""
    match = getattr(request, "resolver_match", None)
    user = getattr(request, "user", None)
    if match is None or match.namespace != "backoffice" or user is None or not user.is_authenticated:
        return {}
    return {"unread_count": user.notifications.filter(read_at=None).count()}
