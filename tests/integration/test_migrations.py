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
