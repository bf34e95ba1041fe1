from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "jixiao.monitoring"
    verbose_name = "运行监控"

    def ready(self) -> None:
        from jixiao.evaluations.store import register_part_store
        from jixiao.monitoring.store import SNAPSHOTS

        register_part_store(SNAPSHOTS)
