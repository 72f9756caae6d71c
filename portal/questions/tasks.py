"""Jobs of the questions domain: thin, taking ids and plain values, calling a service."""

from django_tasks import task


@task()
def tell_askers_task(*, question_id: int, kind: str) -> int:
    from portal.questions.services.askers import deliver  # noqa: PLC0415 -- services import this module

    return deliver(question_id, kind)


@task()
def train_category_suggester_task() -> int | None:
    from portal.questions.services.categories import train_category_suggester  # noqa: PLC0415 -- as above

    model = train_category_suggester(actor=None)
    return model.pk if model else None


@task()
def purge_question_contacts_task() -> int:
    from portal.questions.services.retention import purge_question_contacts  # noqa: PLC0415 -- as above

    return purge_question_contacts()
