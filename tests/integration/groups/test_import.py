"""Importing ORUK feeds: good, duplicate and broken records; twice changes nothing."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select, text

from app.data.database import db
from app.data.groups.models import Schedule, Service
from app.demo.listings import demo_records
from app.groups.feed_files import FeedError
from app.groups.importer import import_feed


def api_snapshot(client):
    body = client.get("/api/oruk/services?per_page=200").get_json()
    return json.dumps(
        [client.get(f"/api/oruk/services/{s['id']}").get_json() for s in body["contents"]],
        sort_keys=True,
    )


def test_a_feed_imports_and_importing_it_again_changes_nothing(app, client):
    feed = json.dumps({"contents": demo_records()})
    with app.app_context():
        first = import_feed(feed)
        db.session.commit()
    assert len(first.added) == 25 and not first.skipped
    before = api_snapshot(client)
    with app.app_context():
        second = import_feed(feed)
        db.session.commit()
    assert len(second.unchanged) == 25 and second.stored == 0
    assert api_snapshot(client) == before


def test_a_changed_record_is_updated_in_place_by_id(app, client):
    records = demo_records()
    with app.app_context():
        import_feed(json.dumps(records))
        records[0]["name"] = "Archway befriending (renamed)"
        records[0]["schedules"] = []
        report = import_feed(json.dumps(records))
        assert report.updated == [records[0]["id"]] and len(report.unchanged) == 24
        service = db.session.get(Service, records[0]["id"])
        assert service.name == "Archway befriending (renamed)"
        assert (
            db.session.scalar(
                select(func.count()).select_from(Schedule).where(Schedule.service_id == service.id)
            )
            == 0
        )
        db.session.commit()
    assert client.get("/groups?q=renamed").status_code == 200
    assert "Archway befriending (renamed)" in client.get("/groups?q=renamed").get_data(as_text=True)


ORG = {"id": "3e8ab0a4-94bb-4f2a-9d5e-0b1c1d1b6a01", "name": "O", "description": "An org."}


def uid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


BROKEN = [
    (
        {"name": "No id", "status": "active", "organization": ORG},
        "id is missing (the standard requires it)",
    ),
    ({"id": uid(1), "name": "No organisation", "status": "active"}, "no organization"),
    (
        {"id": uid(2), "status": "open", "organization": ORG, "name": "N"},
        'status: "open" is not one of active, inactive',
    ),
    ({"id": uid(3), "organization": ORG, "name": "No status"}, "status is missing"),
    (
        {"id": uid(4), "status": "active", "organization": ORG, "name": 12345},
        "name: 12345 should be text.",
    ),
    (
        {"id": "svc-1", "status": "active", "organization": ORG, "name": "Not a UUID"},
        'id: "svc-1" is not a UUID.',
    ),
    (
        {"id": uid(5), "status": "active", "organization": ORG, "name": "N", "url": "not a url"},
        'url: "not a url" is not a web address (URI).',
    ),
    (
        {"id": uid(6), "status": "active", "organization": ORG, "name": "N", "email": "nobody"},
        'email: "nobody" is not an email address.',
    ),
    (
        {
            "id": uid(7),
            "status": "active",
            "name": "Org without description",
            "organization": {"id": ORG["id"], "name": "O"},
        },
        "organization: description is missing",
    ),
    (
        {
            "id": uid(8),
            "name": "Bad time",
            "status": "active",
            "organization": ORG,
            "schedules": [{"id": uid(80), "byday": "TU", "opens_at": "25:99"}],
        },
        "schedules[0]: time '25:99' is not HH:MM",
    ),
    (
        {
            "id": uid(9),
            "name": "Bad cost",
            "status": "active",
            "organization": ORG,
            "cost_options": [{"id": uid(90), "amount": "lots"}],
        },
        'cost_options[0].amount: "lots" should be a number.',
    ),
    (
        {
            "id": uid(10),
            "name": "Twins",
            "status": "active",
            "organization": ORG,
            "phones": [{"id": uid(100), "number": "1"}, {"id": uid(100), "number": "2"}],
        },
        "two phones share the id",
    ),
]


def test_broken_records_are_skipped_with_id_and_reason_and_the_rest_import(app):
    good = demo_records()[:2]
    records = [good[0], *[record for record, _reason in BROKEN], good[1]]
    with app.app_context():
        report = import_feed(json.dumps(records))
        assert len(report.added) == 2
        reasons = dict(report.skipped)
        assert len(report.skipped) == len(BROKEN)
        for record, expected in BROKEN:
            assert expected in reasons[record.get("id", "(no id)")], reasons
        assert db.session.scalar(select(func.count()).select_from(Service)) == 2


def test_a_record_that_clashes_in_the_database_stores_nothing_of_itself(app):
    first, second = demo_records()[:2]
    second["schedules"][0]["id"] = first["schedules"][0]["id"]  # an id another service owns
    with app.app_context():
        report = import_feed(json.dumps([first, second]))
        assert report.added == [first["id"]]
        assert report.skipped[0][0] == second["id"]
        assert "already belongs to another listing" in report.skipped[0][1]
        assert db.session.get(Service, second["id"]) is None


@pytest.mark.parametrize("content", ["not json {", '{"hello": 1}', "42"])
def test_a_malformed_file_stops_with_a_clear_message_and_imports_nothing(app, content):
    with app.app_context(), pytest.raises(FeedError):
        import_feed(content)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Service)) == 0


def test_the_command_line_import_reports_and_refuses_urls_unless_allowed(app, tmp_path):
    feed = tmp_path / "feed.json"
    bad = {"id": uid(1), "name": "x", "status": "active"}
    feed.write_text(json.dumps(demo_records()[:3] + [bad]))
    runner = app.test_cli_runner()
    result = runner.invoke(app.cli, ["groups", "import", str(feed)])
    assert result.exit_code == 1  # something was skipped
    assert "3 added, 0 updated, 0 unchanged, 1 skipped." in result.output
    assert f"skipped {uid(1)}: organization: the service has no organization" in result.output
    again = runner.invoke(app.cli, ["groups", "import", str(feed)])
    assert "0 added, 0 updated, 3 unchanged, 1 skipped." in again.output
    feed.write_text(json.dumps(demo_records()[:3]))
    clean = runner.invoke(app.cli, ["groups", "import", str(feed)])
    assert clean.exit_code == 0 and "0 added, 0 updated, 3 unchanged, 0 skipped." in clean.output
    broken = tmp_path / "broken.json"
    broken.write_text("[{")
    failed = runner.invoke(app.cli, ["groups", "import", str(broken)])
    assert failed.exit_code != 0 and "Nothing was imported" in failed.output
    url = runner.invoke(app.cli, ["groups", "import", "https://feeds.example.org/services"])
    assert url.exit_code != 0 and "turned off" in url.output


def test_a_large_import_brings_the_databases_statistics_up_to_date(app):
    """So that searches over listings that just arrived are planned well at once: on
    PostgreSQL before autovacuum comes round, on SQLite at all (issue 16)."""
    from bench.groups import generated_feed

    last_analyse = text("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'locations'")
    with app.app_context():
        sqlite = db.engine.dialect.name == "sqlite"
        if sqlite:
            db.session.execute(text("ANALYZE sqlite_schema"))  # makes sqlite_stat1
            db.session.execute(text("DELETE FROM sqlite_stat1"))
        else:
            before = db.session.scalar(last_analyse)
        db.session.commit()
        report = import_feed(json.dumps({"contents": generated_feed(120)}))
        db.session.commit()
        assert len(report.added) == 120
        if sqlite:
            stats = db.session.scalars(
                text("SELECT stat FROM sqlite_stat1 WHERE tbl = 'locations'")
            ).all()
            assert stats and all(stat.startswith("120") for stat in stats)
        else:
            after = db.session.scalar(last_analyse)
            assert after is not None and (before is None or after > before)
