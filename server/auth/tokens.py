"""Session tokens: signed (HS256), expiring, and tied to the account's token version."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt

ISSUER = "coopetition-expo"


@dataclass(frozen=True)
class SessionClaims:
    person_id: str
    token_version: int


class TokenExpired(Exception):
    """The token was ours and valid, but its time is up."""


class SessionTokens:
    def __init__(self, secret: str, ttl: timedelta) -> None:
        self._secret = secret
        self._ttl = ttl

    def issue(self, person_id: str, token_version: int, now: datetime) -> str:
        claims = {
            "iss": ISSUER,
            "sub": person_id,
            "ver": token_version,
            "iat": now,
            "exp": now + self._ttl,
        }
        return jwt.encode(claims, self._secret, algorithm="HS256")

    def read(self, token: str, now: datetime) -> SessionClaims | None:
        """The claims of one of our tokens; None if it is not ours or was tampered with.
        Expiry is checked against `now`, the app's clock."""
        try:
            claims = jwt.decode(
                token, self._secret, algorithms=["HS256"], issuer=ISSUER,
                options={"require": ["exp", "sub", "iss"], "verify_exp": False,
                         "verify_iat": False},
            )  # fmt: skip
        except jwt.PyJWTError:
            return None
        version, expires = claims.get("ver"), claims.get("exp")
        if not isinstance(version, int) or not isinstance(expires, int):
            return None
        if now.timestamp() >= expires:
            raise TokenExpired
        return SessionClaims(person_id=str(claims["sub"]), token_version=version)
