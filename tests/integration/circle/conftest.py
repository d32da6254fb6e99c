"""Sam, signed in on `client`: the person whose circle these tests build."""

from __future__ import annotations

import pytest

from tests.support.helpers import make_person, sign_in


@pytest.fixture
def sam(app, client):
    person = make_person(app, "Sam")
    sign_in(app, client, person)
    return person
