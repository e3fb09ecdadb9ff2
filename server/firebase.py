"""The Firebase app of this process, when a Firebase project is configured: it verifies
Firebase ID tokens and sends pushes."""

from __future__ import annotations

import itertools
from typing import Any

import firebase_admin
from firebase_admin import credentials
from google.oauth2.credentials import Credentials as AccessTokenCredentials

from server.config import Settings

APP_NAME = "coopetition-expo"
_app_numbers = itertools.count(1)  # one process may run several apps (tests, tools)


def _credential(settings: Settings) -> Any:
    if settings.fcm_access_token is not None:  # a fixed token, for a private or fake endpoint
        token = settings.fcm_access_token.get_secret_value()
        return AccessTokenCredentials(token=token)  # type: ignore[no-untyped-call]
    if settings.firebase_credentials is not None:
        return credentials.Certificate(str(settings.firebase_credentials))
    return None  # Google's application default credentials


def create_firebase_app(settings: Settings) -> firebase_admin.App | None:
    """None when neither a credentials file nor a project id is configured."""
    if not settings.firebase_configured:
        return None
    options = {"projectId": settings.firebase_project_id} if settings.firebase_project_id else {}
    return firebase_admin.initialize_app(
        _credential(settings), options, name=f"{APP_NAME}-{next(_app_numbers)}"
    )


def delete_firebase_app(app: firebase_admin.App | None) -> None:
    if app is not None:
        firebase_admin.delete_app(app)
