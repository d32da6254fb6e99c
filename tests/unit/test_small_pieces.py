from __future__ import annotations

import pytest

from app.accessibility.preferences import DisplayPreferences, display_classes
from app.auth.passwords import hash_password, is_common_password, verify_password
from app.data.accounts.queries import RECOVERY_ALPHABET, normalise_recovery_code
from app.urls import is_safe_local_path


@pytest.mark.parametrize("password", ["password", "Password1", "qwerty123", "letmein!", "iloveyou"])
def test_common_passwords_are_recognised(password):
    assert is_common_password(password)


def test_a_passphrase_is_not_common():
    assert not is_common_password("lamp lake lettuce")


def test_passwords_hash_with_argon2id_and_verify():
    hashed = hash_password("lamp lake lettuce")
    assert hashed.startswith("$argon2id$")
    assert verify_password(hashed, "lamp lake lettuce")
    assert not verify_password(hashed, "lamp lake lettuces")
    assert not verify_password(None, "anything")
    assert not verify_password("not a hash", "anything")


def test_recovery_codes_avoid_look_alike_characters():
    for confusable in "01ILOU":
        assert confusable not in RECOVERY_ALPHABET


def test_recovery_codes_ignore_case_spaces_and_dashes():
    assert normalise_recovery_code(" abcd-efgh jkmn-pqrs ") == "ABCDEFGHJKMNPQRS"


@pytest.mark.parametrize(
    ("target", "safe"),
    [
        ("/plan", True),
        ("/plan?x=1", True),
        ("//evil.example.org", False),
        ("https://evil.example.org", False),
        ("/\\evil.example.org", False),
        ("plan", False),
        ("", False),
        (None, False),
    ],
)
def test_only_local_paths_are_safe_to_return_to(target, safe):
    assert is_safe_local_path(target) is safe


def test_display_preferences_round_trip_through_the_cookie():
    chosen = DisplayPreferences("extra_large", True, True)
    assert DisplayPreferences.from_cookie(chosen.to_cookie()) == chosen
    assert display_classes(chosen) == "kw-text-xlarge kw-high-contrast kw-reduced-motion"
    assert DisplayPreferences.from_cookie("text=giant") == DisplayPreferences()
