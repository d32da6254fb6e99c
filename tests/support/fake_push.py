"""A fake web push service on 127.0.0.1, strict the way real ones are.

It checks every request's VAPID JWT (ES256 signature with the server's public key, `aud`
is this service's origin, `exp` in the future and no more than 24 hours ahead), the TTL,
Urgency and Topic headers, and decrypts the aes128gcm body with http_ece using the test
subscription's own private key. It records what it got, and answers 201 unless told to
answer 404, 410, 429 or 500 for a subscription.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

MAX_EXPIRY = 24 * 60 * 60


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Device:
    """A browser's side of a subscription: its key pair and auth secret."""

    token: str
    private_key: ec.EllipticCurvePrivateKey
    auth: bytes
    endpoint: str

    def subscription(self) -> dict[str, Any]:
        point = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return {
            "endpoint": self.endpoint,
            "keys": {"p256dh": b64url(point), "auth": b64url(self.auth)},
        }

    def subscription_json(self) -> str:
        return json.dumps(self.subscription())


@dataclass
class Received:
    token: str
    payload: dict[str, Any]
    headers: dict[str, str]
    claims: dict[str, Any]


@dataclass
class FakePushService:
    vapid_public_key: str  # base64url uncompressed point, as browsers get it
    host: str = "127.0.0.1"
    verify: bool = True
    received: list[Received] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    devices: dict[str, Device] = field(default_factory=dict)
    answers: dict[str, deque[tuple[int, str | None]]] = field(
        default_factory=lambda: defaultdict(deque)
    )
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _verified_tokens: set[str] = field(default_factory=set)
    server: ThreadingHTTPServer | None = None

    @property
    def origin(self) -> str:
        assert self.server is not None
        return f"http://{self.host}:{self.server.server_port}"

    def start(self) -> FakePushService:
        service = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                status, retry_after = service.handle(self.path, dict(self.headers.items()), body)
                self.send_response(status)
                if retry_after:
                    self.send_header("Retry-After", retry_after)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_GET(self) -> None:  # noqa: N802 - counts, for a benchmark in another process
                body = json.dumps(
                    {"received": len(service.received), "errors": service.errors[:5]}
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer((self.host, 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def new_device(self, key: ec.EllipticCurvePrivateKey | None = None) -> Device:
        """A subscribed browser. Many devices may share one key (a benchmark's 10,000
        phones); encryption still uses a fresh key for every message."""
        token = secrets.token_hex(8)
        device = Device(
            token,
            key or ec.generate_private_key(ec.SECP256R1()),
            secrets.token_bytes(16),
            f"{self.origin}/push/{token}",
        )
        with self._lock:
            self.devices[token] = device
        return device

    def answer(
        self, device: Device, status: int, retry_after: str | None = None, times: int = 1
    ) -> None:
        """Answer the next `times` messages to this device with `status`."""
        with self._lock:
            for _ in range(times):
                self.answers[device.token].append((status, retry_after))

    def messages_for(self, device: Device) -> list[Received]:
        with self._lock:
            return [r for r in self.received if r.token == device.token]

    # The checks a real push service makes ------------------------------------------

    def handle(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, str | None]:
        token = path.rsplit("/", 1)[-1]
        with self._lock:
            device = self.devices.get(token)
            queued = self.answers[token].popleft() if device and self.answers[token] else None
        if device is None:
            return 404, None
        lower = {k.lower(): v for k, v in headers.items()}
        try:
            claims = self._check_vapid(lower.get("authorization", "")) if self.verify else {}
            self._check_headers(lower)
            payload = self._decrypt(device, body) if self.verify else {}
        except (AssertionError, InvalidSignature, ValueError, KeyError) as error:
            with self._lock:
                self.errors.append(f"{type(error).__name__}: {error}")
            return 400, None
        if queued is not None:
            return queued
        with self._lock:
            self.received.append(Received(token, payload, lower, claims))
        return 201, None

    def _check_vapid(self, authorization: str) -> dict[str, Any]:
        scheme, _, rest = authorization.partition(" ")
        assert scheme.lower() == "vapid", "Authorization must use the vapid scheme (RFC 8292)"
        fields = dict(part.strip().split("=", 1) for part in rest.split(","))
        assert fields["k"] == self.vapid_public_key, "k is not the server's public key"
        jwt = fields["t"]
        if jwt not in self._verified_tokens:
            signed, _, signature = jwt.rpartition(".")
            raw = unb64url(signature)
            assert len(raw) == 64, "an ES256 signature is 64 bytes"
            der = encode_dss_signature(
                int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")
            )
            key = ec.EllipticCurvePublicKey.from_encoded_point(
                ec.SECP256R1(), unb64url(self.vapid_public_key)
            )
            key.verify(der, signed.encode(), ec.ECDSA(hashes.SHA256()))
            header = json.loads(unb64url(signed.split(".")[0]))
            assert header.get("alg") == "ES256", "alg must be ES256"
        claims = json.loads(unb64url(jwt.split(".")[1]))
        now = time.time()
        assert claims["aud"] == self.origin, f"aud {claims['aud']} is not {self.origin}"
        assert now < claims["exp"] <= now + MAX_EXPIRY, "exp must be within the next 24 hours"
        assert claims.get("sub", "").startswith(("mailto:", "https://")), (
            "sub must be mailto: or https:"
        )
        self._verified_tokens.add(jwt)
        return claims

    def _check_headers(self, headers: dict[str, str]) -> None:
        assert headers.get("content-encoding") == "aes128gcm", "Content-Encoding must be aes128gcm"
        assert int(headers["ttl"]) >= 0, "TTL is required"
        assert headers.get("urgency") in ("very-low", "low", "normal", "high"), (
            "Urgency is required"
        )
        topic = headers.get("topic", "")
        assert 0 < len(topic) <= 32, "Topic must be 1 to 32 characters"
        assert all(c.isalnum() or c in "-_" for c in topic), "Topic must be URL-safe base64"

    def _decrypt(self, device: Device, body: bytes) -> dict[str, Any]:
        plain = http_ece.decrypt(
            body, private_key=device.private_key, auth_secret=device.auth, version="aes128gcm"
        )
        return json.loads(plain)
