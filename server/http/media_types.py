"""GraphQL over HTTP's media types: `application/graphql-response+json` for clients that ask."""

from __future__ import annotations

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"


def accepts_graphql_response(accept: str) -> bool:
    """Whether an Accept header lists `application/graphql-response+json` (and not with q=0)."""
    for part in accept.lower().split(","):
        media_type, *parameters = (piece.strip() for piece in part.split(";"))
        if media_type == GRAPHQL_RESPONSE:
            weights = [p.removeprefix("q=").strip() for p in parameters if p.startswith("q=")]
            return not weights or _weight(weights[0]) > 0
    return False


def _weight(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 1.0
