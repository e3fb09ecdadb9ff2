"""The GraphQL schema, composed from one package per domain."""

from __future__ import annotations

from strawberry import Schema
from strawberry.tools import merge_types

from server.config import Settings
from server.schema.account.mutations import AccountMutations
from server.schema.account.queries import AccountQueries
from server.schema.agenda.mutations import AgendaMutations
from server.schema.agenda.queries import AgendaQueries
from server.schema.announcements.mutations import AnnouncementMutations
from server.schema.announcements.queries import AnnouncementQueries
from server.schema.availability.mutations import AvailabilityMutations
from server.schema.availability.queries import AvailabilityQueries
from server.schema.board.mutations import BoardMutations
from server.schema.board.queries import BoardQueries
from server.schema.calendar.mutations import CalendarMutations
from server.schema.catalog.queries import CatalogQueries
from server.schema.community.mutations import CommunityMutations
from server.schema.community.queries import CommunityQueries
from server.schema.event.queries import EventQueries
from server.schema.expo_schema import ExpoSchema
from server.schema.extensions import schema_extensions
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
from server.schema.progress.queries import ProgressQueries
from server.schema.projects.mutations import ProjectMutations
from server.schema.projects.queries import ProjectQueries
from server.schema.scheduling.mutations import SchedulingMutations
from server.schema.scheduling.queries import SchedulingQueries
from server.schema.stats.queries import StatsQueries

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
        ProgressQueries,
        StatsQueries,
        CommunityQueries,
        BoardQueries,
        ProjectQueries,
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
        CommunityMutations,
        BoardMutations,
        ProjectMutations,
        MessageMutations,
        IntroductionMutations,
        FollowUpMutations,
    ),
)
Subscription = merge_types("Subscription", (NotificationSubscriptions,))


def build_schema(settings: Settings) -> Schema:
    return ExpoSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=schema_extensions(settings),
    )
