from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "portal.interviews"
    verbose_name = "访谈"
