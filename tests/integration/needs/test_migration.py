"""Migration 0007 moves today's needs list into coded rows and back, losing nothing.

It runs on its own SQLite file (migrating the shared test database up and down would
disturb the other tests), built by the real migrations."""

from __future__ import annotations

import json

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from app import create_app
from app.data.database import db


@pytest.fixture
def scratch_app(tmp_path):
    return create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": tmp_path,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'migrate.sqlite3'}",
            "SECRET_KEY": "test",
        }
    )


def _rows(sql, **params):
    return [tuple(row) for row in db.session.execute(text(sql), params)]


def test_todays_needs_move_into_coded_rows_and_back(scratch_app):
    with scratch_app.app_context():
        upgrade(revision="0005")
        db.session.execute(
            text(
                "INSERT INTO users (id, user_handle, display_name, timezone, text_size,"
                " high_contrast, reduced_motion, is_demo, created_at_utc, discreet)"
                " VALUES (:id, :handle, :name, 'Europe/London', 'standard', 0, 0, 0,"
                " '2026-01-01 10:00:00', 0)"
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

        upgrade(revision="0007")
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
        ) == [("pl", "Mornings", 1, 1)]
        assert _rows("SELECT count(*) FROM users") == [(2,)]
        db.session.commit()

        downgrade(revision="0005")
        back = _rows("SELECT needs, language, notes FROM communication_needs ORDER BY owner_id")
        assert [json.loads(back[0][0]), *back[0][1:]] == [
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
        assert json.loads(back[1][0]) == []
        assert _rows("SELECT count(*) FROM users") == [(2,)]
        db.session.remove()
