"""Editing one's own profile."""

from __future__ import annotations

import strawberry

from server.schema.common import IntentKind
from server.schema.context import Info
from server.schema.people.types import Person
from server.services.people.profiles import ProfileChanges, update_profile


@strawberry.input
class ProfileInput:
    name: str | None = None
    headline: str | None = strawberry.field(default=None, description="Empty string clears it.")
    interest_ids: list[strawberry.ID] | None = None
    seeking: list[IntentKind] | None = None
    offering: list[IntentKind] | None = None
    open_to_competitors: bool | None = None
    listed: bool | None = strawberry.field(
        default=None, description="Opt in to (or out of) the directory and matchmaking."
    )

    def to_changes(self) -> ProfileChanges:
        return ProfileChanges(
            name=self.name,
            headline=self.headline,
            interest_ids=[str(item) for item in self.interest_ids]
            if self.interest_ids is not None
            else None,
            seeking=self.seeking,
            offering=self.offering,
            open_to_competitors=self.open_to_competitors,
            listed=self.listed,
        )


@strawberry.type
class PeopleMutations:
    @strawberry.mutation(description="Change your own profile; omitted fields stay as they are.")
    async def update_profile(self, info: Info, input: ProfileInput) -> Person:
        person = info.context.require_person()
        context = info.context
        updated = await update_profile(
            context.db, person, input.to_changes(), context.now(), context.settings.refresh_delay
        )
        return Person.from_doc(updated)
