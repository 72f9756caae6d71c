"""Calendar subscription addresses of staff: a secret token per user, and what the feed may show them."""

from django.db import transaction
from django.db.models import Count, QuerySet

from portal.accounts.models import User
from portal.audit.services import log_action
from portal.interviews.enums import InterviewState
from portal.interviews.models import CalendarFeedToken, Interview
from portal.interviews.queries import with_details


def feed_token_for(user) -> CalendarFeedToken | None:
    return CalendarFeedToken.objects.filter(user=user).first() if user.is_authenticated else None


@transaction.atomic
def regenerate_feed_token(*, actor) -> CalendarFeedToken:
    """Create the user's subscription token, or replace it (the old address stops working at once)."""
    feed, created = CalendarFeedToken.objects.select_for_update().get_or_create(user=actor)
    if not created:
        feed.token = CalendarFeedToken._meta.get_field("token").get_default()
        feed.save(update_fields=["token", "created_at"])
    action = "interviews.calendar_feed.created" if created else "interviews.calendar_feed.regenerated"
    log_action(actor, action, actor=actor)
    return feed


def user_for_feed_token(token: str) -> User | None:
    feed = CalendarFeedToken.objects.select_related("user").filter(token=token, user__is_active=True).first()
    return feed.user if feed else None


def feed_interviews(user, year: int) -> QuerySet[Interview]:
    """The year's interviews the user may see, except cancelled ones, with what the feed needs."""
    interviews = Interview.objects.visible_to(user).filter(year=year).exclude(state=InterviewState.CANCELLED)
    return with_details(interviews).annotate(date_change_count=Count("date_changes", distinct=True))
