from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "jixiao.evaluations"
    verbose_name = "绩效自评"
