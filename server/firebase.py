"""The Firebase app of this process, when a Firebase project is configured."""

from __future__ import annotations

import firebase_admin
from firebase_admin import credentials

from server.config import Settings

APP_NAME = "coopetition-expo"


def create_firebase_app(settings: Settings) -> firebase_admin.App | None:
    """None when neither a credentials file nor a project id is configured."""
    if settings.firebase_credentials is None and settings.firebase_project_id is None:
        return None
    credential = (
        credentials.Certificate(str(settings.firebase_credentials))
        if settings.firebase_credentials is not None
        else None
    )
    options = {"projectId": settings.firebase_project_id} if settings.firebase_project_id else {}
    return firebase_admin.initialize_app(credential, options, name=f"{APP_NAME}-{id(settings)}")


def delete_firebase_app(app: firebase_admin.App | None) -> None:
    if app is not None:
        firebase_admin.delete_app(app)
