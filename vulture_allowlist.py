"""What vulture (`make lint`'s dead-code check) cannot see being used, and why each stays.

Flask views, CLI commands, data-download sections, SQLAlchemy events and WTForms hooks
are found through their decorators or names (see the Makefile's `lint` target); model
columns (models.py) are the schema, kept in step with the migrations by a test. What is
left is listed here."""

# ruff: noqa: F821, B018
# The app factory, named by gunicorn ("app:create_app()") and `flask` (FLASK_APP).
create_app
# The column type every models.py uses (models.py files are not scanned).
UTCDateTime
# Attributes read by libraries: Flask-Login's settings, Flask's session, Alembic's hook.
_.login_view
_.session_protection
_.permanent
_.session_interface
include_object
compare_to
reflected
# Read through flask.g (g.get("...")) by app/access.py, app/web.py, app/circle/mounting.py
# and app/circle/templating.py: vulture cannot follow g.
_.access_required
_.access_viewed
_.error_page
_.session_ended
_.has_help_alerts
_.viewed_person_id
_.database_down
_.easy_read_page  # set by app/needs/easy_read.py, read by easy_read/_intro.html
# Written to the database row; read back by templates and the data download.
_.pushed_devices
_.accepted_by_id
_.decided_at_utc
# Read only by templates (Jinja), which vulture does not parse.
tag  # Language.tag: <html lang> and hreflang
icon  # Term.icon: the access-needs icons on Find groups
near_me
cards
has_filters
radar
own
autocomplete
add_label
intro
chosen_labels  # SearchForm: "You chose: …" over the results
is_current  # NavItem: aria-current in the menu
lows  # ProgressPage.lows / LowArea: the "some things are hard" panel
group_type
easy_words_for  # Instrument.easy_words_for: the easy-read ladder (outcomes/_macros.html)
# Checked by tests as a statement of the rule's strength (49 bits), not used at run time.
ENTROPY_BITS
# Read by app/outcomes/loading.py from a licensed tool's JSON file (kept with the tool).
licence
# Outcome measures for the service reports (the commissioning papers' "share making
# positive progress", "average change"): unit-tested, and used by the service view.
not_compared
made_positive_progress
overall_score
average_change_of_those_progressing
service_progress
in_scale
# Plain statements of rules that are also written as SQL (is_evening: search.py's evening
# filter) or parsed by a form field (parse_clock: the reminder time fields), unit-tested
# so the two cannot drift apart.
is_evening
parse_clock
# The signature socket.create_connection has, which http.client calls us with.
source_address
# http.client.HTTPConnection's own hook, replaced for push (app/reminders/push.py).
_._create_connection
# Find groups / ORUK: columns written through the ORM and read by templates (checked_by)
# or kept as Keepwell's own change time beside the publisher's (changed_at_utc); format
# checks registered with jsonschema by decorator (app/groups/oruk_schema.py).
_.checked_by
_.changed_at_utc
is_uri
is_date_time
# Service reports: fields read by name (getattr) from the tables of labels in
# app/service/wording.py, so the CSV and the page list every measure in one order.
over_six_months
baselines_done
reviews_done
ongoing_reviews_done
reviews_due
ongoing_reviews_due
new_peer_support
together
average_baseline
average_gain
# Called from the reviews-due template (service/due.html).
overdue
up_to_date_together
of_kind  # NeedsSummary.of_kind: used by needs/summary.html
max_content_length  # flask.Request.max_content_length, set per request for BSL video uploads
# Tests start cold: they clear the kept drawings of plan parts (app/plan/fragments.py).
forget_drawings
