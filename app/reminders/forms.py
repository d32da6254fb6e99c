"""Reminder settings: which reminders, when, quiet hours, and lock-screen detail."""

from __future__ import annotations

from zoneinfo import available_timezones

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, SelectField, TimeField
from wtforms.validators import InputRequired

from app.forms import Form
from app.reminders.timing import QuietHours

# Where people using an English service are most likely to be; a person's saved zone is
# added if it is not here.
TIME_ZONES = [
    ("Europe/London", _l("UK time (London)")),
    ("Europe/Dublin", "Europe/Dublin"),
    ("Europe/Lisbon", "Europe/Lisbon"),
    ("Europe/Paris", "Europe/Paris"),
    ("Europe/Berlin", "Europe/Berlin"),
    ("Europe/Madrid", "Europe/Madrid"),
    ("Europe/Warsaw", "Europe/Warsaw"),
    ("Europe/Bucharest", "Europe/Bucharest"),
    ("Europe/Athens", "Europe/Athens"),
    ("Europe/Istanbul", "Europe/Istanbul"),
    ("Africa/Lagos", "Africa/Lagos"),
    ("Africa/Nairobi", "Africa/Nairobi"),
    ("Asia/Dubai", "Asia/Dubai"),
    ("Asia/Karachi", "Asia/Karachi"),
    ("Asia/Kolkata", "Asia/Kolkata"),
    ("Asia/Dhaka", "Asia/Dhaka"),
    ("Asia/Hong_Kong", "Asia/Hong_Kong"),
    ("America/New_York", "America/New_York"),
    ("America/Chicago", "America/Chicago"),
    ("America/Los_Angeles", "America/Los_Angeles"),
    ("Australia/Sydney", "Australia/Sydney"),
    ("UTC", "UTC"),
]
TIME_MESSAGE = _l("Enter a time using the 24-hour clock, like 10:00")


class SettingsForm(Form):
    review_due = BooleanField(_l("When a progress review is due"))
    plan_review = BooleanField(_l("When my plan is due for a review"))
    check_in = BooleanField(
        _l("A daily check-in"),
        description=_l("Every day, a nudge to look at your daily plan."),
    )
    send_at = TimeField(
        _l("What time of day?"),
        description=_l("For example, 10:00 or 18:30."),
        validators=[InputRequired(TIME_MESSAGE)],
    )
    quiet_start = TimeField(_l("Quiet from"), validators=[InputRequired(TIME_MESSAGE)])
    quiet_end = TimeField(_l("Quiet until"), validators=[InputRequired(TIME_MESSAGE)])
    timezone = SelectField(_l("Your time zone"), validate_choice=False)
    show_detail = BooleanField(
        _l("Show what the reminder is about on my lock screen"),
        description=_l(
            "If this is off, a reminder only says “Keepwell: you have a reminder”. "
            "Leave it off if other people can see your phone."
        ),
    )

    def setup(self, current_zone: str) -> SettingsForm:
        choices = list(TIME_ZONES)
        if current_zone not in {value for value, _label in choices}:
            choices.append((current_zone, current_zone))
        self.timezone.choices = choices
        return self

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)
        for name in ("send_at", "quiet_start", "quiet_end"):
            field = self[name]
            if field.errors:  # WTForms' own wording is not ours; say what to do instead
                field.errors = [TIME_MESSAGE]
        if self.timezone.data not in available_timezones():
            self.timezone.errors = [_l("Choose your time zone from the list")]
            valid = False
        quiet_start, quiet_end, send_at = (
            self.quiet_start.data,
            self.quiet_end.data,
            self.send_at.data,
        )
        if (
            valid
            and quiet_start is not None
            and quiet_end is not None
            and send_at is not None
            and QuietHours(quiet_start, quiet_end).contains(send_at)
        ):
            self.send_at.errors = [
                _l(
                    "That time is in your quiet hours. "
                    "Choose another time, or change your quiet hours."
                )
            ]
            valid = False
        return valid


class SubscribeForm(Form):
    subscription = HiddenField()


class ForgetForm(Form):
    endpoint = HiddenField()
