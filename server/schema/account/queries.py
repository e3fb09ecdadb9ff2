"""Reading everything stored about oneself."""

from __future__ import annotations

from typing import cast

import strawberry
from strawberry.scalars import JSON

from server.schema.context import Info
from server.services.people.privacy import export_personal_data


@strawberry.type
class AccountQueries:
    @strawberry.field(description="Everything stored about you, by collection, as JSON.")
    async def export_my_data(self, info: Info) -> JSON:
        person = info.context.require_person()
        return cast(JSON, await export_personal_data(info.context.db, person["_id"]))
