from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "portal.notifications"
    verbose_name = "通知"
