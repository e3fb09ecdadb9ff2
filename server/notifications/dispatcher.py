"""The dispatcher: claims due push jobs with a lease, sends them in batches of at most 500
through the gateway, and settles every token. Several dispatchers, in one process or many,
share the outbox safely; one killed mid-batch leaves its job to be claimed again when the
lease runs out, so nothing is lost and at most the batch in flight is sent twice. A 429 pauses
every dispatcher of the project (see quota.py) and does not count as a failed attempt."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from server.config import Settings
from server.db.client import Database, Document
from server.db.collections import PUSH_JOBS
from server.notifications import quota, settlement
from server.notifications.gateways.base import (
    MAX_BATCH,
    Outcome,
    PushGateway,
    PushMessage,
    PushResult,
)
from server.notifications.leases import Lease, LeaseLost, claim_due, renew
from server.notifications.outbox import MEETING_KINDS, PENDING, STAGE_INBOX
from server.notifications.retry import quota_wait_seconds, retry_delay_seconds
from server.notifications.targets import Target, devices_of, event_zone, plan_delivery, utc

log = logging.getLogger("server.push")


@dataclass(frozen=True)
class _Ready:
    job: Document
    lease: Lease
    targets: list[Target]


MEETING_KIND_VALUES = frozenset(kind.value for kind in MEETING_KINDS)


class Dispatcher:
    def __init__(
        self,
        db: Database,
        gateway: PushGateway,
        settings: Settings,
        clock: Callable[[], datetime],
        rng: random.Random | None = None,
    ) -> None:
        self._db = db
        self._gateway = gateway
        self._settings = settings
        self._clock = clock
        self._rng = rng or random.Random()
        self._ready: _Ready | None = None
        self._margin = timedelta(seconds=settings.push_lease_seconds / 2)

    async def run_once(self) -> bool:
        """Deliver one due job; False when none was due (or sending is paused). While it sends,
        the next job is claimed and made ready (inbox written, devices looked up): a job made
        ready but never sent costs nothing if this process dies, its lease simply runs out."""
        pause = await quota.paused_until(self._db, self._clock())
        if pause is not None:  # FCM said 429, to this dispatcher or another: the project waits
            await self._hand_back(due_at=pause)
            return False
        ready, self._ready = self._ready, None
        if ready is not None:
            ready = await self._fresh(ready)  # None if another dispatcher has taken it
        if ready is None:
            ready = await self._prepare()
        if ready is None:
            return False
        ahead = asyncio.create_task(self._prepare_quietly())
        try:
            await self._send(ready)
        except LeaseLost:
            log.warning("push job %s was taken over by another dispatcher", ready.job["_id"])
        finally:
            self._ready = await ahead
        return True

    async def aclose(self) -> None:
        """Hand back a job made ready but not sent, so another dispatcher need not wait."""
        await self._hand_back(due_at=self._clock())

    async def _hand_back(self, due_at: datetime) -> None:
        ready, self._ready = self._ready, None
        if ready is not None:
            await settlement.release(self._db, ready.job, ready.lease, due_at)

    async def _prepare_quietly(self) -> _Ready | None:
        try:
            return await self._prepare()
        except Exception:
            log.exception("could not make the next push job ready")
            return None

    async def _prepare(self) -> _Ready | None:
        jobs = self._db[PUSH_JOBS.name]
        while True:
            now = self._clock()
            claimed = await claim_due(
                jobs, {"status": PENDING}, now, self._settings.push_lease_seconds
            )
            if claimed is None:
                return None
            job, lease = claimed
            try:
                if job["stage"] == STAGE_INBOX:
                    await settlement.write_inbox(self._db, job, lease, now)
                if job.get("expires_at") is not None and utc(job["expires_at"]) <= now:
                    await settlement.finish(self._db, job, lease)  # too late to be of use
                    continue
                devices = await devices_of(self._db, job)
                plan = plan_delivery(job, devices, now, await event_zone(self._db))
                if plan.wait:
                    await settlement.hold_back(self._db, job, lease, plan.wait, now)
            except LeaseLost:
                continue
            ready = await self._fresh(_Ready(job, lease, plan.send))
            if ready is not None:
                return ready

    async def _fresh(self, ready: _Ready) -> _Ready | None:
        """The job with at least half a lease left, renewed if need be; None if it was taken
        over. Making a job ready can outlast its lease (an inbox write waits out the open
        transaction of a dispatcher killed mid-write), and a job sent on a lapsed lease could
        be claimed by this very dispatcher's next claim and sent twice."""
        now = self._clock()
        if ready.lease.until - now >= self._margin:
            return ready
        seconds = self._settings.push_lease_seconds
        if not await renew(self._db[PUSH_JOBS.name], ready.job["_id"], ready.lease, now, seconds):
            return None
        lease = Lease(ready.lease.token, now + timedelta(seconds=seconds))
        return _Ready(ready.job, lease, ready.targets)

    async def _send(self, ready: _Ready) -> None:
        job, lease = ready.job, ready.lease
        unsettled: settlement.Settled = []
        batches = [
            ready.targets[n : n + MAX_BATCH] for n in range(0, len(ready.targets), MAX_BATCH)
        ]
        for number, batch in enumerate(batches, 1):
            if number > 1 and (pause := await quota.paused_until(self._db, self._clock())):
                await self._retry(job, lease, unsettled, pause)  # another dispatcher got a 429
                return
            async with self._lease_kept(job, lease):
                results = await self._gateway.send([self._message(job, t) for t in batch])
            pairs = list(zip(batch, results, strict=True))
            last = number == len(batches)
            if last and not unsettled and all(result.outcome.settles for result in results):
                await settlement.complete(self._db, job, lease, pairs, self._clock())
                return
            unsettled += await settlement.checkpoint(
                self._db, job, lease, pairs, self._clock(), self._settings.push_lease_seconds
            )
            if any(result.outcome is Outcome.QUOTA for result in results):
                # over the project's quota: the batches left wait too, unsettled, for the retry
                await self._retry(job, lease, unsettled, await self._pause(unsettled))
                return
        if not unsettled:
            await settlement.finish(self._db, job, lease)  # nobody to send to
        else:
            await self._retry(job, lease, unsettled, None)

    async def _pause(self, unsettled: settlement.Settled) -> datetime:
        """FCM said 429: every dispatcher of the project waits for Retry-After, or at least
        PUSH_QUOTA_WAIT_SECONDS (firebase-admin does not retry 429 itself)."""
        retry_after = max(
            (r.retry_after_seconds or 0.0 for _, r in unsettled if r.outcome is Outcome.QUOTA),
            default=0.0,
        )
        delay = quota_wait_seconds(self._settings, retry_after or None)
        until = self._clock() + timedelta(seconds=delay)
        await quota.pause_sending(self._db, until)
        log.warning("FCM quota exceeded: no pushes for %.0f s", delay)
        return until

    @asynccontextmanager
    async def _lease_kept(self, job: Document, lease: Lease) -> AsyncIterator[None]:
        """Renew the lease while a batch is out: on a busy machine one send can outlast it, and
        a lease run out would let this very process claim the job again and send it twice."""
        seconds = self._settings.push_lease_seconds
        jobs = self._db[PUSH_JOBS.name]

        async def heartbeat() -> None:
            while True:
                await asyncio.sleep(seconds / 3)
                if not await renew(jobs, job["_id"], lease, self._clock(), seconds):
                    return  # taken over: the settlement that follows will find out

        beating = asyncio.create_task(heartbeat())
        try:
            yield
        finally:
            beating.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await beating

    async def _retry(
        self,
        job: Document,
        lease: Lease,
        unsettled: settlement.Settled,
        pause: datetime | None,
    ) -> None:
        """Try the tokens left again later. Only failures (500, 503, network) count toward
        PUSH_MAX_ATTEMPTS; waiting out the project's quota (`pause`) is no failed attempt."""
        now = self._clock()
        failures = [(t, r) for t, r in unsettled if r.outcome is Outcome.RETRY]
        due_at = pause or now
        if failures:
            attempt = job.get("attempts", 0) + 1
            if attempt >= self._settings.push_max_attempts:
                log.error("push job %s is dead after %s attempts", job["_id"], attempt)
                await settlement.dead_letter(self._db, job, lease, unsettled, now)
                return
            retry_after = max((r.retry_after_seconds or 0.0 for _, r in failures), default=0.0)
            delay = retry_delay_seconds(attempt, self._settings, self._rng, retry_after or None)
            due_at = max(due_at, now + timedelta(seconds=delay))
        first = unsettled[0][1] if unsettled else PushResult(Outcome.QUOTA, "QUOTA_PAUSE")
        detail = first.detail or first.outcome.value
        log.warning(
            "push job %s: %s tokens to retry in %.0f s (%s)",
            job["_id"],
            len(unsettled),
            (due_at - now).total_seconds(),
            detail,
        )
        await settlement.retry_later(
            self._db, job, lease, due_at, detail, failed_attempt=bool(failures)
        )

    def _message(self, job: Document, target: Target) -> PushMessage:
        data = {"messageId": target.notification_id, "kind": job["kind"]}
        if job.get("meeting_id"):
            data["meetingId"] = job["meeting_id"]
        if job.get("announcement_id"):
            data["announcementId"] = job["announcement_id"]
        if job.get("about_person_id"):
            data["personId"] = job["about_person_id"]  # a message's sender, say
        if job.get("subject_id"):
            data["subjectId"] = job["subject_id"]
        expires_at = job.get("expires_at")
        return PushMessage(
            token=target.token,
            platform=target.platform,
            title=job["title"],
            body=job["body"],
            data=data,
            collapse_key=job.get("collapse_key"),
            ttl=utc(expires_at) - self._clock() if expires_at is not None else None,
            high_priority=bool(job.get("urgent")) or job["kind"] in MEETING_KIND_VALUES,
        )
