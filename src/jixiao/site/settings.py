"""Django settings of jixiao. Every deployment choice comes from an environment variable
(see the README's 配置 table: DATABASE_URL, JIXIAO_DATA_DIR, JIXIAO_SECRET_KEY, JIXIAO_DEBUG,
JIXIAO_ALLOWED_HOSTS, JIXIAO_HTTPS, JIXIAO_SESSION_HOURS…)."""

from __future__ import annotations

import secrets
from pathlib import Path

from jixiao.rules.loader import region_packs_dir
from jixiao.site import csp
from jixiao.site.env import cache_config, data_dir, database_config, env_bool, env_choice, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = data_dir()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """JIXIAO_SECRET_KEY, else a random key kept in the data folder so sessions survive restarts."""
    key = env_str("JIXIAO_SECRET_KEY")
    if key:
        return key
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("JIXIAO_DEBUG", False)
ALLOWED_HOSTS = env_list("JIXIAO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("JIXIAO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "jixiao.orgs",
    "jixiao.evaluations",
    "jixiao.monitoring",
    "jixiao.cycle",
    "jixiao.events",
    "jixiao.jobs",
    "jixiao.bureau",
    "jixiao.notifications",
    "jixiao.api",
    "jixiao.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "jixiao.site.csp.ContentSecurityPolicyMiddleware",
    "jixiao.site.sessions.IdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "jixiao.site.urls"
WSGI_APPLICATION = "jixiao.site.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jixiao.web.context.navigation",
                "jixiao.site.csp.context",
            ],
        },
    },
]

DATABASES = {"default": database_config(DATA_DIR)}
CACHES = {"default": cache_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "orgs.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# HTTPS (JIXIAO_HTTPS=true where the site is served over HTTPS): HTTP is redirected to HTTPS, browsers
# are told to use HTTPS only (HSTS, a year by default; subdomains only if JIXIAO_HSTS_INCLUDE_SUBDOMAINS,
# as an intranet name may share its parent domain with HTTP-only services; no preload, which needs the
# domain registered with the browsers), and the session and CSRF cookies are sent over HTTPS only.
# Behind a reverse proxy that ends TLS, JIXIAO_BEHIND_PROXY=true trusts its X-Forwarded-Proto header
# (only then: a client could send it too).
JIXIAO_HTTPS = env_bool("JIXIAO_HTTPS", False)
SECURE_SSL_REDIRECT = JIXIAO_HTTPS
SECURE_HSTS_SECONDS = env_int("JIXIAO_HSTS_SECONDS", 31_536_000, minimum=0) if JIXIAO_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("JIXIAO_HSTS_INCLUDE_SUBDOMAINS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = JIXIAO_HTTPS
if env_bool("JIXIAO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# A session ends after a working day without activity (jixiao.site.sessions), not two weeks after login.
SESSION_COOKIE_AGE = env_int("JIXIAO_SESSION_HOURS", 8, minimum=1) * 3600

# Content-Security-Policy (jixiao.site.csp explains how a page adds a script, a style or a nonce):
# everything from the site itself; data: images and fonts for charts; no plugins, no framing by others.
# Style attributes are allowed (style-src-attr): they can neither run a script nor load anything from
# elsewhere, and the admin's history and DRF's pages use a few; <style> elements and every script
# need the site's files or the nonce. The project's own templates use no style attribute at all
# (tests/site/test_security.py reads them).
SECURE_CSP = {
    "default-src": [csp.SELF],
    "script-src": [csp.SELF, csp.NONCE],
    "style-src": [csp.SELF, csp.NONCE],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": [csp.SELF, csp.DATA],
    "font-src": [csp.SELF, csp.DATA],
    "connect-src": [csp.SELF],
    "object-src": [csp.NONE],
    "base-uri": [csp.SELF],
    "form-action": [csp.SELF],
    "frame-ancestors": [csp.SELF],
}

LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
# Lock-out (登录锁定): this many wrong passwords within this many minutes lock the account that long.
JIXIAO_LOGIN_MAX_FAILURES = env_int("JIXIAO_LOGIN_MAX_FAILURES", 5, minimum=1)
JIXIAO_LOGIN_LOCK_MINUTES = env_int("JIXIAO_LOGIN_LOCK_MINUTES", 15, minimum=1)
CSRF_FAILURE_VIEW = "jixiao.web.views.errors.csrf_failure"

# The UI speaks Chinese only: a single language, so a browser's Accept-Language (headless
# Chromium sends en-US) cannot switch the admin to English.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# Not for every number: years and codes would show as "2,022". Amounts ask for grouping
# themselves (floatformat:"2g", number_format(force_grouping=True)).
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["jixiao.site.formats"]

STATIC_URL = "static/"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "jixiao.web.finders.BundledFontFinder",  # the Chinese fonts of jixiao.fonts at static/fonts/
]
STATIC_ROOT = Path(env_str("JIXIAO_STATIC_ROOT", str(DATA_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns at start-up when it is missing
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(DATA_DIR / "media")}},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# A region's own rule packs (JIXIAO_RULES_DIR, see jixiao.rules.loader): a wrong directory fails at start.
region_packs_dir()

# Background work (后台任务) on Django's task framework: in-process by default, so the demo install and
# the CLI need no server; "database" queues tasks in the database for `jixiao worker` processes
# (several may share one PostgreSQL).
TASK_BACKENDS = {"immediate": "django_tasks.backends.immediate.ImmediateBackend",
                 "database": "django_tasks_db.DatabaseBackend"}
JIXIAO_TASK_BACKEND = env_choice("JIXIAO_TASK_BACKEND", tuple(TASK_BACKENDS), "immediate")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[JIXIAO_TASK_BACKEND], "QUEUES": ["default"]}}
# Evaluations per chunk of a job, and how long a chunk may go without a sign of life before
# another worker takes it over (its worker is taken for dead).
JIXIAO_JOB_CHUNK_SIZE = env_int("JIXIAO_JOB_CHUNK_SIZE", 100, minimum=1)
JIXIAO_JOB_LEASE_SECONDS = env_int("JIXIAO_JOB_LEASE_SECONDS", 120, minimum=2)

# E-mail of notifications (通知): an SMTP server when JIXIAO_EMAIL_HOST is set, else each mail is kept as
# a file under <data dir>/mail (the demo needs no mail server, and one can read what would have gone out).
JIXIAO_SITE_URL = env_str("JIXIAO_SITE_URL", "http://127.0.0.1:8000")
EMAIL_HOST = env_str("JIXIAO_EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("JIXIAO_EMAIL_PORT", 25, minimum=1)
    EMAIL_HOST_USER = env_str("JIXIAO_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = env_str("JIXIAO_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("JIXIAO_EMAIL_TLS", False)
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(DATA_DIR / "mail")
DEFAULT_FROM_EMAIL = env_str("JIXIAO_EMAIL_FROM", "jixiao@localhost")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: a system calling without credentials is told 401 with "WWW-Authenticate: Token".
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "jixiao.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend",
                                "rest_framework.filters.OrderingFilter"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "jixiao.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "URL_FORMAT_OVERRIDE": None,  # ?format=pdf names a report's format, not a renderer
}
SPECTACULAR_SETTINGS = {
    "TITLE": "jixiao 预算绩效管理 API",
    "DESCRIPTION": "绩效自评、资金、任务、指标、评分说明、审核意见、报告、工作簿导入、审核流程与后台任务。"
                   "系统间对接用令牌认证（请求头 Authorization: Token <令牌>），网页用会话认证；权限与网页相同。",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "jixiao.api.schema.document_common_errors"],
    "ENUM_NAME_OVERRIDES": {"EvaluationKindEnum": "jixiao.api.schema.EVALUATION_KINDS",
                            "JobKindEnum": "jixiao.api.schema.JOB_KINDS"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("JIXIAO_LOG_LEVEL", "WARNING")},
}
