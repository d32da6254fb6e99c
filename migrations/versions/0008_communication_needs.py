"""communication needs recorded as NHS SNOMED CT codes, one row per need, with when
the person was asked and last checked them (the Accessible Information Standard); BSL
videos a service attaches to the main pages

Moves each person's needs from the JSON list on `communication_needs` into
`communication_need_items`. A need whose old meaning has one matching NHS concept keeps
that code; one that did not say exactly one thing ("A lipspeaker or deafblind
interpreter") is kept in the words the person ticked, with no code. Nothing is lost:
the downgrade puts every need back on the list.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 22:10:00

"""

import json

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# Plain ALTER TABLE, never batch_alter_table (see 0005): on SQLite a batch copies and
# drops the table, and the drop cascades.

# The codes as they were on the day of this migration (app/needs/ais_snomed.json may
# change later; a migration must not). Old key -> [(kind, new key, code, term, words)].
BSL = ("204331000000107", "British Sign Language interpreter needed")
OLD_NEEDS = {
    "large_print": [
        (
            "format",
            "large_print",
            "957331000000109",
            "Requires written information in at least 20 point sans serif font",
            "",
        )
    ],
    "easy_read": [
        ("format", "easy_read", "796161000000101", "Requires information in Easyread", "")
    ],
    "plain_words": [("format", "plain_words", None, "", "")],
    "bsl_interpreter": [("support", "bsl_interpreter", *BSL, "")],
    "lipspeaker": [("support", "", None, "", "A lipspeaker or deafblind interpreter")],
    "braille": [("format", "", None, "", "Braille")],
    "audio": [("format", "", None, "", "Audio or someone reading to me")],
    "email": [
        ("format", "email_information", "936581000000101", "Requires information by email", "")
    ],
    "text_message": [
        (
            "contact",
            "contact_text",
            "936701000000103",
            "Requires contact by short message service text message",
            "",
        ),
        ("contact", "no_phone_calls", None, "", ""),
    ],
    "hearing_loop": [("support", "hearing_loop", "198061000000105", "Uses hearing loop", "")],
    "extra_time": [
        ("support", "extra_time", "1108171000000102", "Requires extended appointment", "")
    ],
    "someone_with_me": [("support", "someone_with_me", None, "", "")],
    "interpreter": [("support", "interpreter", "315594003", "Interpreter needed", "")],
}
# A language typed in words that names one Keepwell lists becomes its key, so an
# interpreter can be coded for it.
LANGUAGE_KEYS = {
    "english": "en",
    "british sign language": "bsl",
    "bsl": "bsl",
    "welsh": "cy",
    "polish": "pl",
    "urdu": "ur",
    "arabic": "ar",
    "panjabi": "pa",
    "punjabi": "pa",
    "gujarati": "gu",
    "cantonese": "yue",
    "mandarin": "cmn",
}
INTERPRETERS = {
    "bsl": BSL,
    "cy": ("204231000000101", "Welsh language interpreter needed"),
    "pl": ("203901000000102", "Polish language interpreter needed"),
    "ur": ("204211000000109", "Urdu language interpreter needed"),
    "ar": ("203311000000101", "Arabic language interpreter needed"),
    "pa": ("203961000000103", "Panjabi language interpreter needed"),
    "gu": ("203601000000106", "Gujarati language interpreter needed"),
    "yue": ("203381000000108", "Cantonese language interpreter needed"),
    "cmn": ("203821000000101", "Mandarin language interpreter needed"),
}
LANGUAGE_NAMES = {
    "en": "English",
    "bsl": "British Sign Language",
    "cy": "Welsh",
    "pl": "Polish",
    "ur": "Urdu",
    "ar": "Arabic",
    "pa": "Panjabi",
    "gu": "Gujarati",
    "yue": "Cantonese",
    "cmn": "Mandarin",
}

needs_table = sa.table(
    "communication_needs",
    sa.column("id", sa.Integer()),
    sa.column("owner_id", sa.Integer()),
    sa.column("needs", sa.JSON()),
    sa.column("language", sa.String()),
    sa.column("updated_at_utc", sa.DateTime()),
    sa.column("asked_at_utc", sa.DateTime()),
    sa.column("checked_at_utc", sa.DateTime()),
)


def _items_table():
    return op.create_table(
        "communication_need_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("snomed_id", sa.String(length=20), nullable=True),
        sa.Column("snomed_term", sa.String(length=200), nullable=False),
        sa.Column("own_words", sa.Text(), nullable=False),
        sa.Column("created_at_utc", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_communication_need_items_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_communication_need_items")),
    )


def _as_list(value):
    if isinstance(value, str):  # some drivers hand JSON back as text
        value = json.loads(value or "[]")
    return list(value or [])


def upgrade():
    op.create_table('bsl_videos',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('page_key', sa.String(length=60), nullable=False),
    sa.Column('file_name', sa.String(length=80), nullable=False),
    sa.Column('media_type', sa.String(length=40), nullable=False),
    sa.Column('captions', sa.Text(), nullable=False),
    sa.Column('transcript', sa.Text(), nullable=False),
    sa.Column('updated_at_utc', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bsl_videos')),
    sa.UniqueConstraint('page_key', name=op.f('uq_bsl_videos_page_key'))
    )
    items = _items_table()
    op.create_index(
        op.f("ix_communication_need_items_owner_id"),
        "communication_need_items",
        ["owner_id"],
        unique=False,
    )
    op.add_column("communication_needs", sa.Column("asked_at_utc", sa.DateTime(), nullable=True))
    op.add_column("communication_needs", sa.Column("checked_at_utc", sa.DateTime(), nullable=True))
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(
            needs_table.c.id,
            needs_table.c.owner_id,
            needs_table.c.needs,
            needs_table.c.language,
            needs_table.c.updated_at_utc,
        )
    ).all()
    for row in rows:
        language = LANGUAGE_KEYS.get((row.language or "").strip().lower(), row.language or "")
        new_rows = []
        for old in _as_list(row.needs):
            for kind, key, code, term, words in OLD_NEEDS.get(
                old, [("support", "", None, "", old)]
            ):
                if key == "interpreter" and language in INTERPRETERS:
                    code, term = INTERPRETERS[language]
                new_rows.append(
                    {
                        "owner_id": row.owner_id,
                        "kind": kind,
                        "key": key,
                        "snomed_id": code,
                        "snomed_term": term,
                        "own_words": words,
                        "created_at_utc": row.updated_at_utc,
                    }
                )
        if new_rows:
            connection.execute(items.insert(), new_rows)
        # Recorded then: asked then, and right as of then.
        connection.execute(
            needs_table.update()
            .where(needs_table.c.id == row.id)
            .values(
                language=language,
                asked_at_utc=row.updated_at_utc,
                checked_at_utc=row.updated_at_utc,
            )
        )
    op.drop_column("communication_needs", "needs")


def downgrade():
    op.add_column(
        "communication_needs",
        sa.Column("needs", sa.JSON(), nullable=False, server_default=sa.text("'[]'")),
    )
    connection = op.get_bind()
    items = sa.table(
        "communication_need_items",
        sa.column("owner_id", sa.Integer()),
        sa.column("key", sa.String()),
        sa.column("own_words", sa.Text()),
        sa.column("id", sa.Integer()),
    )
    back = {new[1]: old for old, news in OLD_NEEDS.items() for new in news if new[1]}
    back["no_phone_calls"] = "text_message"
    for row in connection.execute(
        sa.select(needs_table.c.id, needs_table.c.owner_id, needs_table.c.language)
    ).all():
        old = []
        for item in connection.execute(
            sa.select(items.c.key, items.c.own_words)
            .where(items.c.owner_id == row.owner_id)
            .order_by(items.c.id)
        ):
            # Every need goes back: an old key where there was one, else the new key or
            # the person's words (the old page shows an unknown key as it is).
            value = back.get(item.key) or item.key or item.own_words
            if value and value not in old:
                old.append(value)
        connection.execute(
            needs_table.update()
            .where(needs_table.c.id == row.id)
            .values(
                needs=old,
                language=LANGUAGE_NAMES.get(row.language, row.language or ""),
            )
        )
    op.drop_column("communication_needs", "checked_at_utc")
    op.drop_column("communication_needs", "asked_at_utc")
    op.drop_index(
        op.f("ix_communication_need_items_owner_id"), table_name="communication_need_items"
    )
    op.drop_table("communication_need_items")
    op.drop_table("bsl_videos")
