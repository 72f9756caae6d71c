"""Jobs of the follow-ups: thin, taking ids and plain values, calling a service."""

from django_tasks import task


@task()
def tell_rectification_askers_task(*, item_id: int, status: str) -> int:
    from portal.followups.askers import deliver  # noqa: PLC0415 -- askers import this module

    return deliver(item_id, status)
