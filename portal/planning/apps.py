from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "portal.planning"
    verbose_name = "年度访谈计划"
