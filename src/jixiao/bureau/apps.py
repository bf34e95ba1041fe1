from django.apps import AppConfig


class BureauConfig(AppConfig):
    name = "jixiao.bureau"
    verbose_name = "财政审核"
