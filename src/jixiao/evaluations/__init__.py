"""Evaluations (部门整体支出绩效自评 / 项目支出绩效自评): funds, tasks, projects, indicators, report sections."""
