"""The closed vocabularies of the domain: roles, sectors, intents, locations, meetings, leads,
platforms and notification kinds."""

from __future__ import annotations

from enum import Enum


class Role(Enum):
    ATTENDEE = "ATTENDEE"
    EXHIBITOR = "EXHIBITOR"
    SPEAKER = "SPEAKER"
    ORGANIZER = "ORGANIZER"


class Sector(Enum):
    VENDOR = "VENDOR"
    PROVIDER = "PROVIDER"
    SERVICE_ORGANIZATION = "SERVICE_ORGANIZATION"
    PRIVATE_PRACTICE = "PRIVATE_PRACTICE"
    ACADEMIC = "ACADEMIC"
    EDUCATION = "EDUCATION"
    NONPROFIT = "NONPROFIT"
    GOVERNMENT = "GOVERNMENT"
    PAYER = "PAYER"
    OTHER = "OTHER"


class IntentKind(Enum):
    CROSS_REFERRAL = "CROSS_REFERRAL"
    SHARE_INFORMATION = "SHARE_INFORMATION"
    JOINT_RESEARCH = "JOINT_RESEARCH"
    PATIENT_RECRUITMENT = "PATIENT_RECRUITMENT"
    EDUCATION_TRAINING = "EDUCATION_TRAINING"
    JOINT_PROJECT = "JOINT_PROJECT"
    CARE_HANDOFF = "CARE_HANDOFF"
    MENTORSHIP = "MENTORSHIP"
    PARTNERSHIP = "PARTNERSHIP"
    PROCUREMENT = "PROCUREMENT"


class LocationKind(Enum):
    TABLE = "TABLE"
    BOOTH = "BOOTH"
    ROOM = "ROOM"


class MeetingStatus(Enum):
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    CANCELLED = "CANCELLED"
    EXPIRED = "EXPIRED"  # a request nobody answered in time


class MeetingSource(Enum):
    REQUEST = "REQUEST"
    MUTUAL_INTEREST = "MUTUAL_INTEREST"
    SPEED_NETWORKING = "SPEED_NETWORKING"


class LeadSource(Enum):
    BADGE_SCAN = "BADGE_SCAN"
    MEETING = "MEETING"


class ScheduleMode(Enum):
    MUTUAL_INTEREST = "MUTUAL_INTEREST"  # pairs where both said they want to meet
    SPEED_NETWORKING = "SPEED_NETWORKING"  # pairs from the matchmaking suggestions


class Platform(Enum):
    IOS = "IOS"
    ANDROID = "ANDROID"
    WEB = "WEB"


class NotificationKind(Enum):
    MEETING_REQUEST = "MEETING_REQUEST"
    MEETING_ACCEPTED = "MEETING_ACCEPTED"
    MEETING_DECLINED = "MEETING_DECLINED"
    MEETING_CANCELLED = "MEETING_CANCELLED"
    MEETING_RESCHEDULED = "MEETING_RESCHEDULED"
    MEETING_EXPIRED = "MEETING_EXPIRED"  # a request (or proposed time) nobody answered in time
    MEETING_REMINDER = "MEETING_REMINDER"
    ANNOUNCEMENT = "ANNOUNCEMENT"
    NEW_SUGGESTIONS = "NEW_SUGGESTIONS"
    POST_REPLY = "POST_REPLY"  # a reply to your post
    KUDOS = "KUDOS"  # someone gave kudos to your post
    PROJECT_INVITE = "PROJECT_INVITE"
    COMMUNITY_POST = "COMMUNITY_POST"  # a new post or reply in a community you belong to
    PROJECT_POST = "PROJECT_POST"  # a new post or reply on a project you are a member of
    MESSAGE = "MESSAGE"  # a message from a connection
    INTRODUCTION = "INTRODUCTION"  # someone introduced you to a person (or asks to)
    FOLLOW_UP_REMINDER = "FOLLOW_UP_REMINDER"  # how did the meeting go? (an hour after it)


class PostKind(Enum):
    UPDATE = "UPDATE"
    QUESTION = "QUESTION"
    SUCCESS = "SUCCESS"  # a collaboration that worked
    CHALLENGE = "CHALLENGE"  # a problem looking for partners


class ProjectMemberStatus(Enum):
    INVITED = "INVITED"
    MEMBER = "MEMBER"


class MeetingOutcome(Enum):
    MET = "MET"
    NO_SHOW = "NO_SHOW"  # private to whoever records it


class IntroductionStatus(Enum):
    PENDING = "PENDING"  # waits for the acceptance of an unlisted person introduced
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
