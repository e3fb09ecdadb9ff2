"""Signing in with the badge code: rate-limited per email and per client address."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from server.auth.badge_codes import badge_code_matches
from server.auth.identity import mark_signed_in
from server.auth.tokens import SessionTokens
from server.config import Settings
from server.db.client import Database, Document
from server.db.collections import PEOPLE
from server.errors import BadUserInput, Unauthenticated
from server.services.common import rate_limits, validation

WRONG_CODE = "That email and badge code do not match."
MAX_CODE_LENGTH = 64


def _email_key(email: str) -> str:
    """Counters name a digest, not the address itself."""
    return "email:" + hashlib.sha256(email.encode()).hexdigest()[:32]


def _malformed(email: str, code: str) -> BadUserInput | None:
    """An empty or over-long field, named; such an attempt never reaches the database."""
    for field, value, limit in (
        ("email", email, validation.MAX_EMAIL_LENGTH),
        ("code", code.strip(), MAX_CODE_LENGTH),
    ):
        if not value:
            return BadUserInput(f"{field} must not be empty.", field=field)
        if len(value) > limit:
            return BadUserInput(f"{field} must be at most {limit} characters.", field=field)
    return None


@dataclass(frozen=True)
class SignedIn:
    token: str
    person: Document


async def sign_in(
    db: Database,
    settings: Settings,
    tokens: SessionTokens,
    *,
    email: str,
    code: str,
    client_address: str,
    now: datetime,
) -> SignedIn:
    window = settings.signin_window_seconds
    # every attempt for an email counts; from one address (a venue's shared Wi-Fi), failures do
    by_address = rate_limits.Window(
        f"address:{client_address}", settings.signin_max_failures_per_address, window
    )
    await rate_limits.ensure_open(db, by_address, now)
    email = email.strip().lower()
    malformed = _malformed(email, code)
    if malformed is not None:
        await rate_limits.count(db, by_address, now)  # a failed attempt all the same
        raise malformed
    by_email = rate_limits.Window(_email_key(email), settings.signin_max_per_email, window)
    await rate_limits.count(db, by_email, now)
    person = await db[PEOPLE.name].find_one({"email": email})
    if person is None or not badge_code_matches(code, person.get("badge_code_hash")):
        await rate_limits.count(db, by_address, now)
        raise Unauthenticated(WRONG_CODE)
    token = tokens.issue(person["_id"], person.get("token_version", 0), now)
    await mark_signed_in(db, person, now)
    return SignedIn(token=token, person=person)
