from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register(checks.Tags.security)
def check_encryption_keys(app_configs, **kwargs):
    from .keys import multi_fernet

    try:
        multi_fernet()
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="privacy.E001")]
    return []
