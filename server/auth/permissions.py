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


def optional_person(identity: Identity) -> Document | None:
    """The signed-in person, None for a caller who sent no token, UNAUTHENTICATED with the
    reason for a caller whose token was refused (so an app learns its session ended)."""
    if identity.presented_bad_token:
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


def may_see_profile(
    viewer: Document | None, person: Document, viewer_connections: Collection[str]
) -> bool:
    """A whole profile (headline, interests, intents, ...): never to someone not signed in,
    otherwise as `may_see_person`. What a printed programme shows of a speaker (name and
    organization) is public."""
    return viewer is not None and may_see_person(viewer, person, viewer_connections)


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
    """A person reads (and marks read) only their own notifications; organizers do not read
    other people's either."""
    return bool(notification.get("person_id") == viewer["_id"])


def may_see_announcement_details(viewer: Document | None) -> bool:
    """An announcement's audience and delivery statistics: organizers only."""
    return is_organizer(viewer)


def is_booth_staff(person: Document, organization_id: str | None) -> bool:
    """Booth staff: the organization's people with the EXHIBITOR role."""
    return (
        organization_id is not None
        and person.get("role") == Role.EXHIBITOR.value
        and person.get("organization_id") == organization_id
    )


def require_booth_staff(person: Document, organization_id: str) -> None:
    if not is_booth_staff(person, organization_id):
        raise Forbidden("Only this organization's exhibitor staff can do this.")


def require_exhibitor(person: Document) -> str:
    """The organization whose booth the person staffs."""
    organization_id = person.get("organization_id")
    if not is_booth_staff(person, organization_id):
        raise Forbidden("Only exhibitor staff can do this.")
    return str(organization_id)


def is_participant(person: Document, meeting: Document) -> bool:
    return person["_id"] in meeting["participants"]


def require_participant(person: Document, meeting: Document) -> None:
    if not is_participant(person, meeting):
        raise Forbidden("This is not your meeting.")


def require_awaited(person: Document, meeting: Document) -> None:
    """Only the person a request waits for answers it (after a new time is proposed, that is
    the other participant)."""
    require_participant(person, meeting)
    if meeting.get("awaiting_id") != person["_id"]:
        raise Forbidden("The other person answers this request, not you.")


def may_see_meeting(person: Document, meeting: Document) -> bool:
    """Its two people, organizers, and the booth staff of the invitee's organization."""
    return (
        is_participant(person, meeting)
        or is_organizer(person)
        or is_booth_staff(person, meeting.get("invitee_organization_id"))
    )


def may_request(
    requester: Document, invitee: Document, accepts_vendor_requests: bool, opt_in_needed: bool
) -> bool:
    """Who may request whom: exhibitors reach people other than exhibitors and organizers only
    when those opted in to vendor requests (if the event asks for that)."""
    vendor_to_visitor = requester.get("role") == Role.EXHIBITOR.value and invitee.get(
        "role"
    ) not in {Role.EXHIBITOR.value, Role.ORGANIZER.value}
    return not (opt_in_needed and vendor_to_visitor and not accepts_vendor_requests)


def require_may_request(
    requester: Document, invitee: Document, accepts_vendor_requests: bool, opt_in_needed: bool
) -> None:
    """`may_request`, or FORBIDDEN saying why not."""
    if not may_request(requester, invitee, accepts_vendor_requests, opt_in_needed):
        raise Forbidden(
            f"{invitee['name']} does not take meeting requests from exhibitors.",
            reason="NO_VENDOR_REQUESTS",
        )


def may_see_scan_code(viewer: Document | None, person: Document) -> bool:
    """The badge's scan code: the wearer (to show it as a barcode) and organizers."""
    return viewer is not None and (person["_id"] == viewer["_id"] or is_organizer(viewer))
