"""Jobs of the audit log: thin, calling a service."""

from django_tasks import task


@task()
def prune_audit_log_task() -> int:
    from portal.audit.retention import prune_audit_log  # noqa: PLC0415 -- keeps the job module light

    return prune_audit_log()
