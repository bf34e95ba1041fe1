"""Background jobs (后台任务): a region's batch of reports, its open data, re-scoring after a rule-pack
change. A job is split into chunks of evaluations; each chunk is one task on Django's task framework
(in-process by default, the database backend with ``jixiao worker`` processes when served), so several
workers share a job, a killed worker's chunk is taken over without redoing the evaluations it finished,
and a job can be cancelled between two evaluations."""
