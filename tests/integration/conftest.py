"""People the integration tests share: Sam, signed in on `client`, whose plan and
circle a test builds; Jo, signed in on `other_client`, who supports them."""

from __future__ import annotations

import pytest

from tests.support.helpers import make_person, sign_in


@pytest.fixture
def sam(app, client):
    person = make_person(app, "Sam")
    sign_in(app, client, person)
    return person


@pytest.fixture
def jo(app, other_client):
    person = make_person(app, "Jo")
    sign_in(app, other_client, person)
    return person
