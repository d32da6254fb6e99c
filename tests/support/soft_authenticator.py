"""A software passkey authenticator, so passkey flows can be tested without a browser
(the browser tests use Chromium's virtual authenticator as well)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from webauthn.helpers.encode_cbor import encode_cbor

FLAG_UP = 0x01
FLAG_UV = 0x04
FLAG_BE = 0x08
FLAG_BS = 0x10
FLAG_AT = 0x40


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def from_b64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class SoftPasskey:
    credential_id: bytes = field(default_factory=lambda: os.urandom(32))
    private_key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    user_handle: bytes = b""
    sign_count: int = 0

    def cose_public_key(self) -> bytes:
        numbers = self.private_key.public_key().public_numbers()
        return encode_cbor(
            {
                1: 2,
                3: -7,
                -1: 1,
                -2: numbers.x.to_bytes(32, "big"),
                -3: numbers.y.to_bytes(32, "big"),
            }
        )


def _client_data(kind: str, challenge: str, origin: str) -> bytes:
    return json.dumps(
        {"type": kind, "challenge": challenge, "origin": origin, "crossOrigin": False}
    ).encode()


def registration_response(
    options: dict[str, Any],
    origin: str = "http://localhost",
    *,
    user_verified: bool = True,
    passkey: SoftPasskey | None = None,
) -> tuple[SoftPasskey, str]:
    passkey = passkey or SoftPasskey()
    passkey.user_handle = from_b64url(options["user"]["id"])
    rp_id_hash = hashlib.sha256(options["rp"]["id"].encode()).digest()
    flags = FLAG_UP | FLAG_AT | FLAG_BE | FLAG_BS | (FLAG_UV if user_verified else 0)
    attested = (
        bytes(16)
        + len(passkey.credential_id).to_bytes(2, "big")
        + passkey.credential_id
        + passkey.cose_public_key()
    )
    auth_data = rp_id_hash + bytes([flags]) + passkey.sign_count.to_bytes(4, "big") + attested
    attestation = encode_cbor({"fmt": "none", "attStmt": {}, "authData": auth_data})
    credential = {
        "id": b64url(passkey.credential_id),
        "rawId": b64url(passkey.credential_id),
        "type": "public-key",
        "response": {
            "clientDataJSON": b64url(_client_data("webauthn.create", options["challenge"], origin)),
            "attestationObject": b64url(attestation),
            "transports": ["internal", "hybrid"],
        },
        "clientExtensionResults": {"credProps": {"rk": True}},
        "authenticatorAttachment": "platform",
    }
    return passkey, json.dumps(credential)


def authentication_response(
    options: dict[str, Any],
    passkey: SoftPasskey,
    origin: str = "http://localhost",
    *,
    user_verified: bool = True,
    sign_count: int | None = None,
) -> str:
    passkey.sign_count = passkey.sign_count + 1 if sign_count is None else sign_count
    rp_id_hash = hashlib.sha256(options["rpId"].encode()).digest()
    flags = FLAG_UP | FLAG_BE | FLAG_BS | (FLAG_UV if user_verified else 0)
    auth_data = rp_id_hash + bytes([flags]) + passkey.sign_count.to_bytes(4, "big")
    client_data = _client_data("webauthn.get", options["challenge"], origin)
    signature = passkey.private_key.sign(
        auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
    )
    return json.dumps(
        {
            "id": b64url(passkey.credential_id),
            "rawId": b64url(passkey.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(client_data),
                "authenticatorData": b64url(auth_data),
                "signature": b64url(signature),
                "userHandle": b64url(passkey.user_handle),
            },
            "clientExtensionResults": {},
            "authenticatorAttachment": "platform",
        }
    )
