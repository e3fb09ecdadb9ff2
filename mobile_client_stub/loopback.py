"""The stub talks only to this machine: loopback addresses and `localhost`, nothing else; the
import it runs writes only to a database on this machine."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from pymongo.errors import ConfigurationError, InvalidURI
from pymongo.uri_parser import parse_uri


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


def require_loopback_database(uri: str) -> str:
    """The MongoDB URI, if every host in it is on this machine (127.0.0.0/8, ::1, localhost, or
    a Unix socket). The message names the hosts, never the URI, which may hold a password."""
    if not uri.startswith("mongodb://"):
        raise NotLoopback(
            "Refusing MONGODB_URI: only mongodb:// with hosts on this machine is allowed "
            "(a mongodb+srv:// URI takes its hosts from DNS). Unset it to use DATA_DIR."
        )
    try:
        nodes: list[tuple[str, int | None]] = parse_uri(uri)["nodelist"]
    except (InvalidURI, ConfigurationError, ValueError) as bad:
        raise NotLoopback(f"Refusing MONGODB_URI: it does not parse ({bad}).") from None
    outside = [host for host, _ in nodes if not (host.endswith(".sock") or is_loopback_host(host))]
    if outside or not nodes:
        raise NotLoopback(
            f"Refusing MONGODB_URI with {', '.join(outside) or 'no host'}: the mobile client "
            "stub imports people only into a database on this machine (127.0.0.0/8, [::1], "
            "localhost). Unset MONGODB_URI to use the embedded database in DATA_DIR."
        )
    return uri
