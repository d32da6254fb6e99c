from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectMultipleField, StringField, TextAreaField, ValidationError
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Optional

from app.circle.permissions import PERMISSIONS, PRESETS
from app.data.circle.models import CARER, PEER_MENTOR
from app.forms import NAME_FILTERS, TEXT_FILTERS, Form, MaxLength

CUSTOM = "custom"


class FindPersonForm(Form):
    name = StringField(_l("Find someone by name"), filters=TEXT_FILTERS, validators=[MaxLength(80)])


class InviteForm(Form):
    label = StringField(
        _l("Who are you inviting?"),
        description=_l("A name you will recognise, like 'Mum' or 'Priya from the group'."),
        filters=NAME_FILTERS,
        validators=[
            DataRequired(_l("Enter a name for the person you are inviting")),
            MaxLength(80),
        ],
    )
    preset = RadioField(
        _l("What can they see and do?"),
        choices=[
            *[SelectChoice(p.key, p.label) for p in PRESETS],
            SelectChoice(CUSTOM, _l("Let me choose each thing")),
        ],
        validators=[DataRequired(_l("Choose what they can see and do"))],
    )


class RoleForm(Form):
    role = RadioField(
        _l("How do they support you?"),
        choices=[
            SelectChoice(CARER, _l("Carer: family, a friend or a neighbour")),
            SelectChoice(PEER_MENTOR, _l("Peer mentor or support worker")),
        ],
        validators=[DataRequired(_l("Choose how they support you"))],
    )


class PermissionsForm(Form):
    permissions = SelectMultipleField(
        _l("They can"),
        description=_l("Tick only what you are happy to share. You can change this at any time."),
        choices=[SelectChoice(p.key, p.label) for p in PERMISSIONS],
        validators=[Optional()],
    )


class CustomInviteForm(RoleForm, PermissionsForm):
    label = InviteForm.label


class JoinForm(Form):
    code = StringField(
        _l("Invite code"),
        description=_l("It looks like ABCDE-FGHJK. Capitals and dashes do not matter."),
        filters=TEXT_FILTERS,
        validators=[DataRequired(_l("Enter the invite code")), MaxLength(40)],
    )


class SuggestionNoteForm(Form):
    note = TextAreaField(
        _l("Why are you suggesting this? (optional)"),
        filters=TEXT_FILTERS,
        validators=[MaxLength(1000)],
    )


class HelpAlertForm(Form):
    call_back = StringField(
        _l("A number they can call you on (if you want)"),
        description=_l("For example, 07700 900123. Leave it empty if you would rather not."),
        filters=TEXT_FILTERS,
        validators=[Optional(), MaxLength(40)],
    )

    def validate_call_back(self, field: StringField) -> None:
        digits = [ch for ch in field.data or "" if ch.isdecimal()]
        if field.data and not 6 <= len(digits) <= 15:
            raise ValidationError(_l("Enter a phone number, like 07700 900123, or leave it empty"))
