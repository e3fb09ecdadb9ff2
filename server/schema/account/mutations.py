"""Signing in, exporting one's data, deleting the account."""

from __future__ import annotations

import strawberry

from server.auth.identity import Identity
from server.schema.account.types import AuthPayload
from server.schema.context import Info
from server.schema.people.types import Person
from server.services.people.privacy import delete_account
from server.services.people.signin import sign_in


@strawberry.type
class AccountMutations:
    @strawberry.mutation(
        description="Sign in with the email and the badge code printed for the event."
    )
    async def sign_in(self, info: Info, email: str, code: str) -> AuthPayload:
        context = info.context
        services = context.services
        signed_in = await sign_in(
            services.db, services.settings, services.tokens,
            email=email, code=code, client_address=context.client_address, now=context.now(),
        )  # fmt: skip
        context.identity = Identity(person=signed_in.person)  # the rest of the request is theirs
        return AuthPayload(token=signed_in.token, person=Person.from_doc(signed_in.person))

    @strawberry.mutation(
        description="Erase your account and data; your token and badge code stop working."
    )
    async def delete_my_account(self, info: Info) -> bool:
        await delete_account(info.context.db, info.context.require_person(), info.context.now())
        return True
