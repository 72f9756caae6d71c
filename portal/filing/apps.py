from django.apps import AppConfig


class FilingConfig(AppConfig):
    name = "portal.filing"
    verbose_name = "备案"
