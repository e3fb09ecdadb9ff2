"""The GraphQL schema, composed from one package per domain."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable
from contextlib import aclosing
from typing import Any

from graphql.error import GraphQLError, GraphQLSyntaxError
from strawberry import Schema
from strawberry.extensions import (
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.schema.schema import StreamResult
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext as StrawberryExecutionContext
from strawberry.types import ExecutionResult

from server.config import Settings
from server.schema.account.mutations import AccountMutations
from server.schema.account.queries import AccountQueries
from server.schema.agenda.mutations import AgendaMutations
from server.schema.agenda.queries import AgendaQueries
from server.schema.announcements.mutations import AnnouncementMutations
from server.schema.announcements.queries import AnnouncementQueries
from server.schema.availability.mutations import AvailabilityMutations
from server.schema.availability.queries import AvailabilityQueries
from server.schema.calendar.mutations import CalendarMutations
from server.schema.catalog.queries import CatalogQueries
from server.schema.errors import coded
from server.schema.event.queries import EventQueries
from server.schema.follow_ups.mutations import FollowUpMutations
from server.schema.follow_ups.queries import FollowUpQueries
from server.schema.introductions.mutations import IntroductionMutations
from server.schema.introductions.queries import IntroductionQueries
from server.schema.leads.mutations import LeadMutations
from server.schema.leads.queries import LeadQueries
from server.schema.matchmaking.mutations import MatchmakingMutations
from server.schema.matchmaking.queries import MatchmakingQueries
from server.schema.meeting_grid.mutations import MeetingGridMutations
from server.schema.meeting_grid.queries import MeetingGridQueries
from server.schema.meetings.mutations import MeetingMutations
from server.schema.meetings.queries import MeetingQueries
from server.schema.messages.mutations import MessageMutations
from server.schema.messages.queries import MessageQueries
from server.schema.notifications.mutations import NotificationMutations
from server.schema.notifications.queries import NotificationQueries
from server.schema.notifications.subscriptions import NotificationSubscriptions
from server.schema.organizations.queries import OrganizationQueries
from server.schema.people.mutations import PeopleMutations
from server.schema.people.queries import PeopleQueries
from server.schema.scheduling.mutations import SchedulingMutations
from server.schema.scheduling.queries import SchedulingQueries

Query = merge_types(
    "Query",
    (
        EventQueries,
        PeopleQueries,
        CatalogQueries,
        OrganizationQueries,
        AgendaQueries,
        MatchmakingQueries,
        AccountQueries,
        MeetingQueries,
        AvailabilityQueries,
        MeetingGridQueries,
        LeadQueries,
        SchedulingQueries,
        NotificationQueries,
        AnnouncementQueries,
        MessageQueries,
        IntroductionQueries,
        FollowUpQueries,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        AccountMutations,
        PeopleMutations,
        AgendaMutations,
        MatchmakingMutations,
        MeetingMutations,
        AvailabilityMutations,
        MeetingGridMutations,
        CalendarMutations,
        LeadMutations,
        SchedulingMutations,
        NotificationMutations,
        AnnouncementMutations,
        MessageMutations,
        IntroductionMutations,
        FollowUpMutations,
    ),
)
Subscription = merge_types("Subscription", (NotificationSubscriptions,))


def _closes_socket(error: GraphQLError) -> bool:
    """Errors for which graphql-transport-ws closes the socket (4400) instead of answering."""
    return isinstance(error, GraphQLSyntaxError) or (
        type(error.original_error).__name__ == "CannotGetOperationTypeError"
    )


async def _coded_stream(results: StreamResult) -> AsyncGenerator[Any, None]:
    async with aclosing(results):
        async for result in results:
            if isinstance(result, ExecutionResult) and result.errors:
                result.errors = [
                    error if _closes_socket(error) else coded(error) for error in result.errors
                ]
            yield result


class ExpoSchema(Schema):
    """Every error leaves with an `extensions.code`; unexpected ones are masked and logged.

    This wraps `execute` rather than using a masking extension: errors raised while parsing
    (syntax, the token limit) leave Strawberry's operation hooks before extensions see them.
    """

    async def execute(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        result = await super().execute(*args, **kwargs)
        if result.errors:
            result.errors = [coded(error) for error in result.errors]
        return result

    async def stream(self, *args: Any, **kwargs: Any) -> StreamResult:
        """Operations over WebSocket (subscriptions, and queries sent there) come this way."""
        return _coded_stream(await super().stream(*args, **kwargs))

    def process_errors(
        self,
        errors: list[GraphQLError],
        execution_context: StrawberryExecutionContext | None = None,
    ) -> None:
        """Errors are logged once, by `coded`, with their correlation id."""


def build_schema(settings: Settings) -> Schema:
    """Extensions are factories: each request gets fresh ones (the caches they use are shared)."""
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        lambda: ParserCache(maxsize=1024),
        lambda: QueryDepthLimiter(max_depth=settings.max_query_depth),
        lambda: MaxAliasesLimiter(max_alias_count=settings.max_aliases),
        lambda: ValidationCache(maxsize=1024),
    ]
    if settings.is_production:
        extensions.insert(0, DisableIntrospection)
    return ExpoSchema(
        query=Query, mutation=Mutation, subscription=Subscription, extensions=extensions
    )
