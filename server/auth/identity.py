"""Who is calling: a bearer token (ours or Firebase's) resolved to a person, or nobody."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from server.auth.firebase_tokens import FirebaseIdTokens
from server.auth.tokens import SessionTokens, TokenExpired
from server.db.client import Database, Document
from server.db.collections import PEOPLE

SESSION_EXPIRED = "Your session has expired. Sign in again."
TOKEN_INVALID = "Your sign-in is no longer valid. Sign in again."


@dataclass(frozen=True)
class Identity:
    person: Document | None = None
    problem: str | None = None  # why a presented token was not accepted

    @property
    def presented_bad_token(self) -> bool:
        return self.problem is not None


ANONYMOUS = Identity()


async def mark_signed_in(db: Database, person: Document, now: datetime) -> None:
    """Remember a person's first sign-in (the organizers' count of active people); later
    sign-ins write nothing."""
    if person.get("first_signed_in_at") is None:
        await db[PEOPLE.name].update_one(
            {"_id": person["_id"], "first_signed_in_at": None},
            {"$set": {"first_signed_in_at": now}},
        )


def bearer_token(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


class Authenticator:
    def __init__(
        self,
        db: Database,
        tokens: SessionTokens,
        firebase: FirebaseIdTokens | None,
        clock: Callable[[], datetime],
    ) -> None:
        self._db = db
        self._tokens = tokens
        self._firebase = firebase
        self._clock = clock

    async def identify(self, authorization: str | None) -> Identity:
        token = bearer_token(authorization)
        if token is None:
            return Identity(problem=TOKEN_INVALID) if authorization else ANONYMOUS
        try:
            person = await self._person_for(token)
        except TokenExpired:
            return Identity(problem=SESSION_EXPIRED)
        return Identity(person=person) if person else Identity(problem=TOKEN_INVALID)

    async def _person_for(self, token: str) -> Document | None:
        people = self._db[PEOPLE.name]
        claims = self._tokens.read(token, self._clock())
        if claims is not None:
            person = await people.find_one({"_id": claims.person_id})
            if person is None or person.get("token_version", 0) != claims.token_version:
                return None  # the account was deleted or signed out everywhere
            return person
        if self._firebase is not None:
            email = await self._firebase.verified_email(token)
            person = await people.find_one({"email": email}) if email is not None else None
            if person is not None:
                await mark_signed_in(self._db, person, self._clock())
            return person
        return None
