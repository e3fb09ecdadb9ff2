"""Input records of the suggestion engine: profiles, display names and weights."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True)
class Profile:
    """One person at the event, as the engine sees them.

    `segments` are the market segments of the person's organization: two people whose
    organizations share a segment (and are different organizations) are competitors.
    `listed=False` hides the person from everybody's list; they still get a list of their own.
    """

    id: str
    organization_id: str | None
    sector: str | None
    segments: tuple[str, ...]
    interest_ids: tuple[str, ...]
    seeking: tuple[str, ...]
    offering: tuple[str, ...]
    community_ids: tuple[str, ...]
    open_to_competitors: bool
    listed: bool = True


@dataclass(frozen=True)
class IntentPhrase:
    """How an intent kind reads in a sentence: "you seek {noun} and they offer {pronoun}".

    An intent that stands for something a person did (a challenge they posted) gives its own
    clauses instead: `when_you_seek` when the viewer seeks it, `when_they_seek` when the other
    person does ("they posted a challenge about alarm fatigue that you offer help with").
    """

    noun: str
    pronoun: str
    when_you_seek: str | None = None
    when_they_seek: str | None = None


DEFAULT_INTENT_PHRASES: Mapping[str, IntentPhrase] = MappingProxyType(
    {
        "CROSS_REFERRAL": IntentPhrase("a cross-referral partner", "one"),
        "SHARE_INFORMATION": IntentPhrase("information sharing", "it"),
        "JOINT_RESEARCH": IntentPhrase("a joint research partner", "one"),
        "PATIENT_RECRUITMENT": IntentPhrase("help with patient recruitment", "it"),
        "EDUCATION_TRAINING": IntentPhrase("education and training", "it"),
        "JOINT_PROJECT": IntentPhrase("a joint project", "one"),
        "CARE_HANDOFF": IntentPhrase("a care handoff partner", "one"),
        "MENTORSHIP": IntentPhrase("mentorship", "it"),
        "PARTNERSHIP": IntentPhrase("a business partnership", "one"),
        "PROCUREMENT": IntentPhrase("a procurement opportunity", "one"),
    }
)

DEFAULT_SECTOR_PHRASES: Mapping[str, str] = MappingProxyType(
    {
        "VENDOR": "a vendor",
        "PROVIDER": "a hospital or health system",
        "SERVICE_ORGANIZATION": "a service organization",
        "PRIVATE_PRACTICE": "a private practice",
        "ACADEMIC": "an academic institution",
        "EDUCATION": "an education provider",
        "NONPROFIT": "a nonprofit",
        "GOVERNMENT": "a government body",
        "PAYER": "a payer",
        "OTHER": "an organization outside these sectors",
    }
)


@dataclass(frozen=True)
class Catalog:
    """Display names used in reasons; unknown ids fall back to the id itself."""

    interest_labels: Mapping[str, str] = field(default_factory=dict)
    community_names: Mapping[str, str] = field(default_factory=dict)
    intent_phrases: Mapping[str, IntentPhrase] = field(
        default_factory=lambda: DEFAULT_INTENT_PHRASES
    )
    sector_phrases: Mapping[str, str] = field(default_factory=lambda: DEFAULT_SECTOR_PHRASES)

    def interest(self, interest_id: str) -> str:
        return self.interest_labels.get(interest_id, interest_id)

    def community(self, community_id: str) -> str:
        return self.community_names.get(community_id, community_id)

    def intent(self, kind: str) -> IntentPhrase:
        fallback = IntentPhrase(kind.lower().replace("_", " "), "it")
        return self.intent_phrases.get(kind, fallback)

    def sector(self, sector: str) -> str:
        return self.sector_phrases.get(sector, sector.lower().replace("_", " "))


@dataclass(frozen=True)
class Weights:
    """How much each signal adds to a pair's score (an event setting).

    Shared interests, complementary intents and shared communities create a match; coopetition
    (scaled by the shared-interest similarity) and cross-sector only add to a pair that already
    has one of those.
    """

    shared_interest: float = 1.0
    complementary_intent: float = 0.8
    coopetition: float = 0.3
    cross_sector: float = 0.2
    shared_community: float = 0.4

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            if not value >= 0.0:
                raise ValueError(f"weight {name} must be a non-negative number, got {value}")
