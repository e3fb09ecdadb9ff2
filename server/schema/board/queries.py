"""Reading the board, one post, and (organizers) the reports."""

from __future__ import annotations

import strawberry

from server.schema.board.types import (
    DEFAULT_FIRST,
    Post,
    PostConnection,
    PostReport,
    page_first,
)
from server.schema.context import Info
from server.services.board.moderation import list_reports
from server.services.board.reading import board_page, read_post
from server.vocabulary import PostKind


@strawberry.type
class BoardQueries:
    @strawberry.field(
        description="The event-wide board, newest first: updates, questions, successes and "
        "challenges. For people listed in the directory (and organizers)."
    )
    async def board(
        self,
        info: Info,
        kind: PostKind | None = None,
        interest_id: strawberry.ID | None = None,
        first: int | None = DEFAULT_FIRST,
        after: str | None = None,
    ) -> PostConnection:
        viewer = info.context.require_person()
        reader = await info.context.loaders.board.reader(viewer)
        interest = str(interest_id) if interest_id is not None else None
        page = await board_page(info.context.db, reader, kind, interest, page_first(first), after)
        return PostConnection.from_page(page)

    @strawberry.field(description="One post or reply you may see.")
    async def post(self, info: Info, id: strawberry.ID) -> Post:
        viewer = info.context.require_person()
        reader = await info.context.loaders.board.reader(viewer)
        return Post.from_doc(await read_post(info.context.db, reader, str(id)))

    @strawberry.field(description="Reported posts, newest report first. Organizers only.")
    async def post_reports(self, info: Info, first: int = 50) -> list[PostReport]:
        info.context.require_organizer()
        return [PostReport.from_doc(doc) for doc in await list_reports(info.context.db, first)]
