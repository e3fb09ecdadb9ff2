"""Firebase ID tokens, verified by firebase-admin; they identify a person by verified email."""

from __future__ import annotations

import asyncio

import firebase_admin
from firebase_admin import auth

from server.auth.tokens import TokenExpired


class FirebaseIdTokens:
    def __init__(self, app: firebase_admin.App) -> None:
        self._app = app

    async def verified_email(self, token: str) -> str | None:
        """The token's verified email address; None if the token is not a valid ID token."""
        try:
            claims = await asyncio.to_thread(auth.verify_id_token, token, app=self._app)
        except auth.ExpiredIdTokenError:
            raise TokenExpired from None
        except (ValueError, auth.InvalidIdTokenError, auth.CertificateFetchError):
            return None
        email = claims.get("email")
        if not isinstance(email, str) or claims.get("email_verified") is not True:
            return None
        return email.strip().lower()
