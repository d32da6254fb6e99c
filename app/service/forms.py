"""Forms for joining and leaving a service, choosing a report's period, and recording
what a worker signposted someone to."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, Field, RadioField, SelectField, StringField, ValidationError
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Optional

from app.forms import Form, MaxLength
from app.service.equality import PREFER_NOT, QUESTIONS, clean_postcode_district
from app.service.wording import SIGNPOST_LABELS

STAY_COUNTED = "stay_counted"
STOP_COUNTING = "stop_counting"


class JoinCodeForm(Form):
    code = StringField(
        _l("Service code"),
        description=_l("Your worker or the service gives you this. For example: ABCDE-23456"),
        validators=[InputRequired(_l("Enter the service code")), MaxLength(40)],
    )


class LeaveForm(Form):
    choice = RadioField(
        _l("What should happen to what the service counted?"),
        choices=[
            SelectChoice(
                STAY_COUNTED, _l("Leave, and let them keep counting the time I was with them")
            ),
            SelectChoice(STOP_COUNTING, _l("Leave, and take me out of all their reports")),
        ],
        validators=[InputRequired(_l("Choose what should happen to what the service counted"))],
    )


class DayField(DateField):
    """A date in the form 2026-07-01 (what a date input sends), with our own words when
    it is not one, in the person's language."""

    def __init__(self, label: object, invalid: object, **kwargs: object) -> None:
        super().__init__(label, **kwargs)
        self.invalid = invalid

    def process_formdata(self, valuelist: list[str]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(str(self.invalid)) from error


class PeriodForm(Form):
    """The report's dates, sent with GET so a report has an address to keep and share."""

    start = DayField(
        _l("From"),
        _l("Enter the first day as year, month and day, like 2026-07-01"),
        description=_l("The first day of the period, for example 2026-07-01"),
        validators=[InputRequired(_l("Enter the first day of the period, like 2026-07-01"))],
    )
    end = DayField(
        _l("To"),
        _l("Enter the last day as year, month and day, like 2026-09-30"),
        description=_l("The last day of the period, for example 2026-09-30"),
        validators=[InputRequired(_l("Enter the last day of the period, like 2026-09-30"))],
    )


def equality_form(answers: dict[str, str] | None, formdata: object) -> Form:
    """A form with one optional question per equality question (app/service/equality.py),
    each with "Prefer not to say"."""

    class EqualityForm(Form):
        pass

    for question in QUESTIONS:
        if question.choices:
            field: object = RadioField(
                question.label,
                choices=[
                    *(SelectChoice(code, label) for code, label in question.choices),
                    SelectChoice(PREFER_NOT, _l("Prefer not to say")),
                ],
                validators=[Optional()],
            )
        else:
            field = StringField(
                question.label,
                description=question.hint,
                validators=[Optional(), PostcodeDistrict()],
            )
        setattr(EqualityForm, question.key, field)
    if formdata is not None:
        return EqualityForm(formdata=formdata)  # what was sent, nothing filled in besides
    return EqualityForm(formdata=None, data=answers or {})


class PostcodeDistrict:
    """The first part of a postcode only (OX28), or "prefer not to say" typed as such."""

    def __call__(self, form: Form, field: Field) -> None:
        typed = (field.data or "").strip()
        if typed and clean_postcode_district(typed) is None:
            raise ValidationError(_l("Enter only the first part of a postcode, like OX28"))


class StaffInviteForm(Form):
    role = RadioField(
        _l("What will they do?"),
        choices=[
            SelectChoice("worker", _l("Worker or peer mentor: sees who is due a review")),
            SelectChoice("manager", _l("Manager: also sees reports and manages staff")),
        ],
        validators=[InputRequired(_l("Choose what they will do"))],
    )


class StaffCodeForm(Form):
    code = StringField(
        _l("Staff invite code"),
        description=_l("Your manager gives you this. For example: ABCDE-23456"),
        validators=[InputRequired(_l("Enter the staff invite code")), MaxLength(40)],
    )


class SignpostForm(Form):
    """What a worker signposted a member to: a kind from the commissioners' list and,
    if they like, one listing from Find groups. No words: nothing here is free text.
    The listing's choices are set by the view; one that is not a listing people can
    find is told in words, not refused as "not a valid choice"."""

    signposted_to = RadioField(
        _l("What did you signpost them to?"),
        choices=[SelectChoice(kind, label) for kind, label in SIGNPOST_LABELS.items()],
        validate_choice=False,
        validators=[
            InputRequired(_l("Choose what you signposted them to")),
            AnyOf(list(SIGNPOST_LABELS), message=_l("Choose one of the kinds of help listed")),
        ],
    )
    listing = SelectField(
        _l("Group or service in Find groups (optional)"),
        description=_l("Choose one if you pointed them to a particular group or service."),
        validate_choice=False,
        validators=[Optional()],
    )
