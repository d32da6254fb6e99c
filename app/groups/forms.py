"""Forms for Find groups: the search (a GET form), saving, rating, and listings."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, NumberRange, Optional

from app.data.groups import taxonomy
from app.data.groups.people import MAX_COMMENT
from app.data.groups.search import MAX_QUERY_LENGTH
from app.forms import TEXT_FILTERS, Form, MaxLength

DISTANCES = ("1", "3", "5", "10", "25")
DEFAULT_DISTANCE = "5"
DAY_CHOICES = [
    SelectChoice("MO", _l("Monday")),
    SelectChoice("TU", _l("Tuesday")),
    SelectChoice("WE", _l("Wednesday")),
    SelectChoice("TH", _l("Thursday")),
    SelectChoice("FR", _l("Friday")),
    SelectChoice("SA", _l("Saturday")),
    SelectChoice("SU", _l("Sunday")),
]
TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


class QuietSelectMultiple(SelectMultipleField):
    """Checkbox groups in a GET form: an unknown value (an old link) is ignored, not an error."""

    def pre_validate(self, form: Form) -> None:
        allowed = {str(choice.value) for choice in self.iter_choices()}
        chosen: list[str] = list(getattr(self, "data", None) or [])
        self.data = [value for value in chosen if value in allowed]


class SearchForm(Form):
    q = StringField(
        _l("Search words"),
        description=_l("For example: gardening, art, walking, carers"),
        filters=TEXT_FILTERS,
        validators=[MaxLength(MAX_QUERY_LENGTH)],
    )
    place = StringField(
        _l("Town or postcode"),
        description=_l("For example: Witney, OX28 or OX28 4AB"),
        filters=TEXT_FILTERS,
        validators=[MaxLength(60)],
    )
    distance = StringField(_l("How far you can travel"), default=DEFAULT_DISTANCE)
    lat = HiddenField()
    lon = HiddenField()
    types = QuietSelectMultiple(
        _l("Type of group"), choices=[SelectChoice(t.code, t.label) for t in taxonomy.TYPES]
    )
    days = QuietSelectMultiple(_l("Days"), choices=DAY_CHOICES)
    when = QuietSelectMultiple(
        _l("Times"),
        choices=[
            SelectChoice("evenings", _l("Evenings (after 5pm)")),
            SelectChoice("weekends", _l("Weekends")),
        ],
    )
    access = QuietSelectMultiple(
        _l("Access"), choices=[SelectChoice(t.code, t.label) for t in taxonomy.ACCESS_NEEDS]
    )
    free = BooleanField(_l("Free groups only"))
    self_referral = BooleanField(_l("I can go without being referred"))
    language = SelectField(_l("Language spoken"), choices=[], validate_choice=False)

    def validate_distance(self, field: StringField) -> None:
        value = (field.data or DEFAULT_DISTANCE).strip()
        try:
            number = float(value)
        except ValueError as error:
            raise ValidationError(_l("Choose how far you can travel from the list")) from error
        if number <= 0:
            raise ValidationError(_l("Distance must be more than 0 miles"))
        if value not in DISTANCES:
            raise ValidationError(_l("Choose how far you can travel from the list"))

    def point(self) -> tuple[float, float] | None:
        """Where "near me" put the person, if it did and the numbers make sense."""
        try:
            lat, lon = float(self.lat.data), float(self.lon.data)
        except (TypeError, ValueError):
            return None
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return lat, lon
        return None

    def chosen_labels(self) -> list[str]:
        """The choices made beyond words and place, as a person reads them."""
        labels = []
        for field in (self.types, self.days, self.when, self.access):
            wanted = set(field.data or [])
            labels += [str(choice.label) for choice in field.choices if choice.value in wanted]
        if self.free.data:
            labels.append(str(self.free.label.text))
        if self.self_referral.data:
            labels.append(str(self.self_referral.label.text))
        return labels

    def has_filters(self) -> bool:
        return bool(
            self.types.data
            or self.days.data
            or self.when.data
            or self.access.data
            or self.free.data
            or self.self_referral.data
            or self.language.data
        )


class SaveToPlanForm(Form):
    entry_id = HiddenField()
    where = RadioField(
        _l("Where in your plan?"),
        choices=[
            SelectChoice("wellness_toolbox", _l("My wellness toolbox")),
            SelectChoice("might_do", _l("Things I might do (daily plan)")),
        ],
        default="wellness_toolbox",
        validators=[InputRequired(_l("Choose where in your plan to save it"))],
    )

    def valid_entry_id(self) -> str | None:
        value = self.entry_id.data or ""
        return value if re.fullmatch(r"e[0-9a-f]{12}", value) else None


class RatingForm(Form):
    stars = RadioField(
        _l("How would you rate this group?"),
        choices=[
            SelectChoice("5", _l("5 stars – very good")),
            SelectChoice("4", _l("4 stars – good")),
            SelectChoice("3", _l("3 stars – all right")),
            SelectChoice("2", _l("2 stars – not very good")),
            SelectChoice("1", _l("1 star – poor")),
        ],
        validators=[InputRequired(_l("Choose a rating from 1 to 5 stars"))],
        validate_choice=False,  # validate_stars says what to do, in the person's words
    )
    comment = TextAreaField(
        _l("Anything you would like to say? (optional)"),
        description=_l(
            "Other people will see this once a service manager has read it. "
            "Do not include names or anything private."
        ),
        filters=TEXT_FILTERS,
        validators=[MaxLength(MAX_COMMENT)],
    )

    def validate_stars(self, field: RadioField) -> None:
        if field.data not in {"1", "2", "3", "4", "5"}:
            raise ValidationError(_l("Choose a rating from 1 to 5 stars"))


def _time(form: Form, field: StringField) -> None:
    if field.data and not TIME.match(field.data):
        raise ValidationError(_l("Enter a time like 09:30 or 18:00"))


class ListingForm(Form):
    name = StringField(
        _l("Name of the group"),
        filters=TEXT_FILTERS,
        validators=[DataRequired(_l("Enter the name of the group")), MaxLength(200)],
    )
    organization_name = StringField(
        _l("Organisation that runs it"),
        filters=TEXT_FILTERS,
        validators=[DataRequired(_l("Enter the organisation that runs it")), MaxLength(200)],
    )
    description = TextAreaField(
        _l("What happens there"),
        filters=TEXT_FILTERS,
        validators=[DataRequired(_l("Say what happens at the group")), MaxLength(5000)],
    )
    types = SelectMultipleField(
        _l("Type of group"), choices=[SelectChoice(t.code, t.label) for t in taxonomy.TYPES]
    )
    access = SelectMultipleField(
        _l("Access"), choices=[SelectChoice(t.code, t.label) for t in taxonomy.ACCESS_NEEDS]
    )
    self_referral = BooleanField(_l("People can go without being referred"))
    how_to_join = TextAreaField(
        _l("How to start going"), filters=TEXT_FILTERS, validators=[MaxLength(2000)]
    )
    who_for = StringField(_l("Who it is for"), filters=TEXT_FILTERS, validators=[MaxLength(500)])
    minimum_age = IntegerField(
        _l("Youngest age (optional)"),
        validators=[Optional(), NumberRange(0, 120, _l("Enter an age from 0 to 120"))],
    )
    cost = StringField(
        _l("Cost"),
        description=_l("Leave empty if it is free"),
        filters=TEXT_FILTERS,
        validators=[MaxLength(200)],
    )
    place_name = StringField(
        _l("Name of the place"), filters=TEXT_FILTERS, validators=[MaxLength(200)]
    )
    address = StringField(_l("Address"), filters=TEXT_FILTERS, validators=[MaxLength(200)])
    town = StringField(
        _l("Town"),
        filters=TEXT_FILTERS,
        validators=[DataRequired(_l("Enter the town")), MaxLength(100)],
    )
    postcode = StringField(_l("Postcode"), filters=TEXT_FILTERS, validators=[MaxLength(10)])
    getting_there = TextAreaField(
        _l("Getting there"), filters=TEXT_FILTERS, validators=[MaxLength(2000)]
    )
    access_notes = TextAreaField(
        _l("More about access"), filters=TEXT_FILTERS, validators=[MaxLength(2000)]
    )
    days = SelectMultipleField(_l("Days it meets"), choices=DAY_CHOICES)
    monthly_week = SelectField(
        _l("How often"),
        choices=[
            SelectChoice("", _l("Every week")),
            SelectChoice("1", _l("First week of the month")),
            SelectChoice("2", _l("Second week of the month")),
            SelectChoice("3", _l("Third week of the month")),
            SelectChoice("4", _l("Fourth week of the month")),
            SelectChoice("-1", _l("Last week of the month")),
        ],
        validate_choice=False,
    )
    opens_at = StringField(
        _l("Starts at"),
        description=_l("For example, 10:00"),
        filters=TEXT_FILTERS,
        validators=[_time],
    )
    closes_at = StringField(
        _l("Ends at"),
        description=_l("For example, 12:30"),
        filters=TEXT_FILTERS,
        validators=[_time],
    )
    phone = StringField(_l("Phone number"), filters=TEXT_FILTERS, validators=[MaxLength(40)])
    email = StringField(_l("Email address"), filters=TEXT_FILTERS, validators=[MaxLength(200)])
    website = StringField(_l("Website"), filters=TEXT_FILTERS, validators=[MaxLength(500)])
    languages = StringField(
        _l("Languages spoken"),
        description=_l("Separate them with commas"),
        filters=TEXT_FILTERS,
        validators=[MaxLength(300)],
    )
    alert = StringField(
        _l("Notice for people (optional)"),
        description=_l("For example: closed over Christmas"),
        filters=TEXT_FILTERS,
        validators=[MaxLength(500)],
    )

    def validate_monthly_week(self, field: SelectField) -> None:
        if field.data not in (None, "", "1", "2", "3", "4", "-1"):
            raise ValidationError(_l("Choose how often it meets from the list"))

    def validate_website(self, field: StringField) -> None:
        if field.data and not re.match(r"^https?://[^\s]+$", field.data):
            raise ValidationError(_l("Enter a web address starting with https://"))

    def validate_closes_at(self, field: StringField) -> None:
        opens = self.opens_at.data or ""
        both_times = bool(field.data and TIME.match(field.data) and TIME.match(opens))
        if both_times and field.data <= opens:
            raise ValidationError(_l("The end time must be after the start time"))


class ImportForm(Form):
    publisher = StringField(
        _l("Whose feed is this? (optional)"),
        description=_l(
            "The publisher, such as a council's directory. Only its own listings are "
            "added or updated. Leave it empty for the web address's host, or 'feed'."
        ),
        filters=TEXT_FILTERS,
        validators=[MaxLength(100)],
    )
    feed = FileField(_l("ORUK feed file (JSON)"))
    url = StringField(
        _l("Or a web address of an ORUK feed"), filters=TEXT_FILTERS, validators=[MaxLength(500)]
    )

    def validate_url(self, field: StringField) -> None:
        # Only a web address: a path typed here was once read as a file on the server
        # (finding 9.2).
        if field.data and not re.match(r"^https?://[^\s]+$", field.data):
            raise ValidationError(_l("Enter a web address starting with https://"))
