from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "portal.audit"
    verbose_name = "审计日志"

    def ready(self):
        from django.conf import settings  # noqa: PLC0415 -- read once the settings are final

        from portal.audit.retention import check_retention_setting  # noqa: PLC0415 -- needs the app registry

        # 等保: the log is kept at least six months; refuse to start with a shorter period.
        check_retention_setting(settings.PORTAL_AUDIT_RETENTION_DAYS)
