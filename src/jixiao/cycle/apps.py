from django.apps import AppConfig


class CycleConfig(AppConfig):
    name = "jixiao.cycle"
    verbose_name = "目标、调整与整改"
