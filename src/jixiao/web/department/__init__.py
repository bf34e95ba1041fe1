"""The department's web workspace (单位填报人, 单位负责人): my evaluations, the evaluation page, the
spreadsheet-like editor of indicators, funds, tasks and projects, the report's text, uploads and
downloads. Views are thin: they read through :mod:`.selectors` and change through the services."""
