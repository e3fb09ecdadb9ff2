"""The app starts against the real database and answers health checks and GraphQL."""

from __future__ import annotations

from tests.support.graphql import GraphQLClient
from tests.support.live import LiveApp


async def test_health_and_readiness_answer_json(api: GraphQLClient) -> None:
    assert (await api.http.get("/healthz")).json() == {"status": "ok"}
    ready = await api.http.get("/readyz")
    assert (ready.status_code, ready.json()) == (200, {"status": "ready", "database": "ok"})


async def test_event_without_setup_is_not_found(api: GraphQLClient, live_app: LiveApp) -> None:
    result = await api.execute("{ event { name } }")
    assert result["errors"][0]["extensions"] == {"code": "NOT_FOUND"}
