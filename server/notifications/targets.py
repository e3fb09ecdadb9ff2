"""Who a push job reaches right now: the recipients' registered devices, minus the tokens
already settled, split by each person's preferences into send now, muted, and wait."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from server.db.client import Database, Document
from server.db.collections import DEVICES, EVENTS
from server.notifications.quiet_hours import QuietHours
from server.vocabulary import Platform

IN_CHUNK = 100  # `$in` lists stay short: long ones are slow on some servers


@dataclass(frozen=True)
class Target:
    person_id: str
    notification_id: str
    token: str
    platform: Platform


@dataclass
class Plan:
    send: list[Target] = field(default_factory=list)
    muted: int = 0  # devices not pushed to because their person muted this kind
    # quiet hours: when each waiting person's window ends -> their (person, notification) pairs
    wait: dict[datetime, list[tuple[str, str]]] = field(default_factory=dict)


async def devices_of(db: Database, job: Document) -> list[Document]:
    """The devices of the job's recipients. A job that holds every person in an id range (a
    chunk of an announcement to everyone) reads that range; others ask by id, in short lists.
    (plan_delivery keeps only the recipients' devices either way.)"""
    span = job.get("span")
    if span is not None:
        query = {"person_id": {"$gte": span[0], "$lte": span[1]}}
        return await db[DEVICES.name].find(query).to_list()
    person_ids = [recipient["p"] for recipient in job["recipients"]]
    found: list[Document] = []
    for start in range(0, len(person_ids), IN_CHUNK):
        chunk = list(person_ids[start : start + IN_CHUNK])
        found += await db[DEVICES.name].find({"person_id": {"$in": chunk}}).to_list()
    return found


async def event_zone(db: Database) -> ZoneInfo:
    event = await db[EVENTS.name].find_one({}, {"timezone": 1})
    return ZoneInfo(event["timezone"]) if event and event.get("timezone") else ZoneInfo("UTC")


def plan_delivery(
    job: Document, devices: Sequence[Document], now: datetime, zone: ZoneInfo
) -> Plan:
    notification_of = {recipient["p"]: recipient["n"] for recipient in job["recipients"]}
    settled = set(job.get("settled", ()))
    by_person: dict[str, list[Document]] = defaultdict(list)
    for device in devices:
        if device["_id"] not in settled and device["person_id"] in notification_of:
            by_person[device["person_id"]].append(device)
    plan = Plan()
    for person_id, person_devices in sorted(by_person.items()):
        prefs = person_devices[0].get("prefs") or {}
        if job["kind"] in prefs.get("muted", ()):
            plan.muted += len(person_devices)
            continue
        quiet = QuietHours.from_doc(prefs.get("quiet"))
        ends = None if job.get("urgent") or quiet is None else quiet.ends_after(now, zone)
        if ends is not None:
            plan.wait.setdefault(ends, []).append((person_id, notification_of[person_id]))
            continue
        plan.send += [
            Target(
                person_id, notification_of[person_id], device["_id"], Platform(device["platform"])
            )
            for device in sorted(person_devices, key=lambda device: device["_id"])
        ]
    return plan


def utc(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
