"""The reminder dispatcher: plan, claim what is due, send, record what happened.

`flask reminders send` runs one pass (for cron); `flask reminders worker` keeps going.
Any number may run at once: each reminder row is claimed by one of them before sending
(see app/data/reminders/queries.py), so each is sent once. The dispatcher owns its
transactions: it commits after planning each person and after each batch it sends.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from flask import Flask, current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from app.accessibility.languages import babel_locale
from app.data.accounts.models import User
from app.data.base import utcnow
from app.data.database import db
from app.data.reminders.models import (
    CHECK_IN,
    FAILED,
    NEEDS_REVIEW,
    PLAN_REVIEW,
    SENT,
    PushSubscription,
    Reminder,
    ReminderSettings,
)
from app.data.reminders.queries import (
    claim_due,
    finish_reminders,
    new_claim_token,
    people_to_remind,
    record_device_outcomes,
    release_reminder,
)
from app.reminders.planning import plan_due_people, quiet_hours
from app.reminders.push import Message, Outcome, PushSender, Subscription
from app.reminders.timing import MAX_ATTEMPTS, after_quiet_hours, retry_delay
from app.reminders.vapid import vapid_keys

log = logging.getLogger(__name__)

TTL = {CHECK_IN: 12 * 3600, PLAN_REVIEW: 24 * 3600}
DEFAULT_TTL = 24 * 3600  # a review reminder is still worth having a day late
URGENCY = {CHECK_IN: "low"}


@dataclass
class PassReport:
    planned: int = 0
    claimed: int = 0
    sent: int = 0
    deferred: int = 0
    retrying: int = 0
    failed: int = 0
    devices_removed: int = 0


def topic_for(reminder: Reminder) -> str:
    """Same kind, same topic: a newer reminder replaces one a phone has not fetched."""
    if reminder.kind in (CHECK_IN, PLAN_REVIEW, NEEDS_REVIEW):
        return reminder.kind.replace("_", "-")
    return "review-" + reminder.subject.split(":", 1)[0][:24]


def detail_for(reminder: Reminder) -> tuple[str, str]:
    if reminder.kind == CHECK_IN:
        return _("Time for your daily check-in"), _("Have a look at your daily plan.")
    if reminder.kind == PLAN_REVIEW:
        return _("Your plan is due for a review"), _("Read it through and change anything.")
    if reminder.kind == NEEDS_REVIEW:
        return _("Are your communication needs still right?"), _("Check them, and change anything.")
    return _("Your progress review is due"), _("Score how things are going now.")


def message_for(reminder: Reminder, owner: User, settings: ReminderSettings | None) -> Message:
    payload: dict[str, object] = {"url": reminder.url, "kind": reminder.kind}
    if owner.discreet:
        payload["discreet"] = True
    if settings is not None and settings.show_detail:
        with force_locale(babel_locale(owner.locale)):
            title, body = detail_for(reminder)
        payload.update(title=title, body=body)
    return Message(
        payload=payload,
        ttl=TTL.get(reminder.kind, DEFAULT_TTL),
        urgency=URGENCY.get(reminder.kind, "normal"),
        topic=topic_for(reminder),
    )


class Dispatcher:
    def __init__(self, app: Flask, sender: PushSender | None = None, batch: int = 200) -> None:
        self.app = app
        self.batch = batch
        with app.app_context():
            self.sender = sender or PushSender(vapid_keys(), insecure_origins=insecure_origins(app))

    def run_pass(self, now: datetime | None = None) -> PassReport:
        report = PassReport()
        with self.app.test_request_context("/"):  # url_for and gettext need one
            moment = now or utcnow()
            report.planned = plan_due_people(moment, checkpoint=db.session.commit)
            token = new_claim_token()
            while rows := claim_due(db.session, token, moment, self.batch):
                report.claimed += len(rows)
                self._deliver(rows, token, moment, report)
            db.session.remove()
        return report

    def _deliver(self, rows: list[Reminder], token: str, now: datetime, report: PassReport) -> None:
        owners, settings, devices = people_to_remind({row.owner_id for row in rows})

        jobs: list[tuple[Subscription, Message]] = []
        targets: list[tuple[Reminder, PushSubscription]] = []
        for row in rows:
            owner, chosen = owners.get(row.owner_id), settings.get(row.owner_id)
            if owner is not None and chosen is not None:
                later = after_quiet_hours(now, quiet_hours(chosen), owner.timezone)
                if later != now:  # the dispatcher ran late, into quiet hours: wait
                    release_reminder(row, token, later)
                    report.deferred += 1
                    continue
            wanted = [
                d
                for d in devices[row.owner_id]
                if row.devices_left in (None, []) or d.id in row.devices_left
            ]
            if owner is None or not wanted:
                finish_reminders([row.id], token, FAILED, now)
                report.failed += 1
                continue
            message = message_for(row, owner, chosen)
            for device in wanted:
                jobs.append((Subscription(device.endpoint, device.p256dh, device.auth), message))
                targets.append((row, device))

        outcomes = self.sender.send_many(jobs)
        self._record(targets, outcomes, token, now, report)
        db.session.commit()  # the dispatcher's own boundary: this batch is done

    def _record(
        self,
        targets: list[tuple[Reminder, PushSubscription]],
        outcomes: list[Outcome],
        token: str,
        now: datetime,
        report: PassReport,
    ) -> None:
        by_row: dict[int, list[tuple[PushSubscription, Outcome]]] = defaultdict(list)
        rows = {}
        for (row, device), outcome in zip(targets, outcomes, strict=True):
            by_row[row.id].append((device, outcome))
            rows[row.id] = row
        delivered, gone, failing = [], [], []
        finished: dict[str, list[int]] = {SENT: [], FAILED: []}
        for row_id, results in by_row.items():
            row = rows[row_id]
            retry = [(d, o) for d, o in results if o.worth_retrying]
            delivered += [d.id for d, o in results if o.delivered]
            gone += [d.id for d, o in results if o.gone]
            failing += [d.id for d, o in results if not o.delivered and not o.gone]
            if not retry:
                reached = any(o.delivered for _, o in results)
                finished[SENT if reached else FAILED].append(row.id)
            elif row.attempts + 1 >= MAX_ATTEMPTS:
                finished[FAILED].append(row.id)
            else:
                wait = max(retry_delay(row.attempts + 1, o.retry_after, now) for _, o in retry)
                release_reminder(row, token, now + wait, [d.id for d, _ in retry], row.attempts + 1)
                report.retrying += 1
        for status, ids in finished.items():
            finish_reminders(ids, token, status, now)
        report.sent += len(finished[SENT])
        report.failed += len(finished[FAILED])
        record_device_outcomes(delivered, failing, gone, now)
        report.devices_removed += len(set(gone))

    def close(self) -> None:
        self.sender.close()


def insecure_origins(app: Flask) -> list[str]:
    """Plain-http push services are for development and tests only."""
    if app.config.get("TESTING") or app.config.get("KEEPWELL_ENV") == "development":
        return list(app.config.get("PUSH_INSECURE_ORIGINS") or [])
    return []


def current_insecure_origins() -> list[str]:
    return insecure_origins(current_app._get_current_object())  # type: ignore[attr-defined]
