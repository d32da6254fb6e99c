"""How an "I need help" alert reaches people: the banner needs only the database rows;
this adds a web push to each device where the member turned push on.

Sent straight away, in the request, with a short timeout: this is the one message that
must not wait for the reminder dispatcher's next pass."""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _

from app.accessibility.languages import babel_locale
from app.data.accounts.models import User
from app.data.accounts.queries import get_user
from app.data.circle.models import HelpAlert
from app.data.database import db
from app.data.reminders.models import PushSubscription
from app.data.reminders.queries import forget_devices, list_subscriptions, settings_or_default
from app.reminders.dispatcher import current_insecure_origins
from app.reminders.push import Message, PushSender, Subscription
from app.reminders.vapid import vapid_keys

ALERT_TTL = 6 * 60 * 60  # after six hours a phone coming back online should not buzz
SEND_TIMEOUT = 5.0


def message_for(alert: HelpAlert, member: User) -> Message:
    payload: dict[str, object] = {"url": f"/people/{alert.owner_id}", "kind": "help_alert"}
    if member.discreet:
        payload["discreet"] = True
    with force_locale(babel_locale(member.locale)):
        if settings_or_default(member.id).show_detail:
            name = alert.owner.name_to_show
            if alert.resolved_at_utc is not None:
                payload["title"] = _("%(name)s says they are OK now", name=name)
            else:
                payload["title"] = _("%(name)s asked for help", name=name)
                payload["body"] = _("Contact them now if you can. In danger, call 999.")
        elif member.discreet:
            payload["title"] = _("An urgent message")
        else:
            # Nothing about who or why on a lock screen others may see.
            payload["title"] = _("Keepwell: an urgent message")
    # The same topic (and, on the phone, the same tag): "OK now" replaces "asked for help".
    return Message(payload, ttl=ALERT_TTL, urgency="high", topic=f"help-{alert.owner_id}")


def deliver(alert: HelpAlert) -> int:
    """Push to every device of every recipient; returns how many devices got it.

    Like the reminder dispatcher, this owns a transaction boundary: the alert is
    committed before any push goes out, so no lock is held while push services answer
    (up to SEND_TIMEOUT each) and a member who taps the notification finds the alert.
    What the push services said is saved when the request commits."""
    db.session.commit()
    jobs: list[tuple[Subscription, Message]] = []
    targets: list[tuple[int, PushSubscription]] = []
    for index, recipient in enumerate(alert.recipients):
        member = get_user(recipient.member_id)
        if member is None:
            continue
        message = message_for(alert, member)
        for device in list_subscriptions(member.id):
            jobs.append((Subscription(device.endpoint, device.p256dh, device.auth), message))
            targets.append((index, device))
    if not jobs:
        return 0
    sender = PushSender(vapid_keys(), current_insecure_origins(), timeout=SEND_TIMEOUT)
    try:
        outcomes = sender.send_many(jobs)
    finally:
        sender.close()
    gone = [
        device.id for (_i, device), outcome in zip(targets, outcomes, strict=True) if outcome.gone
    ]
    for (index, _device), outcome in zip(targets, outcomes, strict=True):
        if outcome.delivered:
            alert.recipients[index].pushed_devices += 1
    forget_devices(gone)
    return sum(1 for outcome in outcomes if outcome.delivered)
