"""The key material of settings.FIELD_ENCRYPTION_KEYS, parsed once per distinct setting value."""

import base64
import functools

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def configured_keys():
    keys = getattr(settings, "FIELD_ENCRYPTION_KEYS", None)
    if isinstance(keys, str):
        keys = [k.strip() for k in keys.split(",") if k.strip()]
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS 未配置：无法加密或解密个人信息。")
    return tuple(keys)


@functools.lru_cache(maxsize=8)
def _fernets(keys):
    fernets = []
    for position, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key))
        except (ValueError, TypeError) as exc:
            raise ImproperlyConfigured(
                f"FIELD_ENCRYPTION_KEYS 第 {position} 个密钥无效：应为 32 字节的 URL 安全 Base64 编码（Fernet 密钥）。"
            ) from exc
    return tuple(fernets)


def fernets():
    """One Fernet per configured key, newest (encrypting) first."""
    return _fernets(configured_keys())


@functools.lru_cache(maxsize=8)
def _multi(keys):
    return MultiFernet(list(_fernets(keys)))


def multi_fernet():
    """MultiFernet over all keys: the first encrypts, every key decrypts."""
    return _multi(configured_keys())


def raw_keys():
    """The decoded 32-byte key material of each configured key, newest first (for deriving index keys)."""
    keys = configured_keys()
    _fernets(keys)  # validates every key, with a clear message
    return tuple(base64.urlsafe_b64decode(key) for key in keys)
