"""The webhook job: thin, taking the delivery's id (portal/live/webhooks/delivery.py does the work)."""

from django_tasks import task


@task()
def deliver_webhook_task(*, delivery_id: int) -> str:
    from portal.live.webhooks.delivery import attempt  # noqa: PLC0415 -- delivery imports this module

    return attempt(delivery_id)
