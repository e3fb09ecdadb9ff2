"""GraphQL types of the account."""

from __future__ import annotations

import strawberry

from server.schema.people.types import Person


@strawberry.type
class AuthPayload:
    token: str = strawberry.field(description="Send as `Authorization: Bearer <token>`.")
    person: Person
