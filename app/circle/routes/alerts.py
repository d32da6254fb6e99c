""" "I need help": one button that alerts the members the person chose, and always shows
Get help now alongside. It never replaces 999."""

from __future__ import annotations

from datetime import timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app import access
from app.access import signed_in
from app.circle import bp
from app.circle.alert_delivery import deliver
from app.circle.forms import HelpAlertForm
from app.circle.opening import owner
from app.data.accounts.models import User
from app.data.base import utcnow
from app.data.circle.alerts import (
    alert_recipients,
    alerts_since,
    create_help_alert,
    get_own_alert,
    last_call_back,
    mark_alert_seen,
    resolve_alert,
)
from app.data.reminders.queries import list_subscriptions
from app.extensions import limiter
from app.forms import ButtonForm

ALERTS_PER_HOUR = 3


@bp.route("/help/alert", methods=["GET", "POST"])
@signed_in
@limiter.limit("10 per hour", methods=["POST"])
def send_help_alert() -> str | Response:
    """Asks once ("Send it to Sam and Rae?"), with a number to call back on if they want;
    the national numbers stay on the page all the while (issue 10)."""
    person: User = owner()
    recipients = [
        (m.label or m.member.name_to_show, bool(list_subscriptions(m.member_id)))
        for m in alert_recipients(person)
    ]
    if not recipients:
        return redirect(url_for("help.help_now"))
    form = HelpAlertForm(
        data={"call_back": last_call_back(person)} if request.method == "GET" else None
    )
    if request.method == "GET" or not form.validate_on_submit():
        return render_template("circle/alert_confirm.html", form=form, recipients=recipients)
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
    alert = create_help_alert(person, form.call_back.data or "")
    deliver(alert)
    return render_template("circle/alert_sent.html", alert=alert, ok_form=ButtonForm(formdata=None))


@bp.post("/help/alert/<int:alert_id>/ok")
@signed_in
def help_alert_ok(alert_id: int) -> str | Response:
    """ "I'm OK now": the alert is taken back, and the people told are told that too."""
    person: User = owner()
    if not ButtonForm().validate_on_submit():
        abort(400)
    alert = get_own_alert(person, alert_id)
    if alert is None:
        abort(404)
    if resolve_alert(alert):
        deliver(alert)
        flash(_("Thank you. We have told them you are OK now."), "success")
    return redirect(url_for("help.help_now"))


@bp.post("/circle/alerts/<int:alert_id>/seen")
@signed_in
def alert_seen(alert_id: int) -> Response:
    if not ButtonForm().validate_on_submit():
        abort(400)
    me: User = access.current_person()
    if not mark_alert_seen(me, alert_id):
        abort(404)
    return redirect(url_for("home.index"))
