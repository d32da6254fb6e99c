from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, PasswordField, StringField, ValidationError
from wtforms.validators import DataRequired, InputRequired

from app.auth.passwords import MAX_LENGTH, MIN_LENGTH, is_common_password
from app.forms import NAME_FILTERS, TEXT_FILTERS, Form, MaxLength

USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{2,39}$")


def valid_username(form: Form, field: StringField) -> None:
    if field.data and not USERNAME_PATTERN.match(field.data):
        raise ValidationError(
            _l(
                "Username must be 3 to 40 letters or numbers. "
                "You can also use dots, dashes and underscores."
            )
        )


def strong_enough(form: Form, field: PasswordField) -> None:
    password = field.data or ""
    if len(password) < MIN_LENGTH:
        raise ValidationError(_l("Password must be at least 8 characters."))
    if len(password) > MAX_LENGTH:
        raise ValidationError(_l("Password must be 128 characters or fewer."))
    if is_common_password(password):
        raise ValidationError(
            _l("That password is too common and easy to guess. Try three random words.")
        )
    username = getattr(form, "username", None)
    if username is not None and username.data and password.lower() == username.data.lower():
        raise ValidationError(_l("Password must be different from your username."))


class KeepSignedInMixin:
    keep_signed_in = BooleanField(
        _l("Keep me signed in on this device for 30 days"),
        description=_l("Only choose this on your own phone or computer."),
    )
    shared_device = BooleanField(
        _l("This is a shared or borrowed phone or computer"),
        description=_l(
            "Nothing is kept on it: no offline copy and no unsent words. "
            "You are signed out when you close the browser."
        ),
    )

    def remember_here(self) -> bool:
        return bool(self.keep_signed_in.data) and not self.shared_device.data


class PasswordSignUpForm(Form):
    display_name = StringField(
        _l("What should we call you? (optional)"),
        description=_l("A first name or a nickname. Only you and people you choose see it."),
        filters=NAME_FILTERS,
        validators=[MaxLength(80)],
    )
    username = StringField(
        _l("Choose a username"),
        description=_l("You will type this to sign in. Do not use your email address."),
        filters=TEXT_FILTERS,
        validators=[DataRequired(_l("Enter a username")), valid_username],
    )
    password = PasswordField(
        _l("Choose a password"),
        description=_l("At least 8 characters. Three random words are easy to remember."),
        validators=[InputRequired(_l("Enter a password")), strong_enough],
    )
    confirm = PasswordField(
        _l("Type the password again"),
        validators=[InputRequired(_l("Type the password again"))],
    )

    def validate_confirm(self, field: PasswordField) -> None:
        if self.password.data and field.data != self.password.data:
            raise ValidationError(_l("The passwords do not match. Type them again."))


class PasswordSignInForm(KeepSignedInMixin, Form):
    username = StringField(
        _l("Username"),
        filters=TEXT_FILTERS,
        validators=[DataRequired(_l("Enter your username")), MaxLength(40)],
    )
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(_l("Enter your password")), MaxLength(MAX_LENGTH)],
    )


class RecoveryCodeForm(KeepSignedInMixin, Form):
    code = StringField(
        _l("Recovery code"),
        description=_l("It looks like ABCD-EFGH-JKMN-PQRS. Capitals and dashes do not matter."),
        filters=TEXT_FILTERS,
        validators=[DataRequired(_l("Enter a recovery code")), MaxLength(40)],
    )


class PasskeySignInForm(KeepSignedInMixin, Form):
    credential = HiddenField()


class PasskeySignUpForm(Form):
    display_name = StringField(
        _l("What should we call you? (optional)"),
        description=_l("A first name or a nickname. Only you and people you choose see it."),
        filters=NAME_FILTERS,
        validators=[MaxLength(80)],
    )
    credential = HiddenField()


class ConfirmPasswordForm(Form):
    password = PasswordField(
        _l("Your password"),
        validators=[InputRequired(_l("Enter your password")), MaxLength(MAX_LENGTH)],
    )


class ConfirmRecoveryCodeForm(Form):
    code = StringField(
        _l("One of your recovery codes"),
        description=_l("It looks like ABCD-EFGH-JKMN-PQRS. It will not work again after this."),
        filters=TEXT_FILTERS,
        validators=[DataRequired(_l("Enter a recovery code")), MaxLength(40)],
    )


class ConfirmPasskeyForm(Form):
    credential = HiddenField()
