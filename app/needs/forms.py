"""One question per page: language, formats, support, contact, anything else."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    HiddenField,
    RadioField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Optional

from app.data.needs.models import CONTACT, FORMAT, SUPPORT
from app.forms import TEXT_FILTERS, Form, MaxLength
from app.needs.vocabulary import LANGUAGES, needs_of_kind

OTHER = "other"


class QuestionForm(Form):
    # "1" while working through the questions after signing up: go on to the next one.
    asking = HiddenField()


class LanguageForm(QuestionForm):
    language = RadioField(
        _l("Which language do you prefer?"),
        description=_l("You can change this any time."),
        choices=[
            *[SelectChoice(key, label) for key, label in LANGUAGES],
            SelectChoice(OTHER, _l("Another language")),
        ],
        validators=[Optional()],
    )
    other_language = StringField(
        _l("If another language, which one?"),
        filters=TEXT_FILTERS,
        validators=[MaxLength(80)],
    )

    def validate_other_language(self, field: StringField) -> None:
        if self.language.data == OTHER and not field.data:
            raise ValidationError(_l("Say which language you prefer"))


def _choices(kind: str) -> list[SelectChoice]:
    return [SelectChoice(need.key, need.label) for need in needs_of_kind(kind)]


class NeedsForm(QuestionForm):
    kind = ""
    needs = SelectMultipleField(validators=[Optional()])
    own_words = StringField(
        _l("Something else (optional)"),
        description=_l("In your own words."),
        filters=TEXT_FILTERS,
        validators=[MaxLength(200)],
    )


class FormatsForm(NeedsForm):
    kind = FORMAT
    needs = SelectMultipleField(
        _l("How do you like to get information?"),
        description=_l("Tick all that help. You can change this any time."),
        choices=_choices(FORMAT),
        validators=[Optional()],
    )


class SupportForm(NeedsForm):
    kind = SUPPORT
    needs = SelectMultipleField(
        _l("What support helps you communicate?"),
        description=_l("Tick all that help. You can change this any time."),
        choices=_choices(SUPPORT),
        validators=[Optional()],
    )


class ContactForm(NeedsForm):
    kind = CONTACT
    needs = SelectMultipleField(
        _l("How should people contact you?"),
        description=_l("Tick all that apply. You can change this any time."),
        choices=_choices(CONTACT),
        validators=[Optional()],
    )

    def validate_needs(self, field: SelectMultipleField) -> None:
        chosen = set(field.data or [])
        if {"no_phone_calls", "contact_phone_only"} <= chosen:
            raise ValidationError(_l("Choose either 'No phone calls' or 'Phone calls only'"))


class OtherForm(QuestionForm):
    notes = TextAreaField(
        _l("Is there anything else people should know?"),
        description=_l("In your own words. You can leave this empty."),
        filters=TEXT_FILTERS,
        validators=[MaxLength(1000)],
    )


class BslVideoForm(Form):
    video = FileField(
        _l("The BSL video"),
        description=_l("An MP4 or WebM file. Leave it empty to keep the video already there."),
    )
    captions = FileField(
        _l("Captions"),
        description=_l("A WebVTT file (.vtt). Leave it empty to keep the captions already there."),
    )
    transcript = TextAreaField(
        _l("Written transcript"),
        description=_l("Everything the video says, in words, for people who cannot watch it."),
        filters=TEXT_FILTERS,
        validators=[DataRequired(_l("Enter the written transcript")), MaxLength(20000)],
    )
