"""zhengwu settings: one file, every deployment difference comes from the environment.

DEBUG=1 for development; outside debug SECRET_KEY must be set.
DATABASE_URL (default: SQLite in var/), REDIS_URL (default: local memory cache),
ALLOWED_HOSTS (comma separated), SHARED_DATA_DIR (the seed data, default ../shared/data),
FIELD_ENCRYPTION_KEYS (Fernet keys for personal data, comma separated, newest first; required outside debug),
TRUSTED_PROXY_COUNT, FOI_SUBMISSIONS_PER_HOUR, FOI_SUBMISSIONS_HARD_LIMIT_PER_HOUR, SERVICES_* (rate limits, see
below), SUPERVISION_COMPLAINT_WORKDAYS.
"""

import base64
import hashlib
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)
SHARED_DATA_DIR = Path(os.environ.get("SHARED_DATA_DIR", BASE_DIR.parent / "shared" / "data"))


def env_bool(name, default=False):
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY 未设置：生产环境必须通过环境变量 SECRET_KEY 提供密钥（开发时可设 DEBUG=1）。")
    SECRET_KEY = "dev-only-insecure-key-zhengwu"
elif not DEBUG and (len(SECRET_KEY) < 32 or len(set(SECRET_KEY)) < 10 or SECRET_KEY.startswith("dev-")):
    raise ImproperlyConfigured("SECRET_KEY 强度不足：生产环境密钥至少 32 个字符、字符不能过于重复，且不得使用示例值"
                               "（可用 python -c \"import secrets; print(secrets.token_urlsafe(50))\" 生成）。")

# Personal-data field encryption (zhengwu.privacy): Fernet keys, comma separated, newest first; the first
# encrypts, all decrypt, so a key rotates by prepending a new one. Production MUST set FIELD_ENCRYPTION_KEYS
# (generate with `python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`);
# in development one deterministic key is derived from SECRET_KEY.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS")
if not FIELD_ENCRYPTION_KEYS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS 未设置：生产环境必须通过环境变量 FIELD_ENCRYPTION_KEYS 提供个人信息加密密钥"
            "（Fernet 密钥，多个以逗号分隔，第一个用于加密；开发时可设 DEBUG=1）。")
    FIELD_ENCRYPTION_KEYS = [
        base64.urlsafe_b64encode(hashlib.sha256(f"zhengwu.privacy.dev:{SECRET_KEY}".encode()).digest()).decode()
    ]

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,.gov.cn" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "zhengwu.orgs",
    "zhengwu.timelimits",
    "zhengwu.numbering",
    "zhengwu.notifications",
    "zhengwu.privacy",
    "zhengwu.disclosure",
    "zhengwu.foi",
    "zhengwu.reports",
    "zhengwu.services",
    "zhengwu.supervision",
    "zhengwu.interaction",
    "zhengwu.consultation",
    "zhengwu.portal",
    "zhengwu.citizen_auth",
    "zhengwu.search",
    "zhengwu.files",
    "zhengwu.powers",
    "zhengwu.demo",
    "zhengwu.scheduler",
    "zhengwu.backup",
    "zhengwu.audit",
    "zhengwu.staffauth",  # before wagtail.users: it adds the 2FA reset to the user edit page
    "django_otp",
    "django_otp.plugins.otp_totp",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.api.v3",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "ninja",  # its static Swagger UI files: /api/v1/docs works without reaching a CDN
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "zhengwu.security_headers.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "zhengwu.portal.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "zhengwu.audit.context.AuditContextMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "zhengwu.staffauth.middleware.StaffAuthMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "zhengwu.urls"
WSGI_APPLICATION = "zhengwu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zhengwu.portal.context_processors.accessibility",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'zhengwu.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while one writer commits; IMMEDIATE avoids lock upgrades failing mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL}}
else:
    if not DEBUG and not env_bool("ALLOW_LOCAL_CACHE"):
        # Rate limits, lock-outs and spent captcha questions must be shared by every worker and node.
        raise ImproperlyConfigured("生产环境必须配置共享缓存 REDIS_URL（限流、登录锁定和验证问题防重放须在各进程间共享）；"
                                   "单进程试运行可设 ALLOW_LOCAL_CACHE=1。")
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "zhengwu.staffauth.validators.PasswordHistoryValidator"},
]
# Staff accounts (zhengwu.staffauth): a new password may not repeat the last PASSWORD_HISTORY_COUNT; a staff
# password expires after PASSWORD_MAX_AGE_DAYS (0: never); superusers and every role that can publish, decide
# or read personal data sign in to the admin with a TOTP second factor. STAFF_OTP_REQUIRED=0 is for development
# only: production refuses to start with it.
PASSWORD_HISTORY_COUNT = int(os.environ.get("PASSWORD_HISTORY_COUNT", 5))
PASSWORD_MAX_AGE_DAYS = int(os.environ.get("PASSWORD_MAX_AGE_DAYS", 90))
STAFF_OTP_REQUIRED = env_bool("STAFF_OTP_REQUIRED", True)
if not STAFF_OTP_REQUIRED and not DEBUG:
    raise ImproperlyConfigured("生产环境不得关闭工作人员双因素认证（STAFF_OTP_REQUIRED=0 仅限开发环境 DEBUG=1）。")
OTP_FAILURES_PER_ACCOUNT = int(os.environ.get("OTP_FAILURES_PER_ACCOUNT", 5))
OTP_TOTP_ISSUER = "湖南政务平台"
OTP_TOTP_THROTTLE_FACTOR = 0  # wrong codes are counted and locked out by staffauth (the login lock-out's cache)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"

LOGIN_URL = "/admin/login/"
# Password guessing (zhengwu.portal.login_guard): failures per account and per address before a lock-out.
# Citizens also sign in with an SMS code or the province's unified identity (zhengwu.citizen_auth); each of
# those backends answers only its own credentials, and the lock-out backend stays first.
AUTHENTICATION_BACKENDS = ["zhengwu.portal.login_guard.LockoutBackend",
                           "zhengwu.citizen_auth.backends.PhoneCodeBackend",
                           "zhengwu.citizen_auth.backends.ProvinceIdentityBackend"]
LOGIN_FAILURES_PER_ACCOUNT = int(os.environ.get("LOGIN_FAILURES_PER_ACCOUNT", 5))
LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("LOGIN_FAILURES_PER_ADDRESS", 20))
LOGIN_LOCKOUT_SECONDS = int(os.environ.get("LOGIN_LOCKOUT_SECONDS", 15 * 60))
# The province's unified identity (OpenID Connect, mozilla-django-oidc): off (button hidden, /oidc/ routes 404)
# until the client id and the provider's endpoints are set. Accounts are matched by the provider's `sub`.
OIDC_PROVIDER_NAME = os.environ.get("OIDC_PROVIDER_NAME", "统一身份认证平台")  # e.g. 湖南省统一身份认证平台
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_OP_ISSUER = os.environ.get("OIDC_OP_ISSUER", "")  # when set, an ID token from another issuer is refused
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid profile")
OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", True)
OIDC_TIMEOUT = int(os.environ.get("OIDC_TIMEOUT", 10))
OIDC_VERIFY_SSL = env_bool("OIDC_VERIFY_SSL", True)
# 手机验证码登录: a code lives 5 minutes, allows 5 wrong tries; codes per number and per network per hour.
SIGNIN_CODE_TTL_SECONDS = int(os.environ.get("SIGNIN_CODE_TTL_SECONDS", 300))
SIGNIN_CODE_MAX_FAILURES = int(os.environ.get("SIGNIN_CODE_MAX_FAILURES", 5))
SIGNIN_CODE_RESEND_SECONDS = int(os.environ.get("SIGNIN_CODE_RESEND_SECONDS", 60))
SIGNIN_CODES_PER_PHONE_PER_HOUR = int(os.environ.get("SIGNIN_CODES_PER_PHONE_PER_HOUR", 5))
SIGNIN_CODES_PER_ADDRESS_PER_HOUR = int(os.environ.get("SIGNIN_CODES_PER_ADDRESS_PER_HOUR", 5))
SIGNIN_CODES_HARD_LIMIT_PER_ADDRESS_PER_HOUR = int(os.environ.get("SIGNIN_CODES_HARD_LIMIT_PER_ADDRESS_PER_HOUR", 20))
# Idle timeout: a session ends after this many minutes without a request (each request renews it).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_MINUTES", 30)) * 60
SESSION_SAVE_EVERY_REQUEST = True
# The audit log (zhengwu/audit) is kept at least this many days; prune_audit_log never goes below 180.
AUDIT_RETENTION_DAYS = int(os.environ.get("AUDIT_RETENTION_DAYS", 183))

WAGTAIL_SITE_NAME = "湖南省政务公开与政务服务平台"
WAGTAIL_ENABLE_UPDATE_CHECK = False  # a government system does not call out to wagtail.org from its admin
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # nor to gravatar.com for avatars (the admin's CSP loads nothing from elsewhere)
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "zhengwu.search.backend"}}
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
# Files (zhengwu.files): one document model, one upload check, served only through the serve view.
WAGTAILDOCS_DOCUMENT_MODEL = "files.AgencyDocument"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "zhengwu.files.forms.AgencyDocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "ofd", "txt", "zip", "doc", "xls", "jpg", "jpeg", "png"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("MAX_UPLOAD_SIZE", 50 * 1024 * 1024))
ZHENGWU_DOCUMENTS_ROOT = Path(os.environ.get("DOCUMENTS_ROOT", VAR_DIR / "documents"))  # not under MEDIA_ROOT
ZHENGWU_FILES_MAX_TEXT_CHARS = 1_000_000
# Decompression limits on every zip container (DOCX, XLSX, OFD, ZIP), checked at upload from the central
# directory and again on the real bytes while inflating.
ZHENGWU_FILES_ARCHIVE_MAX_MEMBERS = int(os.environ.get("ARCHIVE_MAX_MEMBERS", 2000))
ZHENGWU_FILES_ARCHIVE_MAX_TOTAL_SIZE = int(os.environ.get("ARCHIVE_MAX_TOTAL_SIZE", 50 * 1024 * 1024))
ZHENGWU_FILES_ARCHIVE_MAX_RATIO = int(os.environ.get("ARCHIVE_MAX_RATIO", 100))
# Text extraction runs after commit in a task, in a child process with these limits (seconds, bytes).
ZHENGWU_FILES_EXTRACTION_TIMEOUT = int(os.environ.get("EXTRACTION_TIMEOUT", 60))
ZHENGWU_FILES_EXTRACTION_MEMORY = int(os.environ.get("EXTRACTION_MEMORY", 1024 * 1024 * 1024))
# Optional virus scan of every upload before it is stored: clamd's "host:port" or unix socket path (fail closed).
CLAMD_ADDRESS = os.environ.get("CLAMD_ADDRESS", "")
CLAMD_TIMEOUT = int(os.environ.get("CLAMD_TIMEOUT", 30))
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Backups (zhengwu.backup, docs/operations-backup.md): where `manage.py backup` writes archives; the passphrase that
# encrypts them (on by default when set; production refuses a plaintext archive without --allow-plaintext); where
# pg_dump/pg_restore live when not on PATH (their major version must be at least the server's).
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))
BACKUP_ENCRYPTION_KEY = os.environ.get("BACKUP_ENCRYPTION_KEY", "")
BACKUP_PG_BIN_DIR = os.environ.get("BACKUP_PG_BIN_DIR", "")
# API uploads arrive as Base64 in JSON: a body may hold one file of MAX_UPLOAD_SIZE (4/3 of it encoded) plus
# 1 MB for the other fields; larger bodies answer 413.
DATA_UPLOAD_MAX_MEMORY_SIZE = -(-WAGTAILDOCS_MAX_UPLOAD_SIZE // 3) * 4 + 1024 * 1024

# Development serves every site by path under the default site; in production each Site has its hostname.
ZHENGWU_PORTAL_DOMAIN = os.environ.get("ZHENGWU_PORTAL_DOMAIN", "gov.cn")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# HTTPS: HSTS, the redirect and the proxy header that says a request came over TLS (only behind a proxy that
# strips a client's own X-Forwarded-Proto); all from the environment, off in development.
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", 0 if DEBUG else 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_SSL_REDIRECT = env_bool("SSL_REDIRECT", False)
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CONTENT_SECURITY_POLICY = os.environ.get("CONTENT_SECURITY_POLICY", "")  # "": the platform's default; "off": none
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)

# Notifications (zhengwu.notifications): one interface for email, SMS and in-site messages.
# Per-channel backends; SMS is only logged locally (phone masked) until a gateway class is configured.
NOTIFICATION_BACKENDS = {
    "email": os.environ.get("NOTIFICATION_EMAIL_BACKEND", "zhengwu.notifications.backends.EmailBackend"),
    "sms": os.environ.get("NOTIFICATION_SMS_BACKEND", "zhengwu.notifications.backends.LoggingSmsBackend"),
}
NOTIFICATION_FROM_EMAIL = os.environ.get("NOTIFICATION_FROM_EMAIL", "")  # empty: DEFAULT_FROM_EMAIL
NOTIFICATION_PENDING_GRACE_SECONDS = 300  # pending rows older than this are resent by send_pending_notifications
if "EMAIL_BACKEND" not in globals():
    EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend" if DEBUG
                                   else "django.core.mail.backends.smtp.EmailBackend")
LOGGING.setdefault("loggers", {})["zhengwu.notifications"] = {"level": os.environ.get("NOTIFICATION_LOG_LEVEL", "INFO")}


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    try:
        return int(value) if value else default
    except ValueError:
        raise ImproperlyConfigured(f"环境变量 {name} 应为整数，当前为“{value}”。") from None


# Rate limits on anonymous submissions (zhengwu.throttle), counted per client network in the cache (use
# REDIS_URL when there is more than one app node). TRUSTED_PROXY_COUNT: how many proxies (nginx, a load
# balancer) stand in front of the app and append to X-Forwarded-For; 0 = use REMOTE_ADDR only.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# 依申请公开: this many submissions per hour go straight through; beyond them the submitter answers a text
# question; from the hard limit on, nothing until the hour has moved on (429). 0 turns the limit off.
FOI_SUBMISSIONS_PER_HOUR = env_int("FOI_SUBMISSIONS_PER_HOUR", 5)
FOI_SUBMISSIONS_HARD_LIMIT_PER_HOUR = env_int("FOI_SUBMISSIONS_HARD_LIMIT_PER_HOUR", 30)
# Public accounts: sign-ups and failed sign-ins per hour per network, question past the first, refusal past
# the second.
ACCOUNT_ATTEMPTS_PER_HOUR = env_int("ACCOUNT_ATTEMPTS_PER_HOUR", 5)
ACCOUNT_ATTEMPTS_HARD_LIMIT_PER_HOUR = env_int("ACCOUNT_ATTEMPTS_HARD_LIMIT_PER_HOUR", 20)
# 网上政务服务: online applications per hour per network (question, then refusal), and wrong number/code pairs
# when following a case (guessing), counted the same way.
SERVICES_APPLICATIONS_PER_HOUR = env_int("SERVICES_APPLICATIONS_PER_HOUR", 5)
SERVICES_APPLICATIONS_HARD_LIMIT_PER_HOUR = env_int("SERVICES_APPLICATIONS_HARD_LIMIT_PER_HOUR", 30)
# Public lookups by number and 查询码, every case type and entrance (zhengwu.cases.tracking): wrong pairs per
# hour per network before the question / before refusal, and per network and one number before that network
# may no longer look that number up (its owner elsewhere still can).
LOOKUP_FAILURES_PER_HOUR = env_int("LOOKUP_FAILURES_PER_HOUR", 5)
LOOKUP_FAILURES_HARD_LIMIT_PER_HOUR = env_int("LOOKUP_FAILURES_HARD_LIMIT_PER_HOUR", 30)
LOOKUP_FAILURES_PER_NUMBER = env_int("LOOKUP_FAILURES_PER_NUMBER", 5)
# 效能投诉: working days supervisors have to answer one (the province's own rule).
SUPERVISION_COMPLAINT_WORKDAYS = env_int("SUPERVISION_COMPLAINT_WORKDAYS", 15)

# Periodic sweeps run by `manage.py run_scheduler` (started by `make run`): (management command, seconds).
SCHEDULED_COMMANDS = [
    ("foi_sweep", 3600),
    ("refresh_validity", 3600),
    ("send_pending_notifications", 300),
    ("remind_monthly_reports", 86400),
    ("supervise", 300),
    ("apply_retention", 86400),  # privacy: erase personal data past its retention period
    ("verify_audit_log", 86400),  # audit: a broken hash chain is logged as a failed job every day until looked at
]
