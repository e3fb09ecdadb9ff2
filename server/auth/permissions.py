"""Every permission rule of the product, in one module."""

from __future__ import annotations

from collections.abc import Collection

from server.auth.identity import Identity
from server.db.client import Document
from server.errors import Forbidden, Unauthenticated
from server.vocabulary import Role

SIGN_IN_NEEDED = "Sign in to see this."


def is_organizer(person: Document | None) -> bool:
    return person is not None and person.get("role") == Role.ORGANIZER.value


def require_person(identity: Identity) -> Document:
    """The signed-in person, or UNAUTHENTICATED with the reason a token was refused."""
    if identity.person is None:
        raise Unauthenticated(identity.problem or SIGN_IN_NEEDED)
    return identity.person


def require_organizer(identity: Identity) -> Document:
    person = require_person(identity)
    if not is_organizer(person):
        raise Forbidden("Only organizers can do this.")
    return person


def may_see_person(viewer: Document, person: Document, viewer_connections: Collection[str]) -> bool:
    """Listed people are visible to everyone signed in; others to themselves, their
    connections and organizers."""
    return (
        person.get("listed") is True
        or person["_id"] == viewer["_id"]
        or is_organizer(viewer)
        or person["_id"] in viewer_connections
    )


def may_see_email(
    viewer: Document | None, person: Document, viewer_connections: Collection[str]
) -> bool:
    """Email: the person themselves, a connection (an accepted meeting makes one), organizers."""
    if viewer is None:
        return False
    return (
        person["_id"] == viewer["_id"]
        or is_organizer(viewer)
        or person["_id"] in viewer_connections
    )


def may_read_notification(viewer: Document, notification: Document) -> bool:
    """A person reads (and marks read) only their own notifications; organizers too."""
    return bool(notification.get("person_id") == viewer["_id"])


def may_see_announcement_details(viewer: Document | None) -> bool:
    """An announcement's audience and delivery statistics: organizers only."""
    return is_organizer(viewer)
