from django.apps import AppConfig


class ScriptsConfig(AppConfig):
    name = "portal.scripts"
    verbose_name = "访谈稿"
