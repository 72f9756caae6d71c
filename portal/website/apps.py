from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    name = "portal.website"
    verbose_name = "门户"
