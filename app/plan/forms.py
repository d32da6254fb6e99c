"""Forms for plan entries, built from the section definitions in parts.py."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, StringField, TextAreaField, ValidationError
from wtforms.fields import Field
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Optional

from app.forms import TEXT_FILTERS, Form, MaxLength
from app.plan.content import CHOICES, KEEP_BOTH, KEEP_MINE, KEEP_THEIRS
from app.plan.parts import EntryField, Section

PHONE_PATTERN = re.compile(r"^\+?[0-9 ()-]{3,40}$")


def _phone(form: Form, field: Field) -> None:
    if field.data and not PHONE_PATTERN.match(field.data):
        raise ValidationError(
            _l("Enter a phone number using only numbers, spaces, brackets and +.")
        )


class VersionedForm(Form):
    """Every change carries the version it was based on, to spot other devices' saves."""

    base_version = HiddenField()

    def base_version_number(self) -> int | None:
        try:
            number = int(self.base_version.data)
        except (TypeError, ValueError):
            return None
        return number if number >= 0 else None


def _field(definition: EntryField) -> Field:
    validators: list[object] = [
        DataRequired(definition.required_message) if definition.required else Optional(),
        MaxLength(definition.max_length),
    ]
    if definition.input_type == "tel":
        validators.append(_phone)
    field_class = TextAreaField if definition.input_type == "textarea" else StringField
    return field_class(
        definition.label,
        description=definition.hint,
        filters=TEXT_FILTERS,
        validators=validators,
    )


_FORM_CLASSES: dict[tuple[str, ...], type[VersionedForm]] = {}


def entry_form_class(section: Section) -> type[VersionedForm]:
    """One form class per shape of entry (text, supporter, medicine...), made once."""
    shape = tuple(definition.key for definition in section.fields)
    if shape not in _FORM_CLASSES:
        attributes: dict[str, object] = {"entry_id": HiddenField()}
        for definition in section.fields:
            attributes[definition.key] = _field(definition)
        _FORM_CLASSES[shape] = type("EntryForm", (VersionedForm,), attributes)
    return _FORM_CLASSES[shape]


def label_for_section(form: Form, section: Section) -> Form:
    """A one-box entry's label is the section's own words ("Things that help me"), not
    a general "words for this entry"."""
    if section.is_text:
        form[section.summary_field].label.text = str(section.title)
    return form


def entry_form(section: Section) -> VersionedForm:
    form: VersionedForm = label_for_section(entry_form_class(section)(), section)
    return form


def entry_values(form: Form, section: Section) -> dict[str, str]:
    values = {}
    for definition in section.fields:
        value = (form[definition.key].data or "").strip()
        if value:
            values[definition.key] = value
    return values


class MoveForm(VersionedForm):
    direction = HiddenField()


class ConflictForm(Form):
    choice = RadioField(
        _l("What would you like to keep?"),
        choices=[
            SelectChoice(KEEP_MINE, _l("Keep my words")),
            SelectChoice(KEEP_THEIRS, _l("Keep the words saved from the other device")),
            SelectChoice(KEEP_BOTH, _l("Keep both, as two entries")),
        ],
        validators=[DataRequired(_l("Choose what to keep"))],
    )

    def validate_choice(self, field: RadioField) -> None:
        if field.data not in CHOICES:
            raise ValidationError(_l("Choose what to keep"))


__all__ = ["ConflictForm", "MoveForm", "VersionedForm", "entry_form_class", "entry_values"]
