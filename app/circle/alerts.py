""" "I need help": one button that alerts the members the person chose, and always shows
Get help now alongside. It never replaces 999."""

from __future__ import annotations

from datetime import timedelta

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.access import signed_in
from app.circle.alert_delivery import deliver
from app.circle.routes import bp, owner
from app.data.base import utcnow
from app.data.models import User
from app.data.sharing import alerts_since, create_help_alert, mark_alert_seen
from app.extensions import db, limiter
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
    db.session.commit()
    deliver(alert)
    return render_template("circle/alert_sent.html", alert=alert)


@bp.post("/circle/alerts/<int:alert_id>/seen")
@signed_in
def alert_seen(alert_id: int) -> Response:
    if not ButtonForm().validate_on_submit():
        abort(400)
    me: User = current_user._get_current_object()  # type: ignore[attr-defined]
    if not mark_alert_seen(me, alert_id):
        abort(404)
    db.session.commit()
    return redirect(url_for("home.index"))
