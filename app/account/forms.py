from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, PasswordField, StringField, ValidationError
from wtforms.validators import DataRequired, InputRequired

from app.auth.forms import strong_enough, valid_username
from app.forms import NAME_FILTERS, TEXT_FILTERS, Form, MaxLength


class PasskeyNameForm(Form):
    name = StringField(
        _l("Name for this passkey"),
        description=_l("So you can tell your devices apart. For example, 'My phone'."),
        filters=NAME_FILTERS,
        validators=[DataRequired(_l("Enter a name for the passkey")), MaxLength(60)],
    )


class AddPasskeyForm(Form):
    credential = HiddenField()


class SetPasswordForm(Form):
    username = StringField(
        _l("Username"),
        description=_l("You will type this to sign in with the password."),
        filters=TEXT_FILTERS,
        validators=[DataRequired(_l("Enter a username")), valid_username],
    )
    current_password = PasswordField(_l("Your current password"))
    password = PasswordField(
        _l("New password"),
        description=_l("At least 8 characters. Three random words are easy to remember."),
        validators=[InputRequired(_l("Enter a password")), strong_enough],
    )
    confirm = PasswordField(
        _l("Type the new password again"),
        validators=[InputRequired(_l("Type the password again"))],
    )

    def validate_confirm(self, field: PasswordField) -> None:
        if self.password.data and field.data != self.password.data:
            raise ValidationError(_l("The passwords do not match. Type them again."))


class DeleteAccountForm(Form):
    confirm = BooleanField(
        _l("I understand that my plan and everything in my account will be deleted for good"),
        validators=[DataRequired(_l("Tick the box to say you understand, or go back"))],
    )
    final = HiddenField()  # "yes" once the person has been asked the second time
