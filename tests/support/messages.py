"""The GraphQL operations of messages, introductions and follow-ups, and short ways to connect
two people of the test's expo."""

from __future__ import annotations

from typing import Any

from tests.support.meetings import Expo

SEND = """mutation($to: ID!, $body: String!, $clientId: String) {
  sendMessage(toPersonId: $to, body: $body, clientMessageId: $clientId) {
    id body cursor clientMessageId readAt from { name } to { name } } }"""
CONVERSATION = """query($with: ID!, $last: Int, $before: String) {
  conversation(withPersonId: $with) {
    unreadCount with { name } lastMessage { body from { name } }
    messages(last: $last, before: $before) { body cursor readAt from { name } } } }"""
CONVERSATIONS = """query($first: Int) {
  conversations(first: $first) { with { name } unreadCount lastMessage { body } } }"""
MARK_READ = "mutation($with: ID!) { markConversationRead(withPersonId: $with) }"
INTEREST = "mutation($id: ID!) { expressInterest(personId: $id) { mutual } }"
INBOX = "{ notifications { kind title body aboutPersonId subjectId readAt } }"
INTRODUCE = """mutation($person: ID!, $to: ID!, $note: String) {
  introduce(personId: $person, toPersonId: $to, note: $note) {
    id status note waitingForYou by { name } person { name } to { name } } }"""
RESPOND_INTRODUCTION = """mutation($id: ID!, $accept: Boolean!) {
  respondToIntroduction(introductionId: $id, accept: $accept) { id status waitingForYou } }"""
MY_INTRODUCTIONS = """{ myIntroductions {
  status waitingForYou by { name } person { name } to { name } } }"""
SUGGESTIONS = "{ suggestions { person { name } reasons { kind detail } } }"
BLOCK = "mutation($id: ID!) { blockPerson(personId: $id) }"


async def mutual(expo: Expo, one: str, other: str) -> None:
    """Each says they want to meet the other: a mutual interest connects them."""
    await expo.data(one, INTEREST, id=expo.id(other))
    said = await expo.data(other, INTEREST, id=expo.id(one))
    assert said == {"expressInterest": {"mutual": True}}


async def send(expo: Expo, sender: str, to: str, body: str, client_id: str | None = None) -> Any:
    """The whole result of sending (data or errors)."""
    return await expo.run(sender, SEND, to=expo.id(to), body=body, clientId=client_id)


async def sent(expo: Expo, sender: str, to: str, body: str) -> dict[str, Any]:
    """A message that must go."""
    message: dict[str, Any] = (await expo.data(sender, SEND, to=expo.id(to), body=body))[
        "sendMessage"
    ]
    return message
