"""No bad input gets a 500, anywhere (issue 9): Hypothesis sends every route odd path
values and odd form fields, signed in as someone with a plan, a circle and progress, and
the answer is never a server error. Bounded: a few hundred requests, a few seconds, on
each database. (The ORUK API is fuzzed from its own OpenAPI document in
tests/integration/groups/.)"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.routing import IntegerConverter

from tests.support.circle import invite, join
from tests.support.helpers import csrf_token, make_person, sign_in
from tests.support.progress import LLR_KEYS, fill_in

# Routes that end the session or the account would stop the run; they are fuzzed by
# their own tests with bad input (tests/integration/account, auth).
NOT_FUZZED = {"static", "auth.sign_out", "auth.sign_out_everywhere", "account.delete"}

ODD_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            "\x00",
            "%00",
            "0",
            "-1",
            "²",
            "٣",
            "9" * 30,
            "../../etc/passwd",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "\u202eevil",
            "x" * 5000,
            "[" * 3000,
            '{"a":' * 500,
            "javascript:alert(1)",
            "2025-02-30",
            "27 13 2025",
        ]
    ),
)
FIELDS = [
    "text",
    "name",
    "label",
    "preset",
    "role",
    "permissions",
    "answer",
    "help",
    "other_score",
    "action",
    "taken_on",
    "taken_on-day",
    "taken_on-month",
    "taken_on-year",
    "completed_with",
    "with_name",
    "with_member",
    "version",
    "base_version",
    "entry_id",
    "direction",
    "choice",
    "item_key",
    "target",
    "client_token",
    "stars",
    "comment",
    "where",
    "subscription",
    "endpoint",
    "send_at",
    "quiet_start",
    "quiet_end",
    "timezone",
    "text_size",
    "code",
    "username",
    "password",
    "confirm",
    "credential",
    "needs",
    "notes",
    "language",
    "q",
    "place",
    "page",
    "next",
    "rating_id",
    "decision",
    "ongoing_support",
]


@pytest.fixture
def somebody(app, client, other_client):
    person = make_person(app, "Fuzz", username="fuzz", password="a long passphrase here")
    sign_in(app, client, person)
    fill_in(client, dict.fromkeys(LLR_KEYS, 5), taken_on=date(2025, 1, 6))
    mentor = make_person(app, "Mentor")
    sign_in(app, other_client, mentor)
    join(other_client, invite(client, preset="peer_mentor_everything")[0])
    return person


def _rules(app):
    return sorted(
        (rule for rule in app.url_map.iter_rules() if rule.endpoint not in NOT_FUZZED),
        key=lambda rule: rule.rule,
    )


def test_no_input_anywhere_makes_a_server_error(app, client, somebody):
    rules = _rules(app)
    token = csrf_token(client)

    @settings(
        max_examples=600,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def request_anything(data):
        rule = data.draw(st.sampled_from(rules), label="route")
        values = {}
        for name in rule.arguments:
            if isinstance(rule._converters.get(name), IntegerConverter):
                values[name] = data.draw(
                    st.one_of(st.just(somebody.id), st.integers(0, 2**31 - 1)), label=name
                )
            else:
                values[name] = data.draw(ODD_TEXT.filter(lambda v: "/" not in v), label=name)
        try:
            url = rule.build(values, append_unknown=False)[1]
        except Exception:  # noqa: BLE001 - a value the rule cannot even be built from
            return
        method = data.draw(st.sampled_from(sorted(rule.methods - {"HEAD", "OPTIONS"})))
        form = data.draw(st.dictionaries(st.sampled_from(FIELDS), ODD_TEXT, max_size=6))
        query = data.draw(st.dictionaries(st.sampled_from(FIELDS), ODD_TEXT, max_size=3))
        response = client.open(
            url,
            method=method,
            query_string=query,
            data={"csrf_token": token, **form} if method != "GET" else None,
            check_html=False,
        )
        assert response.status_code < 500, f"{method} {url} {query} {form}"

    request_anything()
