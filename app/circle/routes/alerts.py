""" "I need help": one button that alerts the members the person chose, and always shows
Get help now alongside. It never replaces 999."""

from __future__ import annotations

from datetime import timedelta

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app import access
from app.access import signed_in
from app.circle import bp
from app.circle.alert_delivery import deliver
from app.circle.opening import owner
from app.data.accounts.models import User
from app.data.base import utcnow
from app.data.circle.alerts import alerts_since, create_help_alert, mark_alert_seen
from app.extensions import limiter
from app.forms import ButtonForm

ALERTS_PER_HOUR = 3


@bp.post("/help/alert")
@signed_in
@limiter.limit("10 per hour")
def send_help_alert() -> str | Response:
    person: User = owner()
    if not ButtonForm().validate_on_submit():
        abort(400)
    if alerts_since(person, utcnow() - timedelta(hours=1)) >= ALERTS_PER_HOUR:
        flash(
            _(
                "You have already sent %(count)s alerts in the last hour. "
                "If you need help now, call one of the numbers below.",
                count=ALERTS_PER_HOUR,
            ),
            "error",
        )
        return redirect(url_for("help.help_now"))
    alert = create_help_alert(person)
    deliver(alert)
    return render_template("circle/alert_sent.html", alert=alert)


@bp.post("/circle/alerts/<int:alert_id>/seen")
@signed_in
def alert_seen(alert_id: int) -> Response:
    if not ButtonForm().validate_on_submit():
        abort(400)
    me: User = access.current_person()
    if not mark_alert_seen(me, alert_id):
        abort(404)
    return redirect(url_for("home.index"))
