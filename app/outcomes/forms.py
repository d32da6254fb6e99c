"""Forms for filling in an assessment, one area per page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, HiddenField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Optional

from app.data.outcomes.models import (
    ALONE,
    WITH_CARER,
    WITH_PEER_MENTOR,
    WITH_SOMEONE_ELSE,
    WITH_WORKER,
)
from app.forms import NAME_FILTERS, TEXT_FILTERS, Form, MaxLength
from app.outcomes.instruments import NOT_FOR_ME, PREFER_NOT, Instrument, Item

ONGOING_CHOICES = ("yes", "not_sure", "no")
PLAN_TARGETS = {
    "toolbox": ("wellness_toolbox", "tools"),
    "daily": ("daily_maintenance", "might_do"),
}


class StartForm(Form):
    # Made when the page is shown, so two taps on "Start" make one assessment.
    client_token = HiddenField()


class CompanionForm(Form):
    with_member = RadioField(
        _l("Which of them?"),
        description=_l("Choosing someone from your circle marks this as done together with them."),
        validate_choice=False,
    )

    completed_with = RadioField(
        _l("Are you filling this in on your own or with someone?"),
        choices=[
            SelectChoice(ALONE, _l("On my own")),
            SelectChoice(WITH_PEER_MENTOR, _l("With a peer mentor")),
            SelectChoice(WITH_WORKER, _l("With a support worker")),
            SelectChoice(WITH_CARER, _l("With a carer, friend or family member")),
            SelectChoice(WITH_SOMEONE_ELSE, _l("With someone else")),
        ],
        validators=[DataRequired(_l("Choose who you are filling this in with"))],
    )
    with_name = StringField(
        _l("Their name (optional)"),
        description=_l("So you remember who helped. Leave it blank if you are on your own."),
        filters=NAME_FILTERS,
        validators=[Optional(), MaxLength(80)],
    )


class AreaForm(Form):
    answer = RadioField(validate_choice=False)
    help = TextAreaField(
        _l("What would help? (optional)"),
        description=_l("For example, help with forms, a walking group, or talking to my GP."),
        filters=TEXT_FILTERS,
        validators=[Optional(), MaxLength(1000)],
    )
    # In a review done together: the peer mentor's own view, kept beside the person's.
    other_score = RadioField(validate_choice=False)
    other_note = TextAreaField(
        _l("Why they see it differently (optional)"),
        filters=TEXT_FILTERS,
        validators=[Optional(), MaxLength(500)],
    )

    def setup(self, instrument: Instrument, item: Item) -> AreaForm:
        self.answer.label.text = str(item.question)
        self.answer.choices = [str(p) for p in reversed(instrument.points)]
        if item.not_for_me:
            self.answer.choices.append(NOT_FOR_ME)
        self.answer.choices.append(PREFER_NOT)
        self.other_score.choices = ["", *[str(p) for p in reversed(instrument.points)]]
        return self

    def other_view(self) -> dict[str, object] | None:
        """The mentor's differing view, or None when they see it the same way."""
        value = self.other_score.data
        if value and value.isdigit() and value in (self.other_score.choices or []):
            return {"score": int(value), "note": self.other_note.data or ""}
        return None

    def check_other_view(self) -> bool:
        value = self.other_score.data or ""
        if value and value not in (self.other_score.choices or []):
            self.other_score.errors = [_l("Choose one of the steps, or 'The same as above'")]
            return False
        return True

    def chosen(self) -> str | None:
        value = self.answer.data
        return value if value in (self.answer.choices or []) else None

    def check_answer(self, required: bool) -> bool:
        """Anything but a step on the scale or an allowed "not now" answer is refused
        with words that say what to do; an empty answer is fine for "finish later"."""
        if self.answer.data in (None, "") and not required:
            return True
        if self.chosen() is None:
            steps = [c for c in self.answer.choices or [] if c.isdigit()]
            self.answer.errors = list(self.answer.errors or []) + [
                _l(
                    "Choose a step from %(low)s to %(high)s, or one of the answers below it.",
                    low=steps[-1],
                    high=steps[0],
                )
            ]
            return False
        return True


class CheckForm(Form):
    taken_on = DateField(
        _l("When did you fill this in?"),
        description=_l("Usually today. You can put an earlier date if you filled it in on paper."),
        validators=[InputRequired(_l("Enter the date you filled this in, like 27 3 2025"))],
    )
    ongoing_support = RadioField(
        _l("Do you feel you still need support from your service?"),
        description=_l("Your 6-month review is a time to think about this."),
        choices=[
            SelectChoice("yes", _l("Yes")),
            SelectChoice("not_sure", _l("I am not sure")),
            SelectChoice("no", _l("No, I feel ready to move on")),
        ],
        validate_choice=False,
        validators=[Optional()],
    )


class AddToPlanForm(Form):
    item_key = HiddenField()
    target = HiddenField()
    entry_id = HiddenField()
