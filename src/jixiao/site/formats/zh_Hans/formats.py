"""zh-hans formats with two fixes to Django's own (see ecosystem.md): its DATE_INPUT_FORMATS holds
``"%Y年%n月%j日"``, not a valid strptime pattern, so "2025年3月9日" was refused; and amounts had no
thousands separator (THOUSAND_SEPARATOR "" and grouping by 4)."""

from django.conf.locale.zh_Hans.formats import *  # noqa: F401,F403

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%Y.%m.%d", "%Y%m%d"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M",
    "%Y年%m月%d日 %H:%M:%S", "%Y年%m月%d日 %H:%M", "%Y-%m-%d",
]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
