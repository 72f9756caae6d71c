from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "portal.demo"
    verbose_name = "演示数据"
