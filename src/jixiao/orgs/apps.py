from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "jixiao.orgs"
    verbose_name = "组织与用户"
