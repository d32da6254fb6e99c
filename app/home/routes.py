"""The front door: what Keepwell is, or (signed in) what needs a look today."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, jsonify, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from app import access
from app.access import Action, public
from app.data.base import utcnow
from app.data.circle.members import does_support_anyone, supported_people
from app.data.health import database_answers
from app.data.plans.queries import get_plan_for_owner, last_change
from app.forms import ButtonForm
from app.home import bp
from app.needs import easy_read
from app.plan.parts import PARTS, PARTS_BY_KEY
from app.plan.review import plan_review_state
from app.plan.starting import start_here, started_parts


@bp.get("/")
@public
def index() -> str:
    if not current_user.is_authenticated:
        return render_template(
            easy_read.page("home/welcome.html"), demo_form=ButtonForm(formdata=None)
        )
    owner = access.current_person()
    access.require(current_user, owner.id, access.PLAN, Action.VIEW)
    plan = get_plan_for_owner(owner.id, with_parts=True)
    started = started_parts(plan)
    # Nothing written yet: a path to start on, and no review to nag about.
    review = plan_review_state(plan, owner.timezone) if plan and started else None
    last = last_change(plan) if plan and started else None
    return render_template(
        "home/dashboard.html",
        review=review,
        last=last,
        last_part=PARTS_BY_KEY.get(last.part_key) if last else None,
        review_form=ButtonForm(formdata=None),
        start_here=start_here(started) if len(started) < len(PARTS) else None,
        parts_started=len(started),
        parts_total=len(PARTS),
        supported=supported_people(owner.id, per_page=5) if does_support_anyone(owner.id) else None,
    )


@bp.get("/healthz")
@public
def health() -> tuple[Response, int]:
    try:
        database_answers()
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        current_app.logger.exception("Health check could not reach the database")
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok"), 200


@bp.get("/.well-known/security.txt")
@public
def security_txt() -> Response:
    """How to tell us about a vulnerability (RFC 9116). The contact is the service's own
    (KEEPWELL_SECURITY_CONTACT); the file says it is good for six months from today."""
    expires = (utcnow() + timedelta(days=180)).replace(microsecond=0)
    lines = [
        f"Contact: {current_app.config['SECURITY_CONTACT']}",
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: en, cy",
        f"Canonical: {url_for('home.security_txt', _external=True)}",
        f"Policy: {current_app.config['SECURITY_POLICY_URL']}",
    ]
    response = current_app.response_class("\n".join(lines) + "\n", mimetype="text/plain")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response
