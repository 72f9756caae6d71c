from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    name = "portal.followups"
    verbose_name = "总结提高"
