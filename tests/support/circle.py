"""Circle helpers for integration tests: invite someone, and join with the code."""

from __future__ import annotations

import re

from tests.support.helpers import post_form

CODE = re.compile(r"<code[^>]*>([A-Z0-9]{5}-[A-Z0-9]{5})</code>")


def invite(client, preset="carer_crisis_plan", label="Jo"):
    response = post_form(client, "/circle/invite", {"label": label, "preset": preset})
    assert response.status_code == 200
    return CODE.search(response.get_data(as_text=True)).group(1), response


def join(other_client, code):
    post_form(other_client, f"/circle/join/{code}", {"answer": "accept"})
