"""Each person's notification preferences: kinds they muted, and their quiet hours. Devices
carry a copy, so the dispatcher reads one collection to know where and when to push."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pymongo import ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession

from server.db.client import Database, Document
from server.db.collections import DEVICES, PEOPLE
from server.db.transactions import in_transaction
from server.errors import BadUserInput, NotFound
from server.notifications.quiet_hours import QuietHours
from server.vocabulary import NotificationKind

FIELD = "notification_preferences"


@dataclass(frozen=True)
class Preferences:
    muted_kinds: tuple[NotificationKind, ...] = ()
    quiet_hours: QuietHours | None = None

    def to_doc(self) -> dict[str, Any]:
        return {
            "muted_kinds": [kind.value for kind in self.muted_kinds],
            "quiet_hours": self.quiet_hours.to_doc() if self.quiet_hours else None,
        }


@dataclass(frozen=True)
class PreferenceChanges:
    """None leaves a field as it is; `clear_quiet_hours` removes them."""

    muted_kinds: list[NotificationKind] | None = None
    quiet_hours: QuietHours | None = None
    clear_quiet_hours: bool = False


def preferences_of(person: Document) -> Preferences:
    doc = person.get(FIELD) or {}
    return Preferences(
        muted_kinds=tuple(NotificationKind(kind) for kind in doc.get("muted_kinds", [])),
        quiet_hours=QuietHours.from_doc(doc.get("quiet_hours")),
    )


def device_prefs(preferences: Preferences) -> dict[str, Any]:
    """The copy each device keeps (see `server.notifications.targets`)."""
    doc = preferences.to_doc()
    return {"muted": doc["muted_kinds"], "quiet": doc["quiet_hours"]}


def _changed(current: Preferences, changes: PreferenceChanges) -> Preferences:
    if changes.clear_quiet_hours and changes.quiet_hours is not None:
        raise BadUserInput("Give quiet hours or clear them, not both.", field="quietHours")
    muted = current.muted_kinds
    if changes.muted_kinds is not None:
        muted = tuple(dict.fromkeys(changes.muted_kinds))
    quiet = current.quiet_hours
    if changes.clear_quiet_hours:
        quiet = None
    elif changes.quiet_hours is not None:
        if changes.quiet_hours.start_minute == changes.quiet_hours.end_minute:
            raise BadUserInput(
                "Quiet hours must start and end at different times.", field="quietHours"
            )
        quiet = changes.quiet_hours
    return Preferences(muted_kinds=muted, quiet_hours=quiet)


async def update_preferences(
    db: Database, person: Document, changes: PreferenceChanges
) -> Preferences:
    updated = _changed(preferences_of(person), changes)

    async def work(session: AsyncClientSession) -> None:
        found = await db[PEOPLE.name].find_one_and_update(
            {"_id": person["_id"]},
            {"$set": {FIELD: updated.to_doc()}},
            return_document=ReturnDocument.AFTER,
            session=session,
        )
        if found is None:
            raise NotFound("Your account no longer exists.")
        await db[DEVICES.name].update_many(
            {"person_id": person["_id"]},
            {"$set": {"prefs": device_prefs(updated)}},
            session=session,
        )

    await in_transaction(db, work)
    return updated
