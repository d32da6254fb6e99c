"""Passkey sign-up and sign-in end to end, with Chromium's virtual authenticator."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.pages import SignInPage, SignUpPage
from tests.browser.support import add_virtual_authenticator, assert_page_checks


def test_a_person_signs_up_and_back_in_with_a_passkey_typing_no_username(page, axe):
    session, authenticator = add_virtual_authenticator(page)
    SignUpPage(page).open().create_with_passkey("Kit")
    expect(page.get_by_role("heading", level=1)).to_have_text("Save your recovery codes")
    codes = page.locator(".kw-codes code").all_inner_texts()
    assert len(codes) == 10
    assert_page_checks(page)
    axe(page)
    credentials = session.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    [credential] = credentials["credentials"]
    assert credential["isResidentCredential"] is True

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    SignInPage(page).with_passkey()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Kit")


def test_when_the_phone_cannot_confirm_it_is_you_nothing_is_made(page, live_server):
    add_virtual_authenticator(page, user_verified=False)
    SignUpPage(page).open().create_with_passkey("Kit")
    status = page.locator("[data-passkey-status]")
    expect(status).to_contain_text("did not make a passkey")
    expect(page.get_by_role("heading", level=1)).to_have_text("Create your account")
    page.goto("/plan")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


def test_a_second_passkey_can_be_added_from_account_settings(page):
    session, authenticator = add_virtual_authenticator(page)
    SignUpPage(page).open().create_with_password("second-key", "lamp lake lettuce")
    page.goto("/account")
    page.get_by_role("button", name="Add a passkey for this device").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Name your passkey")
    page.get_by_label("Name for this passkey").fill("My phone")
    page.get_by_role("button", name="Save name").click()
    expect(page.locator("#passkeys")).to_contain_text("My phone")
    assert (
        len(
            session.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})[
                "credentials"
            ]
        )
        == 1
    )
