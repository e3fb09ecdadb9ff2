"""Posting and replying, kudos, reporting, deleting, closing a challenge."""

from __future__ import annotations

import strawberry

from server.schema.board.types import Post
from server.schema.context import Info
from server.services.board import moderation
from server.services.board.kudos import give_kudos
from server.services.board.posting import PostDraft, PostingRules, create_post
from server.vocabulary import PostKind


@strawberry.input
class PostInput:
    kind: PostKind
    body: str = strawberry.field(
        description="Plain text, at most 2,000 characters. Never share patient information."
    )
    interest_ids: list[strawberry.ID] | None = None
    community_id: strawberry.ID | None = strawberry.field(
        default=None, description="Post in a community you belong to."
    )
    project_id: strawberry.ID | None = strawberry.field(
        default=None, description="Post on a project you are a member of."
    )
    reply_to_id: strawberry.ID | None = None
    confirm_no_patient_data: bool = strawberry.field(
        default=False,
        description="The author confirms that a body which looks like it holds a phone number, "
        "an email address or a medical record number is not about a patient.",
    )

    def to_draft(self) -> PostDraft:
        def text(value: strawberry.ID | None) -> str | None:
            return str(value) if value is not None else None

        return PostDraft(
            kind=self.kind,
            body=self.body,
            interest_ids=[str(value) for value in self.interest_ids or []],
            community_id=text(self.community_id),
            project_id=text(self.project_id),
            reply_to_id=text(self.reply_to_id),
            confirm_no_patient_data=self.confirm_no_patient_data,
        )


@strawberry.type
class BoardMutations:
    @strawberry.mutation(description="Post on the board, in a community, on a project; or reply.")
    async def create_post(self, info: Info, input: PostInput) -> Post:
        context = info.context
        settings = context.settings
        rules = PostingRules(
            settings.posts_max_per_window, settings.posts_window_seconds, settings.refresh_delay
        )
        doc = await create_post(
            context.db, context.require_person(), input.to_draft(), context.now(), rules
        )
        return Post.from_doc(doc)

    @strawberry.mutation(description="The author, or an organizer (moderation), deletes a post.")
    async def delete_post(self, info: Info, post_id: strawberry.ID) -> bool:
        context = info.context
        await moderation.delete_post(
            context.db,
            context.require_person(),
            str(post_id),
            context.now(),
            context.settings.refresh_delay,
        )
        return True

    @strawberry.mutation(description="Tell the organizers that a post breaks the rules.")
    async def report_post(self, info: Info, post_id: strawberry.ID, reason: str) -> bool:
        context = info.context
        await moderation.report_post(
            context.db, context.require_person(), str(post_id), reason, context.now()
        )
        return True

    @strawberry.mutation(description="One per person and post; the author is told.")
    async def give_kudos(self, info: Info, post_id: strawberry.ID) -> Post:
        context = info.context
        doc = await give_kudos(context.db, context.require_person(), str(post_id), context.now())
        return Post.from_doc(doc)

    @strawberry.mutation(
        description="Mark your challenge solved or withdrawn (organizers: anyone's)."
    )
    async def close_challenge(self, info: Info, post_id: strawberry.ID) -> Post:
        context = info.context
        doc = await moderation.close_challenge(
            context.db,
            context.require_person(),
            str(post_id),
            context.now(),
            context.settings.refresh_delay,
        )
        return Post.from_doc(doc)
