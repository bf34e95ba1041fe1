"""In-year monitoring (绩效运行监控): snapshots of indicators and funds, projections and warnings."""
