from __future__ import annotations

import re

from tests.support.helpers import page_text, post_form

CODE = re.compile(r"<code[^>]*>([A-Z0-9-]{19})</code>")


def new_account_codes(client):
    response = post_form(
        client,
        "/auth/sign-up/password",
        {"username": "robin", "password": "lamp lake lettuce", "confirm": "lamp lake lettuce"},
    )
    codes = CODE.findall(response.get_data(as_text=True))
    post_form(client, "/auth/sign-out")
    return codes


def test_a_recovery_code_signs_in_once_whatever_its_case_or_spacing(client):
    codes = new_account_codes(client)
    typed = codes[0].lower().replace("-", " ")
    response = post_form(client, "/auth/sign-in/recovery-code", {"code": typed})
    assert response.status_code == 302
    assert "9 codes left" in page_text(client.get("/account"))
    post_form(client, "/auth/sign-out")
    again = post_form(client, "/auth/sign-in/recovery-code", {"code": codes[0]})
    assert "used before" in page_text(again)
    assert 'value="' + codes[0] + '"' in again.get_data(as_text=True)


def test_new_codes_replace_the_old_ones(client):
    codes = new_account_codes(client)
    post_form(client, "/auth/sign-in/recovery-code", {"code": codes[1]})
    fresh = CODE.findall(post_form(client, "/account/recovery-codes").get_data(as_text=True))
    assert len(fresh) == 10 and not set(fresh) & set(codes)
    post_form(client, "/auth/sign-out")
    assert post_form(client, "/auth/sign-in/recovery-code", {"code": codes[2]}).status_code == 200
    assert post_form(client, "/auth/sign-in/recovery-code", {"code": fresh[0]}).status_code == 302


def test_guessing_recovery_codes_is_rate_limited(client):
    for _ in range(5):
        post_form(client, "/auth/sign-in/recovery-code", {"code": "AAAA-BBBB-CCCC-DDDD"})
    response = post_form(client, "/auth/sign-in/recovery-code", {"code": "AAAA-BBBB-CCCC-DDDD"})
    assert response.status_code == 429
