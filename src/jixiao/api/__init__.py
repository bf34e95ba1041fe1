"""The REST API (DRF) with its OpenAPI schema at /api/schema/: the same data, permissions and use
cases as the pages, for other systems (a province's 预算管理一体化 system) and for the pages' scripts."""
