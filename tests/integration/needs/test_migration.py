"""Migration 0008 moves today's needs list into coded rows and back, losing nothing.

It runs on a database of its own (migrating the shared test database up and down would
disturb the other tests), built by the real migrations: an SQLite file, and when the
suite runs on PostgreSQL, a scratch PostgreSQL database beside the test one."""

from __future__ import annotations

import json

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app import create_app
from app.data.database import db


def _scratch_postgres(url: str) -> str:
    scratch = make_url(url).set(database=f"{make_url(url).database}_migrate")
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{scratch.database}"'))
        connection.execute(text(f'CREATE DATABASE "{scratch.database}"'))
    engine.dispose()
    return scratch.render_as_string(hide_password=False)


@pytest.fixture
def scratch_app(tmp_path, database_url):
    url = (
        _scratch_postgres(database_url)
        if database_url.startswith("postgresql")
        else f"sqlite:///{tmp_path / 'migrate.sqlite3'}"
    )
    return create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": tmp_path,
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "test",
        }
    )


def _json(value):
    return json.loads(value) if isinstance(value, str) else value  # text on SQLite


def _rows(sql, **params):
    return [tuple(row) for row in db.session.execute(text(sql), params)]


def test_todays_needs_move_into_coded_rows_and_back(scratch_app):
    with scratch_app.app_context():
        upgrade(revision="0007")
        db.session.execute(
            text(
                "INSERT INTO users (id, user_handle, display_name, timezone, text_size,"
                " high_contrast, reduced_motion, is_demo, created_at_utc, discreet)"
                " VALUES (:id, :handle, :name, 'Europe/London', 'standard', false, false, false,"
                " '2026-01-01 10:00:00', false)"
            ),
            [
                {"id": 1, "handle": b"s" * 64, "name": "Sam"},
                {"id": 2, "handle": b"j" * 64, "name": "Jo"},
            ],
        )
        old = ["easy_read", "lipspeaker", "text_message", "interpreter", "made_up"]
        db.session.execute(
            text(
                "INSERT INTO communication_needs (owner_id, needs, language, notes, updated_at_utc)"
                " VALUES (1, :needs, 'Polish', 'Mornings', '2026-02-03 09:00:00'),"
                " (2, '[]', '', '', '2026-02-03 09:00:00')"
            ),
            {"needs": json.dumps(old)},
        )
        db.session.commit()

        upgrade(revision="0008")
        items = _rows(
            "SELECT kind, key, snomed_id, own_words FROM communication_need_items"
            " WHERE owner_id = 1 ORDER BY id"
        )
        assert items == [
            ("format", "easy_read", "796161000000101", ""),
            # It said two things; which one is the person's to say: no guessed code.
            ("support", "", None, "A lipspeaker or deafblind interpreter"),
            ("contact", "contact_text", "936701000000103", ""),
            ("contact", "no_phone_calls", None, ""),
            ("support", "interpreter", "203901000000102", ""),  # coded for Polish
            ("support", "", None, "made_up"),
        ]
        assert _rows(
            "SELECT language, notes, asked_at_utc IS NOT NULL, checked_at_utc IS NOT NULL"
            " FROM communication_needs WHERE owner_id = 1"
        ) == [("pl", "Mornings", True, True)]
        assert _rows("SELECT count(*) FROM users") == [(2,)]
        db.session.commit()

        downgrade(revision="0007")
        back = _rows("SELECT needs, language, notes FROM communication_needs ORDER BY owner_id")
        assert [_json(back[0][0]), *back[0][1:]] == [
            [
                "easy_read",
                "A lipspeaker or deafblind interpreter",
                "text_message",
                "interpreter",
                "made_up",
            ],
            "Polish",
            "Mornings",
        ]
        assert _json(back[1][0]) == []
        assert _rows("SELECT count(*) FROM users") == [(2,)]
        db.session.remove()
        db.engine.dispose()
