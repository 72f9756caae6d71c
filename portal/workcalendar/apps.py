from django.apps import AppConfig


class WorkcalendarConfig(AppConfig):
    name = "portal.workcalendar"
    verbose_name = "工作日历"
