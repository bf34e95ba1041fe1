from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "jixiao.events"
    verbose_name = "操作记录"
