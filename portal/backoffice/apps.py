from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "portal.backoffice"
    verbose_name = "后台"
