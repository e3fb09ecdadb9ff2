"""What collaboration tells matchmaking: a project's members share it as a community; an open
board challenge's interests, and an open project's forms, are what its people seek."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from server.db.client import Database
from server.db.collections import INTERESTS, POSTS, PROJECTS
from server.matchmaking.suggestions.records import DEFAULT_INTENT_PHRASES, IntentPhrase, Profile

OPEN_BOARD_CHALLENGES = {
    "kind": "CHALLENGE",
    "where": "board",
    "reply_to_id": None,
    "closed_at": None,
    "author_id": {"$ne": None},
}


def challenge_intent(interest_id: str) -> str:
    return f"challenge:{interest_id}"


def project_community(project_id: str) -> str:
    return f"project:{project_id}"


def project_intent(project_id: str, form: str) -> str:
    return f"project:{project_id}:{form}"


@dataclass(frozen=True)
class Signals:
    """Per person, the project communities and the intents their challenges and projects seek;
    the intents offered by whoever works on an interest (or offers a form) and offers help; the
    names and phrases their reasons use."""

    communities: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    seeking: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    offered_with_interest: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    offered_with_form: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    community_names: Mapping[str, str] = field(default_factory=dict)
    intent_phrases: Mapping[str, IntentPhrase] = field(default_factory=dict)

    def extend(self, profile: Profile) -> Profile:
        """The profile with these signals; the very same profile when none applies to it."""
        offered: list[str] = []
        if profile.offering:  # offering help at all: with what you work on, and what you offer
            for interest in profile.interest_ids:
                offered += self.offered_with_interest.get(interest, ())
            for form in profile.offering:
                offered += self.offered_with_form.get(form, ())
        communities = self.communities.get(profile.id, ())
        seeking = self.seeking.get(profile.id, ())
        if not (offered or communities or seeking):
            return profile
        return replace(
            profile,
            community_ids=_merged(profile.community_ids, communities),
            seeking=_merged(profile.seeking, seeking),
            offering=_merged(profile.offering, offered),
        )


def _merged(first: Iterable[str], more: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*first, *more]))


def _challenge_phrase(label: str) -> IntentPhrase:
    return IntentPhrase(
        f"help with {label}",
        "it",
        when_you_seek=f"you posted a challenge about {label} that they offer help with",
        when_they_seek=f"they posted a challenge about {label} that you offer help with",
    )


def _project_phrase(title: str, form: str) -> IntentPhrase:
    base = DEFAULT_INTENT_PHRASES.get(form, IntentPhrase(form.lower().replace("_", " "), "it"))
    return IntentPhrase(
        base.noun,
        base.pronoun,
        when_you_seek=f"your project “{title}” looks for {base.noun} and they offer {base.pronoun}",
        when_they_seek=f"their project “{title}” looks for {base.noun} and you offer "
        f"{base.pronoun}",
    )


async def load_signals(db: Database) -> Signals:
    communities: dict[str, list[str]] = defaultdict(list)
    seeking: dict[str, list[str]] = defaultdict(list)
    by_form: dict[str, list[str]] = defaultdict(list)
    names: dict[str, str] = {}
    phrases: dict[str, IntentPhrase] = {}
    async for project in db[PROJECTS.name].find({"closed_at": None}).sort("_id", 1):
        community = project_community(project["_id"])
        names[community] = f"the project “{project['title']}”"
        members = [m["person_id"] for m in project["members"] if m["status"] == "MEMBER"]
        for form in project.get("forms", []):
            intent = project_intent(project["_id"], form)
            phrases[intent] = _project_phrase(project["title"], form)
            by_form[form].append(intent)
            for member in members:
                seeking[member].append(intent)
        for member in members:
            communities[member].append(community)
    challenged: dict[str, set[str]] = defaultdict(set)
    async for post in db[POSTS.name].find(
        OPEN_BOARD_CHALLENGES, {"author_id": 1, "interest_ids": 1}
    ):
        for interest in post.get("interest_ids", []):
            challenged[interest].add(post["author_id"])
    labels = {
        doc["_id"]: doc["label"]
        async for doc in db[INTERESTS.name].find({"_id": {"$in": sorted(challenged)}}, {"label": 1})
    }
    by_interest: dict[str, list[str]] = {}
    for interest in sorted(challenged):
        intent = challenge_intent(interest)
        phrases[intent] = _challenge_phrase(labels.get(interest, interest))
        by_interest[interest] = [intent]
        for author in sorted(challenged[interest]):
            seeking[author].append(intent)
    return Signals(
        communities={person: tuple(ids) for person, ids in communities.items()},
        seeking={person: tuple(ids) for person, ids in seeking.items()},
        offered_with_interest={i: tuple(ids) for i, ids in by_interest.items()},
        offered_with_form={form: tuple(ids) for form, ids in by_form.items()},
        community_names=names,
        intent_phrases=phrases,
    )
