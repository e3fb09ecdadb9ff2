"""Joining and leaving communities, push for their posts; organizers open or curate them."""

from __future__ import annotations

import strawberry

from server.auth.identity import Identity
from server.db.client import Document
from server.schema.catalog.types import Community
from server.schema.context import Info
from server.services.community import membership


def _as_now(info: Info, person: Document) -> None:
    """The rest of the request sees the person as they are now (`joined`, `push`)."""
    info.context.identity = Identity(person=person)
    info.context.loaders.board.forget_reader(person["_id"])


@strawberry.type
class CommunityMutations:
    @strawberry.mutation(description="Join an open community.")
    async def join_community(self, info: Info, community_id: strawberry.ID) -> Community:
        context = info.context
        person = await membership.join(
            context.db,
            context.require_person(),
            str(community_id),
            context.now(),
            context.settings.refresh_delay,
        )
        _as_now(info, person)
        return Community.from_doc(await membership.get_community(context.db, str(community_id)))

    @strawberry.mutation(description="Leave a community (a curated one: organizers add you back).")
    async def leave_community(self, info: Info, community_id: strawberry.ID) -> Community:
        context = info.context
        person = await membership.leave(
            context.db,
            context.require_person(),
            str(community_id),
            context.now(),
            context.settings.refresh_delay,
        )
        _as_now(info, person)
        return Community.from_doc(await membership.get_community(context.db, str(community_id)))

    @strawberry.mutation(
        description="Push this community's new posts and replies to your phones, or stop. "
        "They reach your inbox either way; replies to you are always pushed."
    )
    async def set_community_push(
        self, info: Info, community_id: strawberry.ID, push: bool
    ) -> Community:
        context = info.context
        person = await membership.set_push(
            context.db, context.require_person(), str(community_id), push
        )
        _as_now(info, person)
        return Community.from_doc(await membership.get_community(context.db, str(community_id)))

    @strawberry.mutation(
        description="Open a community to anyone, or make it curated. Organizers only."
    )
    async def set_community_open(
        self, info: Info, community_id: strawberry.ID, open: bool
    ) -> Community:
        info.context.require_organizer()
        return Community.from_doc(
            await membership.set_open(info.context.db, str(community_id), open)
        )

    @strawberry.mutation(description="Add someone to a community. Organizers only.")
    async def add_community_member(
        self, info: Info, community_id: strawberry.ID, person_id: strawberry.ID
    ) -> Community:
        return await _curate(info, community_id, person_id, member=True)

    @strawberry.mutation(description="Remove someone from a community. Organizers only.")
    async def remove_community_member(
        self, info: Info, community_id: strawberry.ID, person_id: strawberry.ID
    ) -> Community:
        return await _curate(info, community_id, person_id, member=False)


async def _curate(
    info: Info, community_id: strawberry.ID, person_id: strawberry.ID, member: bool
) -> Community:
    context = info.context
    context.require_organizer()
    doc = await membership.curate(
        context.db,
        str(community_id),
        str(person_id),
        member,
        context.now(),
        context.settings.refresh_delay,
    )
    return Community.from_doc(doc)
