"""`flask reminders send` (one pass, for cron) and `flask reminders worker` (keeps going)."""

from __future__ import annotations

import signal
import threading
from datetime import timedelta
from types import FrameType

import click
from flask import current_app
from flask.cli import AppGroup

from app.data.base import utcnow
from app.data.database import db
from app.data.reminders.queries import next_due_at
from app.reminders.dispatcher import Dispatcher, PassReport

IDLE_WAIT = timedelta(minutes=1)

reminders_cli = AppGroup("reminders", help="Send the reminders that are due.")


def _describe(report: PassReport) -> str:
    return (
        f"planned {report.planned} people; claimed {report.claimed}, sent {report.sent}, "
        f"deferred {report.deferred} (quiet hours), retrying {report.retrying}, "
        f"failed {report.failed}; removed {report.devices_removed} devices"
    )


@reminders_cli.command("send")
def send() -> None:
    """Send every reminder that is due now, once, then stop."""
    dispatcher = Dispatcher(current_app._get_current_object())  # type: ignore[attr-defined]
    try:
        click.echo(_describe(dispatcher.run_pass()))
    finally:
        dispatcher.close()


@reminders_cli.command("worker")
@click.option("--passes", type=int, default=0, help="Stop after this many passes (0: never).")
def worker(passes: int) -> None:
    """Keep sending reminders as they come due. Stops cleanly on SIGTERM or Ctrl+C."""
    stop = threading.Event()

    def _stop(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
    dispatcher = Dispatcher(current_app._get_current_object())  # type: ignore[attr-defined]
    done = 0
    try:
        while not stop.is_set():
            click.echo(_describe(dispatcher.run_pass()))
            done += 1
            if passes and done >= passes:
                break
            stop.wait(_seconds_until_next())
    finally:
        dispatcher.close()


def _seconds_until_next() -> float:
    """Sleep until the next reminder is due, but wake at least every minute so newly
    planned reminders (and people whose plans need working out) are not kept waiting."""
    due = next_due_at(db.session)
    db.session.remove()
    if due is None:
        return IDLE_WAIT.total_seconds()
    return max(1.0, min((due - utcnow()).total_seconds(), IDLE_WAIT.total_seconds()))
