"""Column names and closed vocabularies of the seed files, shared by the generator and its tests."""

from __future__ import annotations

from pathlib import Path

DEMO_DIR = Path(__file__).parent / "demo_expo"
LIST_SEPARATOR = ";"

PEOPLE_COLUMNS = (
    "email", "name", "role", "organization", "headline", "interests", "seeking", "offering",
    "open_to_competitors", "listed", "communities", "badge_code",
)  # fmt: skip
# The generator appends these so that a large file carries its own organizations.
ORGANIZATION_COLUMNS_IN_PEOPLE = ("organization_sector", "organization_segments", "booth")
GENERATED_PEOPLE_COLUMNS = PEOPLE_COLUMNS + ORGANIZATION_COLUMNS_IN_PEOPLE

INTERESTS_COLUMNS = ("id", "label", "category")
ORGANIZATIONS_COLUMNS = ("id", "name", "sector", "segments", "booth")
COMMUNITIES_COLUMNS = ("id", "name", "description")
LOCATIONS_COLUMNS = ("id", "name", "kind")

ROLES = ("ATTENDEE", "EXHIBITOR", "SPEAKER", "ORGANIZER")
SECTORS = (
    "VENDOR", "PROVIDER", "SERVICE_ORGANIZATION", "PRIVATE_PRACTICE", "ACADEMIC", "EDUCATION",
    "NONPROFIT", "GOVERNMENT", "PAYER", "OTHER",
)  # fmt: skip
INTENT_KINDS = (
    "CROSS_REFERRAL", "SHARE_INFORMATION", "JOINT_RESEARCH", "PATIENT_RECRUITMENT",
    "EDUCATION_TRAINING", "JOINT_PROJECT", "CARE_HANDOFF", "MENTORSHIP", "PARTNERSHIP",
    "PROCUREMENT",
)  # fmt: skip
LOCATION_KINDS = ("TABLE", "BOOTH", "ROOM")
