from django_tasks import task


@task()
def notify_units_task(*, unit_ids: list[int], title: str, body: str, url: str) -> int:
    from portal.notifications.services import deliver_to_units  # noqa: PLC0415 -- services import this module

    return deliver_to_units(unit_ids, title=title, body=body, url=url)
