"""Badge codes: printed on the badge, typed at sign-in, stored only as a salted hash."""

from __future__ import annotations

import hashlib
import hmac
import secrets

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read off a badge without doubt
_GROUPS, _GROUP_LENGTH = 3, 4  # 12 characters, 60 bits


def generate_badge_code() -> str:
    groups = (
        "".join(secrets.choice(_ALPHABET) for _ in range(_GROUP_LENGTH)) for _ in range(_GROUPS)
    )
    return "-".join(groups)


def canonical_code(code: str) -> str:
    """Codes are compared without case or surrounding spaces."""
    return code.strip().upper()


def hash_badge_code(code: str) -> str:
    salt = secrets.token_hex(8)
    digest = hashlib.sha256(f"{salt}:{canonical_code(code)}".encode()).hexdigest()
    return f"sha256${salt}${digest}"


def badge_code_matches(code: str, stored: str | None) -> bool:
    if not stored:
        return False
    scheme, salt, expected = stored.split("$", 2)
    if scheme != "sha256":
        return False
    digest = hashlib.sha256(f"{salt}:{canonical_code(code)}".encode()).hexdigest()
    return hmac.compare_digest(digest, expected)


def generate_scan_code() -> str:
    """The public code in a badge's barcode: it identifies the wearer to a scanner (a lead) and
    signs nobody in; 50 random bits so codes cannot be walked through."""
    return "S-" + "".join(secrets.choice(_ALPHABET) for _ in range(10))
