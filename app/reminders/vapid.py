"""The server's VAPID key pair: push services use it to know reminders come from us.

Read from KEEPWELL_VAPID_PRIVATE_KEY (a base64url raw P-256 key, or PEM), or made on
first use into instance/vapid_private_key.pem (mode 0600, never committed). Several app
servers must share one key from the environment: a browser's subscription is tied to
the public key it was made with.
"""

from __future__ import annotations

import base64
import contextlib
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from flask import Flask, current_app
from py_vapid import Vapid

KEY_FILE = "vapid_private_key.pem"
EXTENSION_KEY = "keepwell_vapid"
TOKEN_LIFETIME = 12 * 60 * 60  # push services refuse more than 24 h
TOKEN_REFRESH = 60 * 60  # make a new token when less than this is left


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


@dataclass
class VapidKeys:
    vapid: Vapid
    subject: str
    _tokens: dict[str, tuple[int, dict[str, str]]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def public_key(self) -> str:
        """The applicationServerKey a browser subscribes with."""
        raw = self.vapid.public_key.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return b64url(raw)

    def headers_for(self, endpoint: str, now: float | None = None) -> dict[str, str]:
        """The Authorization header for a push service, signed once per service and
        reused for hours (signing is the costly part; the token names the service)."""
        parts = urlsplit(endpoint)
        audience = f"{parts.scheme}://{parts.netloc}"
        moment = int(now if now is not None else time.time())
        with self._lock:
            cached = self._tokens.get(audience)
            if cached is not None and cached[0] - moment > TOKEN_REFRESH:
                return cached[1]
            expires = moment + TOKEN_LIFETIME
            headers = self.vapid.sign({"aud": audience, "exp": expires, "sub": self.subject})
            self._tokens[audience] = (expires, headers)
            return headers


def _from_text(text: str) -> Vapid:
    text = text.strip()
    if "-----BEGIN" in text:
        key = serialization.load_pem_private_key(text.encode(), password=None)
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise ValueError("the VAPID key must be an EC P-256 private key")
        return Vapid(key)
    return Vapid.from_string(text)


def _read_or_create(folder: Path) -> Vapid:
    path = folder / KEY_FILE
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        key = ec.generate_private_key(ec.SECP256R1())
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        # Write aside, then link into place: if two workers start at once, the first
        # link wins and both read the same key.
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".vapid-")
        try:
            os.write(handle, pem)
            os.fchmod(handle, 0o600)
            os.close(handle)
            with contextlib.suppress(FileExistsError):
                os.link(temporary, path)
        finally:
            os.unlink(temporary)
    return _from_text(path.read_text())


def default_subject(app: Flask) -> str:
    origin = app.config.get("RP_ORIGIN") or ""
    if origin.startswith("https://"):
        return origin
    return "mailto:reminders@keepwell.invalid"


def load_keys(app: Flask) -> VapidKeys:
    configured = app.config.get("VAPID_PRIVATE_KEY") or ""
    folder = Path(app.config.get("INSTANCE_PATH") or app.instance_path)
    vapid = _from_text(configured) if configured else _read_or_create(folder)
    return VapidKeys(vapid, app.config.get("VAPID_SUBJECT") or default_subject(app))


def vapid_keys() -> VapidKeys:
    """This app's keys, loaded once (made on first use)."""
    keys = current_app.extensions.get(EXTENSION_KEY)
    if keys is None:
        keys = load_keys(current_app._get_current_object())  # type: ignore[attr-defined]
        current_app.extensions[EXTENSION_KEY] = keys
    return keys
