"""Sending one web push message, wrapping pywebpush's encryption (RFC 8291, aes128gcm).

Every message says how long a push service may hold it (TTL), how urgent it is, and a
Topic, so a newer reminder of the same kind replaces an older one still waiting for a
phone to come online. Endpoints must be https (in development and tests, a few named
plain-http origins may be allowed).
"""

from __future__ import annotations

import base64
import binascii
import http.client
import json
import socket
import ssl
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from ipaddress import ip_address
from typing import Any
from urllib.parse import urlsplit

from pywebpush import WebPusher

from app.reminders.vapid import VapidKeys
from app.untrusted import load_json

MAX_ENDPOINT = 1024
MAX_SUBSCRIPTION_JSON = 4096
CONTENT_ENCODING = "aes128gcm"
URGENCIES = ("very-low", "low", "normal", "high")


class BadSubscription(ValueError):
    """A subscription we cannot use; the message is for logs, not for people."""


@dataclass(frozen=True)
class Subscription:
    endpoint: str
    p256dh: str
    auth: str

    def info(self) -> dict[str, Any]:
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


@dataclass(frozen=True)
class Message:
    payload: dict[str, Any]
    ttl: int  # seconds a push service may keep it for an offline device
    urgency: str
    topic: str  # up to 32 URL-safe characters; a newer message with it replaces older


@dataclass(frozen=True)
class Outcome:
    status: int | None  # None: we could not reach the push service
    retry_after: str | None = None

    @property
    def delivered(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    @property
    def gone(self) -> bool:
        """The browser unsubscribed or the subscription expired: forget it at once."""
        return self.status in (404, 410)

    @property
    def worth_retrying(self) -> bool:
        return self.status is None or self.status == 429 or self.status >= 500


def _decode_b64url(value: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError) as error:
        raise BadSubscription("a key is not base64url") from error


def check_endpoint(endpoint: str, insecure_origins: Iterable[str] = ()) -> None:
    if not isinstance(endpoint, str) or not endpoint or len(endpoint) > MAX_ENDPOINT:
        raise BadSubscription("endpoint missing or too long")
    parts = urlsplit(endpoint)
    origin = f"{parts.scheme}://{parts.netloc}"
    if parts.scheme == "http" and origin in insecure_origins:
        return
    if parts.scheme != "https" or not parts.hostname or parts.username or parts.password:
        raise BadSubscription("endpoint is not https")
    host = parts.hostname
    if host == "localhost" or host.endswith(".localhost") or _is_ip(host):
        # Push services have public names; an address here could point us at our own
        # network.
        raise BadSubscription("endpoint is not a push service")


class NotPublic(OSError):
    """A push service's name led to an address on a private network."""


def connect_to_public_address(
    address: tuple[str, int], timeout: float | None = None, source_address: Any = None
) -> socket.socket:
    """Open a connection to a push service, but only on the public internet (finding
    9.17): the name is looked up here, every address it gives must be public, and we
    connect to the address we checked, so a second lookup cannot point us elsewhere. (The
    TLS certificate is still checked against the name.)"""
    host, port = address
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    if not infos or not all(ip_address(info[4][0]).is_global for info in infos):
        raise NotPublic(host)
    family, kind, proto, _name, where = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.settimeout(timeout)
        sock.connect(where)
    except OSError:
        sock.close()
        raise
    return sock


def _is_ip(host: str) -> bool:
    try:
        ip_address(host)
    except ValueError:
        return False
    return True


def parse_subscription(text: str, insecure_origins: Iterable[str] = ()) -> Subscription:
    """A browser's PushSubscription.toJSON(), checked thoroughly before it is stored."""
    if not isinstance(text, str) or not text or len(text) > MAX_SUBSCRIPTION_JSON:
        raise BadSubscription("missing or oversized")
    try:
        data = load_json(text, MAX_SUBSCRIPTION_JSON)
    except ValueError as error:
        raise BadSubscription("not JSON") from error
    if not isinstance(data, dict) or not isinstance(data.get("keys"), dict):
        raise BadSubscription("no keys")
    endpoint, keys = data.get("endpoint"), data["keys"]
    if not isinstance(endpoint, str):
        raise BadSubscription("no endpoint")
    check_endpoint(endpoint, insecure_origins)
    p256dh, auth = keys.get("p256dh"), keys.get("auth")
    if (
        not isinstance(p256dh, str)
        or not isinstance(auth, str)
        or len(p256dh) > 100
        or len(auth) > 40
    ):
        raise BadSubscription("keys are not strings of the right size")
    point, secret = _decode_b64url(p256dh), _decode_b64url(auth)
    if len(point) != 65 or point[0] != 4:
        raise BadSubscription("p256dh is not an uncompressed P-256 point")
    if len(secret) != 16:
        raise BadSubscription("auth is not 16 bytes")
    return Subscription(endpoint, p256dh, auth)


def encrypt(subscription: Subscription, message: Message) -> bytes:
    """The encrypted body, made by pywebpush's own code."""
    data = json.dumps(message.payload, separators=(",", ":")).encode()
    return WebPusher(subscription.info()).encode(data, CONTENT_ENCODING)["body"]


def headers_for(subscription: Subscription, message: Message, keys: VapidKeys) -> dict[str, str]:
    if message.urgency not in URGENCIES:
        raise ValueError(message.urgency)
    return {
        **keys.headers_for(subscription.endpoint),
        "Content-Encoding": CONTENT_ENCODING,
        "Content-Type": "application/octet-stream",
        "TTL": str(message.ttl),
        "Urgency": message.urgency,
        "Topic": message.topic,
    }


class PushSender:
    """Sends to many devices at once. Each thread keeps one kept-alive connection per
    push service (http.client: a tenth of the cost of a requests call per message)."""

    def __init__(
        self,
        keys: VapidKeys,
        insecure_origins: Sequence[str] = (),
        workers: int = 4,
        timeout: float = 10.0,
    ) -> None:
        self.keys = keys
        self.insecure_origins = tuple(insecure_origins)
        self.workers = workers
        self.timeout = timeout
        self._local = threading.local()
        self._tls = ssl.create_default_context()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="push")

    def _connection(self, scheme: str, host: str, port: int | None) -> http.client.HTTPConnection:
        connections = getattr(self._local, "connections", None)
        if connections is None:
            connections = self._local.connections = {}
        key = (scheme, host, port)
        if key not in connections:
            if scheme == "https":
                connection = http.client.HTTPSConnection(
                    host, port, timeout=self.timeout, context=self._tls
                )
                connection._create_connection = connect_to_public_address  # type: ignore[attr-defined]
                connections[key] = connection
            else:
                connections[key] = http.client.HTTPConnection(host, port, timeout=self.timeout)
        return connections[key]

    def _forget(self, scheme: str, host: str, port: int | None) -> None:
        connection = self._local.connections.pop((scheme, host, port), None)
        if connection is not None:
            connection.close()

    def _post(self, endpoint: str, body: bytes, headers: dict[str, str]) -> Outcome:
        parts = urlsplit(endpoint)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        where = (parts.scheme, parts.hostname or "", parts.port)
        for attempt in range(2):  # a kept-alive connection the server closed: once more, fresh
            connection = self._connection(*where)
            try:
                connection.request("POST", target, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
            except NotPublic:
                self._forget(*where)
                return Outcome(400)  # never ours to send to: counted as a failure, not retried
            except (http.client.HTTPException, OSError):
                self._forget(*where)
                if attempt:
                    return Outcome(None)
                continue
            if response.will_close:
                self._forget(*where)
            return Outcome(response.status, response.getheader("Retry-After"))
        return Outcome(None)

    def send(self, subscription: Subscription, message: Message) -> Outcome:
        try:
            check_endpoint(subscription.endpoint, self.insecure_origins)
            body = encrypt(subscription, message)
        except (BadSubscription, ValueError, TypeError):
            return Outcome(400)  # a stored subscription we cannot use: counted as a failure
        return self._post(
            subscription.endpoint, body, headers_for(subscription, message, self.keys)
        )

    def send_many(self, jobs: Sequence[tuple[Subscription, Message]]) -> list[Outcome]:
        return list(self._pool.map(lambda job: self.send(*job), jobs))

    def close(self) -> None:
        self._pool.shutdown(wait=True)
