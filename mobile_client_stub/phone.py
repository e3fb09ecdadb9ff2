"""One phone: a GraphQL session over HTTP (gql with httpx) that signs in, signs in again when
its session expires, waits out short rate limits, reports every call to an observer, and opens
its live inbox (the `notifications` subscription) on request."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

import httpx
from gql import Client, GraphQLRequest
from gql.client import AsyncClientSession
from gql.transport.exceptions import TransportError, TransportQueryError
from gql.transport.httpx import HTTPXAsyncTransport

from mobile_client_stub.documents import operations
from mobile_client_stub.errors import (
    RateLimited,
    TransportFailure,
    Unauthenticated,
    error_from,
)
from mobile_client_stub.live import LiveInbox, NoticeObserver
from mobile_client_stub.loopback import require_loopback

# operation name, seconds, error code (None when it succeeded)
CallObserver = Callable[[str, float, str | None], None]


@dataclass(frozen=True)
class Credentials:
    """What the app keeps to sign in again: the email and the badge's sign-in code."""

    email: str
    code: str


class Phone:
    def __init__(
        self,
        base_url: str,
        credentials: Credentials | None = None,
        *,
        timeout: float = 30.0,
        max_rate_limit_wait: float = 10.0,
        observe: CallObserver | None = None,
    ) -> None:
        self.base_url = require_loopback(base_url).rstrip("/")
        self.credentials = credentials
        self.max_rate_limit_wait = max_rate_limit_wait
        self.token: str | None = None
        self.person: dict[str, Any] | None = None
        self._observe = observe
        self.timeout = timeout
        self.inbox: LiveInbox | None = None
        self._transport = HTTPXAsyncTransport(url=f"{self.base_url}/graphql", timeout=timeout)
        self._client = Client(transport=self._transport, execute_timeout=timeout)
        self._session: AsyncClientSession | None = None

    async def __aenter__(self) -> Self:
        session = await self._client.connect_async()  # type: ignore[no-untyped-call]
        assert isinstance(session, AsyncClientSession)
        self._session = session
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.inbox is not None:
            await self.inbox.close()
        self._session = None
        await self._client.close_async()  # type: ignore[no-untyped-call]

    @property
    def person_id(self) -> str:
        assert self.person is not None, "sign in first"
        person_id: str = self.person["id"]
        return person_id

    async def sign_in(self) -> dict[str, Any]:
        assert self.credentials is not None, "this phone has no credentials"
        variables = {"email": self.credentials.email, "code": self.credentials.code}
        data = await self._execute_waiting("SignIn", variables, authorized=False)
        self.token = data["signIn"]["token"]
        self.person = data["signIn"]["person"]
        return self.person

    async def call(self, operation: str, **variables: Any) -> dict[str, Any]:
        """Run one of the client's operations; a failure raises the ApiError of its code."""
        if self.token is None and self.credentials is not None:
            await self.sign_in()
        try:
            data = await self._execute_waiting(operation, variables)
            if self.token is not None and "me" in data and data["me"] is None:
                raise Unauthenticated(operation, "`me` is null: the session ended", {})
            return data
        except Unauthenticated:
            if self.token is None or self.credentials is None:
                raise
            self.token = None  # expired or revoked: sign in again with the badge, once
            await self.sign_in()
            return await self._execute_waiting(operation, variables)

    def go_live(self, observe: NoticeObserver | None = None) -> LiveInbox:
        """Opens the live inbox; it stays open, reconnecting as needed, until the phone closes."""
        assert self.token is not None, "sign in first"
        if self.inbox is None:
            self.inbox = LiveInbox(self, observe)
            self.inbox.start()
        return self.inbox

    async def get(self, url: str) -> httpx.Response:
        """A plain GET on this machine, as the phone's calendar app fetches its feed."""
        assert self._transport.client is not None, "use the phone as an async context manager"
        response: httpx.Response = await self._transport.client.get(require_loopback(url))
        response.raise_for_status()
        return response

    async def _execute_waiting(
        self, operation: str, variables: dict[str, Any], authorized: bool = True
    ) -> dict[str, Any]:
        """`_execute`; after a rate limit short enough to wait out (sign-ins are the ones
        limited), waits as long as the server says and makes the call once more."""
        try:
            return await self._execute(operation, variables, authorized)
        except RateLimited as limited:
            if limited.retry_after_seconds > self.max_rate_limit_wait:
                raise
            await asyncio.sleep(limited.retry_after_seconds)
            return await self._execute(operation, variables, authorized)

    async def _execute(
        self, operation: str, variables: dict[str, Any], authorized: bool = True
    ) -> dict[str, Any]:
        assert self._session is not None, "use the phone as an async context manager"
        request = GraphQLRequest(
            operations()[operation], variable_values=variables or None, operation_name=operation
        )
        headers = {"Authorization": f"Bearer {self.token}"} if authorized and self.token else {}
        started, code = time.perf_counter(), None
        try:
            return await self._session.execute(request, extra_args={"headers": headers})
        except TransportQueryError as failure:
            error = error_from(operation, (failure.errors or [{}])[0])
            code = error.code
            raise error from None
        except TransportError as failure:
            code = "TRANSPORT"
            cause = failure.__cause__ or failure
            message = f"{operation}: {type(cause).__name__}: {cause}"
            raise TransportFailure(message, code) from failure
        except TimeoutError as failure:
            code = "TIMEOUT"
            raise TransportFailure(
                f"{operation}: no answer in {self.timeout:g} s", code
            ) from failure
        finally:
            if self._observe is not None:
                self._observe(operation, time.perf_counter() - started, code)
