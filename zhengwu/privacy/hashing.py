"""Blind indexes: a keyed hash of a normalised value, for exact-match lookups on encrypted data.

``blind_index(value, purpose)`` = HMAC-SHA256(normalise(value, purpose)) with a key derived (HKDF-SHA256)
from the current encryption key and the purpose, as 64 hex characters. Each purpose gets its own key, so
an index of phone numbers cannot be joined against an index of ID numbers.

Key rotation: new values are indexed with the newest key; ``blind_index_candidates`` returns the hash under
every configured key, so lookups keep matching rows written before a rotation. Re-save the rows
(``fields.reencrypt``) before retiring an old key.

Store it with ``fields.BlindIndexField`` and query it with the ``__matches`` lookup.
"""

import functools
import hashlib
import hmac
import unicodedata

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .keys import raw_keys

ID_NUMBER = "id_number"
PHONE = "phone"
# Purposes whose values are compared case-insensitively (the check character of an ID number is X or x).
UPPERCASE_PURPOSES = {ID_NUMBER}
# Purposes whose values ignore spaces and hyphens ("138 1234-5678").
COMPACT_PURPOSES = {ID_NUMBER, PHONE}


def normalise(value, purpose):
    """NFKC (full-width digits and letters become ASCII), strip; upper-case ID numbers; drop separators in
    ID numbers and phone numbers."""
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if purpose in COMPACT_PURPOSES:
        text = "".join(ch for ch in text if not ch.isspace() and ch != "-")
    if purpose in UPPERCASE_PURPOSES:
        text = text.upper()
    return text


@functools.lru_cache(maxsize=64)
def _index_key(key_material, purpose):
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=f"zhengwu.privacy.blind-index:{purpose}".encode()
    ).derive(key_material)


def _digest(key_material, value, purpose):
    return hmac.new(_index_key(key_material, purpose), normalise(value, purpose).encode(), hashlib.sha256).hexdigest()


def _check(purpose):
    if not purpose:
        raise ValueError("blind_index 需要指明用途（purpose），例如 'id_number'。")


def blind_index(value, purpose):
    """The index of `value` under the newest key (what gets stored); None for None or a blank value."""
    _check(purpose)
    if value is None or normalise(value, purpose) == "":
        return None
    return _digest(raw_keys()[0], value, purpose)


def blind_index_candidates(value, purpose):
    """The index of `value` under every configured key, newest first (what a lookup must match)."""
    _check(purpose)
    if value is None or normalise(value, purpose) == "":
        return []
    return list(dict.fromkeys(_digest(key, value, purpose) for key in raw_keys()))
