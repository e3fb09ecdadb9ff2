"""The command refuses targets off this machine and unbounded swarms before sending anything."""

from __future__ import annotations

import pytest

from mobile_client_stub.__main__ import main
from mobile_client_stub.loopback import NotLoopback, is_loopback_host
from mobile_client_stub.phone import Phone

REFUSED = "sends traffic only to this machine"


@pytest.mark.parametrize(
    "argv",
    [
        ["demo", "--url", "http://10.0.0.5:8000"],
        ["swarm", "--url", "http://192.168.1.20:8000", "--phones", "2", "--minutes", "1"],
        ["swarm", "--url", "https://expo.example.org", "--phones", "2", "--minutes", "1"],
    ],
)
def test_targets_off_this_machine_are_refused(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert REFUSED in capsys.readouterr().err


@pytest.mark.parametrize(
    ("phones", "minutes", "message"),
    [
        ("0", "1", "--phones must be between 1 and 2000"),
        ("2001", "1", "--phones must be between 1 and 2000"),
        ("10", "0", "--minutes must be more than 0 and at most 30"),
        ("10", "31", "--minutes must be more than 0 and at most 30"),
    ],
)
def test_swarm_is_bounded_in_phones_and_minutes(
    phones: str, minutes: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["swarm", "--phones", phones, "--minutes", minutes]) == 2
    assert capsys.readouterr().err.strip() == message


def test_a_phone_refuses_a_server_off_this_machine() -> None:
    with pytest.raises(NotLoopback):
        Phone("http://172.16.0.9:8000")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.8.9.10", True), ("::1", True), ("LOCALHOST", True),
     ("10.0.0.1", False), ("0.0.0.0", False), ("expo.example.org", False),
     ("localhost.example.org", False)],
)  # fmt: skip
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback_host(host) is loopback
