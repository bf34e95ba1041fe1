"""运行监控的计算 (in-year progress): time progress, year-end projection and the colours 绿 / 黄 / 红, and
the official monitoring form filled from them. Pure: no Django; the ``monitoring`` app stores rounds,
reports and warnings and calls this package."""
