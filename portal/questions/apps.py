from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "portal.questions"
    verbose_name = "网友提问"
