"""The stub talks only to this machine: loopback addresses and `localhost`, nothing else."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


class NotLoopback(ValueError):
    """A target outside this machine, refused before any traffic is sent."""


def is_loopback_host(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a name other than localhost: never resolved, never a target
        return False


def require_loopback(url: str) -> str:
    """The URL, if it points at this machine (127.0.0.0/8, ::1 or localhost)."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https", "ws", "wss"} or not parts.hostname:
        raise NotLoopback(f"Not an http(s) or ws(s) URL: {url!r}.")
    if not is_loopback_host(parts.hostname):
        raise NotLoopback(
            f"Refusing {url}: the mobile client stub sends traffic only to this machine "
            "(127.0.0.0/8, [::1] or localhost). Run the server locally and point the stub at it."
        )
    return url
