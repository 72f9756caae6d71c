from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    name = "portal.website"
    verbose_name = "门户"

    def ready(self) -> None:
        from portal.website import checks  # noqa: F401, PLC0415 -- registers the system checks
