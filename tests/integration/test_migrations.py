"""The schema comes only from the migrations, and the models match it exactly."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.data.database import db
from app.data.db_setup import include_object


def test_the_models_match_the_schema_the_migrations_build(app):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "render_as_batch": True,
                # Full-text search tables and columns differ by database and have no
                # model; everything else must still match exactly.
                "include_object": include_object,
            },
        )
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_the_database_runs_with_the_settings_we_rely_on(app):
    with app.app_context(), db.engine.connect() as connection:
        if db.engine.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        else:
            assert db.engine.dialect.name == "postgresql"
            assert db.engine.dialect.driver == "psycopg"
            version = connection.exec_driver_sql("SHOW server_version_num").scalar()
            assert int(version) >= 130000


def test_0006_files_earlier_imports_under_a_publisher_and_downgrades_keeping_listings(app):
    """Listings imported before 0006 stay updatable by their feed (and no other); going
    back to 0005 drops only the new columns, never a listing or a rating's parent."""
    from flask_migrate import downgrade, upgrade
    from sqlalchemy import text

    rows = {
        "organizations": "INSERT INTO organizations (id, name, description) "
        "VALUES ('o1', 'Org', 'An org')",
        "services": "INSERT INTO services (id, organization_id, name, description, status, "
        "last_modified, is_free, is_demo, source_hash, assured_date) VALUES ('s1', 'o1', "
        "'Fed', '', 'active', '2026-01-01 00:00:00', false, false, 'abc', '2026-01-02'), "
        "('s2', 'o1', 'Typed in', '', 'active', '2026-01-01 00:00:00', false, false, NULL, "
        "NULL)",
        "locations": "INSERT INTO locations (id, location_type) VALUES ('l1', 'physical')",
        "service_at_locations": "INSERT INTO service_at_locations (id, service_id, "
        "location_id) VALUES ('a1', 's1', 'l1')",
    }
    with app.app_context():
        downgrade(revision="0005")
        try:
            with db.engine.begin() as connection:
                for statement in rows.values():
                    connection.execute(text(statement))
            upgrade()
            with db.engine.connect() as connection:
                found = dict(connection.execute(text("SELECT id, publisher FROM services")).all())
                assert found == {"s1": "feed", "s2": None}
                assert (
                    connection.execute(
                        text("SELECT checked_by FROM services WHERE id = 's1'")
                    ).scalar()
                    == "feed"
                )
                for table, entity in (("organizations", "o1"), ("locations", "l1")):
                    publisher = connection.execute(
                        text(f"SELECT publisher FROM {table} WHERE id = :id"),  # noqa: S608
                        {"id": entity},
                    ).scalar()
                    assert publisher == "feed"
            downgrade(revision="0005")
            with db.engine.connect() as connection:
                assert connection.execute(text("SELECT count(*) FROM services")).scalar() == 2
                assert connection.execute(text("SELECT count(*) FROM locations")).scalar() == 1
        finally:
            upgrade()
            with db.engine.begin() as connection:
                for table in ("service_at_locations", "locations", "services", "organizations"):
                    connection.execute(text(f"DELETE FROM {table}"))  # noqa: S608


def test_0011_numbers_sqlites_index_rows_by_their_services_ids(app):
    """Rows indexed before 0011 had numbers SQLite chose; after it, each row's number is
    its service id's digest (search.fts_rowid), and its words are unchanged."""
    from flask_migrate import downgrade, upgrade
    from sqlalchemy import text

    from app.data.groups.search import fts_rowid

    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            # PostgreSQL keeps the words on the service's row: 0011 leaves it alone.
            downgrade(revision="0010")
            upgrade()
            return
        downgrade(revision="0010")
        try:
            with db.engine.begin() as connection:
                connection.execute(
                    text(
                        "INSERT INTO services_fts (service_id, body) VALUES "
                        "('s1', 'garden group'), ('s2', 'walking')"
                    )
                )
            upgrade()
            with db.engine.connect() as connection:
                rows = connection.execute(
                    text("SELECT rowid, service_id, body FROM services_fts ORDER BY service_id")
                ).all()
            assert [tuple(row) for row in rows] == [
                (fts_rowid("s1"), "s1", "garden group"),
                (fts_rowid("s2"), "s2", "walking"),
            ]
        finally:
            upgrade()
            with db.engine.begin() as connection:
                connection.execute(text("DELETE FROM services_fts"))
