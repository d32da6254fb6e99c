from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from app.forms import Form


class DisplayForm(Form):
    text_size = RadioField(
        _l("Text size"),
        choices=[
            SelectChoice("standard", _l("Standard")),
            SelectChoice("large", _l("Large")),
            SelectChoice("extra_large", _l("Extra large")),
        ],
        validators=[InputRequired(_l("Choose a text size"))],
    )
    high_contrast = BooleanField(
        _l("High contrast"), description=_l("Black and white, with strong outlines.")
    )
    reduced_motion = BooleanField(
        _l("Less movement"), description=_l("Turns off animations and smooth scrolling.")
    )
    discreet = BooleanField(
        _l("Discreet mode"),
        description=_l(
            "Keeps the name Keepwell off your lock screen and out of page titles, and "
            "installs it on your home screen as Notes. Useful if others see your phone."
        ),
    )
