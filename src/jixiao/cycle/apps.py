from django.apps import AppConfig


class CycleConfig(AppConfig):
    name = "jixiao.cycle"
    verbose_name = "目标、调整与整改"

    def ready(self) -> None:
        from jixiao.cycle.store import RECTIFICATION
        from jixiao.evaluations.store import register_part_store

        register_part_store(RECTIFICATION)
