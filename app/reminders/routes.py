"""Reminder settings, each device's push subscription, and a calendar file instead.

Turning push on needs JavaScript (the browser makes the subscription); everything else
here works without it, and a device that cannot get push can download the next review
as a calendar event."""

from __future__ import annotations

import logging

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app import access
from app.access import Action, signed_in
from app.data.accounts.models import User
from app.data.base import utcnow
from app.data.plans.queries import get_plan_for_owner
from app.data.reminders.queries import (
    get_settings,
    list_subscriptions,
    remove_subscription,
    save_settings,
    save_subscription,
    settings_or_default,
)
from app.extensions import limiter
from app.forms import ButtonForm
from app.needs import easy_read
from app.outcomes.loading import instruments
from app.outcomes.reviews import review_due
from app.plan.review import plan_review_state
from app.reminders import bp, calendar
from app.reminders.dispatcher import current_insecure_origins
from app.reminders.forms import ForgetForm, SettingsForm, SubscribeForm
from app.reminders.push import BadSubscription, parse_subscription
from app.reminders.vapid import vapid_keys
from app.template_filters import device_name

log = logging.getLogger(__name__)


def person_for(action: Action) -> User:
    person: User = access.viewed_person()
    access.require(current_user, person.id, access.REMINDERS, action)
    return person


@bp.route("", methods=["GET", "POST"])
@signed_in
def settings() -> str | Response:
    person = person_for(Action.CHANGE if request.method == "POST" else Action.VIEW)
    saved = settings_or_default(person.id)
    form = SettingsForm(
        data={
            "review_due": saved.review_due,
            "plan_review": saved.plan_review,
            "check_in": saved.check_in,
            "send_at": saved.send_at,
            "quiet_start": saved.quiet_start,
            "quiet_end": saved.quiet_end,
            "show_detail": saved.show_detail,
            "timezone": person.timezone,
        }
        if request.method == "GET"
        else None
    ).setup(person.timezone)
    if form.validate_on_submit():
        person.timezone = form.timezone.data
        save_settings(
            person.id,
            review_due=form.review_due.data,
            plan_review=form.plan_review.data,
            check_in=form.check_in.data,
            send_at=form.send_at.data,
            quiet_start=form.quiet_start.data,
            quiet_end=form.quiet_end.data,
            show_detail=form.show_detail.data,
        )
        flash(_("Reminder settings saved."), "success")
        return redirect(url_for(".settings"))
    return render_template(
        easy_read.page("reminders/settings.html"),
        form=form,
        devices=list_subscriptions(person.id),
        vapid_public_key=vapid_keys().public_key,
        subscribe_form=SubscribeForm(formdata=None),
        button_form=ButtonForm(formdata=None),
    )


def _json_error(message: str, status: int = 400) -> tuple[Response, int]:
    return jsonify(error=message), status


@bp.post("/devices")
@signed_in
@limiter.limit("30 per hour")
def subscribe() -> tuple[Response, int]:
    """Called by push.js once the browser has made a subscription for this device."""
    person = person_for(Action.CHANGE)
    form = SubscribeForm()
    try:
        found = parse_subscription(form.subscription.data or "", current_insecure_origins())
    except BadSubscription as error:
        log.info("Refused a push subscription: %s", error)
        return _json_error(_("This device's reminder details could not be used. Try again."))
    if get_settings(person.id) is None:  # a first device turns on the default reminders
        save_settings(person.id)
    device = device_name(request.headers.get("User-Agent", ""))[:200]
    save_subscription(person, found.endpoint, found.p256dh, found.auth, device)
    flash(_("Reminders are on for this device."), "success")
    return jsonify(ok=True), 201


@bp.post("/devices/forget")
@signed_in
def forget() -> tuple[Response, int]:
    """push.js: this browser unsubscribed; stop sending to it."""
    person = person_for(Action.CHANGE)
    endpoint = ForgetForm().endpoint.data or ""
    if not endpoint or len(endpoint) > 1024:
        return _json_error(_("This device's reminder details could not be used. Try again."))
    remove_subscription(person.id, endpoint=endpoint)
    flash(_("Reminders are off for this device."), "success")
    return jsonify(ok=True), 200


@bp.post("/devices/<int:subscription_id>/remove")
@signed_in
def remove_device(subscription_id: int) -> Response:
    person = person_for(Action.CHANGE)
    if remove_subscription(person.id, subscription_id=subscription_id):
        flash(_("That device will not get reminders any more."), "success")
    return redirect(url_for(".settings", _anchor="devices"))


@bp.get("/next-review.ics")
@signed_in
def next_review_calendar() -> Response:
    person = person_for(Action.VIEW)
    access.require(current_user, person.id, access.PROGRESS, Action.VIEW)
    events = []
    detail = settings_or_default(person.id).show_detail
    for instrument in instruments().values():
        due = review_due(person, instrument)
        if due is not None:
            events.append(
                calendar.Event(
                    uid=f"progress-{person.id}-{instrument.key}-{due.state.due_on.isoformat()}@keepwell",
                    on=due.state.due_on,
                    summary=_("Progress review (Keepwell)") if detail else _("Keepwell reminder"),
                    description=_("Open Keepwell to fill in your review."),
                    url=url_for("outcomes.start", instrument_key=instrument.key, _external=True),
                )
            )
    plan = get_plan_for_owner(person.id)
    if plan is not None and access.can(current_user, person.id, access.PLAN, Action.VIEW):
        state = plan_review_state(plan, person.timezone)
        events.append(
            calendar.Event(
                uid=f"plan-{person.id}-{state.due_on.isoformat()}@keepwell",
                on=state.due_on,
                summary=_("Plan review (Keepwell)") if detail else _("Keepwell reminder"),
                description=_("Open Keepwell to read through your plan."),
                url=url_for("plan.overview", _external=True),
            )
        )
    response = Response(calendar.calendar(events, utcnow()), mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'attachment; filename="keepwell-reviews.ics"'
    response.headers["Cache-Control"] = "no-store"
    return response
