from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "portal.core"
    verbose_name = "站点"

    def ready(self) -> None:
        from portal.core import checks  # noqa: F401, PLC0415 -- registers the system checks
