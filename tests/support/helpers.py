"""Small helpers tests share: CSRF tokens, people, signing in."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from app.auth.accounts import create_account
from app.data.accounts.models import User
from app.data.accounts.queries import open_device_session
from app.data.database import db

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token(client: FlaskClient, page: str = "/display") -> str:
    html = client.get(page).get_data(as_text=True)
    match = TOKEN.search(html)
    assert match, f"no CSRF token on {page}"
    return match.group(1)


def post_form(
    client: FlaskClient, url: str, data: dict[str, Any] | None = None, **kwargs: Any
) -> TestResponse:
    payload = {"csrf_token": csrf_token(client), **(data or {})}
    return client.post(url, data=payload, **kwargs)


def make_person(
    app: Flask,
    display_name: str = "Alex",
    username: str | None = None,
    password: str | None = None,
    **fields: Any,
) -> User:
    from app.auth.passwords import hash_password

    with app.app_context():
        person = create_account(
            display_name=display_name,
            username=username,
            password_hash=hash_password(password) if password else None,
        )
        for key, value in fields.items():
            setattr(person, key, value)
        db.session.commit()
        db.session.refresh(person)
        db.session.expunge(person)
        return person


def sign_in(app: Flask, client: FlaskClient, person: User, remember: bool = False) -> None:
    """Sign a test client in as `person` without the cost of a password hash."""
    with app.app_context():
        user = db.session.get(User, person.id)
        assert user is not None
        token = open_device_session(user, remember=remember, method="test", user_agent="pytest")
        db.session.commit()
    with client.session_transaction() as session:
        session["sid"] = token
        session["_user_id"] = str(person.id)


def page_text(response: TestResponse) -> str:
    """What a person reads on the page: tags gone, spaces collapsed."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    for hidden in soup(["script", "style", "template"]):
        hidden.decompose()
    return " ".join(soup.get_text(" ").split())


def delete_account(client: FlaskClient, **kwargs: Any) -> TestResponse:
    """Delete the signed-in person's account the way they would: tick, then the last check."""
    post_form(client, "/account/delete", {"confirm": "y"})
    return post_form(client, "/account/delete", {"confirm": "y", "final": "yes"}, **kwargs)
