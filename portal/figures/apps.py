from django.apps import AppConfig


class FiguresConfig(AppConfig):
    name = "portal.figures"
    verbose_name = "年度数据"
