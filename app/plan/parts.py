"""The parts of a Wellness Recovery Action Plan and the sections inside each part.

A part is what a person shares or keeps private as a whole (the unit of access); a
section is one list inside it. Entries are plain text, or a few named fields for
supporters, people not to involve, and medicines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString


@dataclass(frozen=True)
class EntryField:
    key: str
    label: LazyString
    hint: LazyString | str = ""
    required: bool = False
    required_message: LazyString | str = ""
    input_type: str = "textarea"  # textarea | text | tel
    autocomplete: str = "off"
    max_length: int = 5000


TEXT_FIELDS = (
    EntryField(
        "text",
        _l("What you want to write"),  # shown as the section's own title (plan/forms.py)
        required=True,
        required_message=_l("Write something here, or go back without saving."),
    ),
)

SUPPORTER_FIELDS = (
    EntryField(
        "name",
        _l("Name"),
        required=True,
        required_message=_l("Enter their name"),
        input_type="text",
        max_length=120,
    ),
    EntryField(
        "relationship",
        _l("Who they are to you"),
        _l("For example, sister, friend, neighbour, peer mentor"),
        input_type="text",
        max_length=120,
    ),
    EntryField(
        "phone",
        _l("Phone number"),
        _l("For example, 07700 900123"),
        input_type="tel",
        autocomplete="off",
        max_length=40,
    ),
    EntryField("helps_with", _l("What they help with")),
)

NOT_INVOLVED_FIELDS = (
    EntryField(
        "name",
        _l("Name"),
        required=True,
        required_message=_l("Enter their name"),
        input_type="text",
        max_length=120,
    ),
    EntryField("reason", _l("Why (if you want to say)")),
)

MEDICINE_FIELDS = (
    EntryField(
        "name",
        _l("Medicine"),
        required=True,
        required_message=_l("Enter the name of the medicine"),
        input_type="text",
        max_length=120,
    ),
    EntryField(
        "dose", _l("Dose"), _l("For example, 20 mg each morning"), input_type="text", max_length=120
    ),
    EntryField("what_for", _l("What it is for")),
)


@dataclass(frozen=True)
class Section:
    key: str
    title: LazyString
    hint: LazyString
    add_label: LazyString
    fields: tuple[EntryField, ...] = TEXT_FIELDS

    @property
    def is_text(self) -> bool:
        return self.fields == TEXT_FIELDS

    @property
    def summary_field(self) -> str:
        return self.fields[0].key


@dataclass(frozen=True)
class Part:
    key: str
    slug: str
    title: LazyString
    intro: LazyString
    sections: tuple[Section, ...] = field(default_factory=tuple)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def about(self, name: str) -> str:
        """The part's introduction worded about the person, for the people they share it
        with ("What Sam wants to happen…", never "What you want…")."""
        return str(ABOUT[self.key]) % {"name": name}


# Each part's introduction for someone in the person's circle. %(name)s is the person.
ABOUT = {
    "wellness_toolbox": _l("Things that help %(name)s stay well or feel better."),
    "daily_maintenance": _l(
        "What %(name)s is like when they are well, and what keeps them well day to day."
    ),
    "triggers": _l("Things that can make %(name)s feel worse, and what they will do."),
    "early_warning_signs": _l(
        "Small changes that tell %(name)s things are starting to go wrong, and what they will do."
    ),
    "breaking_down": _l(
        "Signs that things are getting much worse for %(name)s, and what they will do straight "
        "away."
    ),
    "crisis_plan": _l(
        "What %(name)s wants to happen if they cannot look after themselves, and how the people "
        "they trust can help."
    ),
    "post_crisis": _l(
        "How %(name)s will get back to their daily plan after a crisis, at their own pace."
    ),
}


def _text(key: str, title: LazyString, hint: LazyString, add: LazyString) -> Section:
    return Section(key, title, hint, add)


PARTS: tuple[Part, ...] = (
    Part(
        "wellness_toolbox",
        "wellness-toolbox",
        _l("Wellness toolbox"),
        _l("Things that help you stay well or feel better. You can use them any time."),
        (
            _text(
                "tools",
                _l("Things that help me"),
                _l("For example, a walk by the river, calling my brother, music, a bath."),
                _l("Add something that helps"),
            ),
        ),
    ),
    Part(
        "daily_maintenance",
        "daily-plan",
        _l("Daily plan"),
        _l("What you are like when you are well, and what keeps you well day to day."),
        (
            _text(
                "when_well",
                _l("What I'm like when I'm well"),
                _l("For example, I laugh a lot, I sleep well, I enjoy cooking."),
                _l("Add how you are when well"),
            ),
            _text(
                "every_day",
                _l("What I do every day to stay well"),
                _l("For example, get up by 9, eat breakfast, take my tablets."),
                _l("Add something you do every day"),
            ),
            _text(
                "might_do",
                _l("Things I might do"),
                _l("Things that help some days, such as a peer support group."),
                _l("Add something you might do"),
            ),
        ),
    ),
    Part(
        "triggers",
        "triggers",
        _l("Triggers"),
        _l("Things that happen that can make you feel worse, and what you will do."),
        (
            _text(
                "triggers",
                _l("My triggers"),
                _l("For example, money worries, anniversaries, arguments."),
                _l("Add a trigger"),
            ),
            _text(
                "actions",
                _l("What I'll do if they happen"),
                _l("For example, talk to someone I trust, use my toolbox."),
                _l("Add something you'll do"),
            ),
        ),
    ),
    Part(
        "early_warning_signs",
        "early-warning-signs",
        _l("Early warning signs"),
        _l("Small changes that tell you things are starting to go wrong, and what you will do."),
        (
            _text(
                "signs",
                _l("My early warning signs"),
                _l("For example, not sleeping, skipping meals, not answering the phone."),
                _l("Add an early warning sign"),
            ),
            _text(
                "actions",
                _l("What I'll do"),
                _l("For example, tell my support worker, do one thing from my toolbox."),
                _l("Add something you'll do"),
            ),
        ),
    ),
    Part(
        "breaking_down",
        "when-things-are-breaking-down",
        _l("When things are breaking down"),
        _l("Signs that things are getting much worse, and what you will do straight away."),
        (
            _text(
                "signs",
                _l("Signs things are breaking down"),
                _l("For example, hearing voices more, not leaving the house."),
                _l("Add a sign"),
            ),
            _text(
                "actions",
                _l("What I'll do"),
                _l("For example, call my crisis team, ask my sister to stay."),
                _l("Add something you'll do"),
            ),
        ),
    ),
    Part(
        "crisis_plan",
        "crisis-plan",
        _l("Crisis plan"),
        _l(
            "What you want to happen if you cannot look after yourself. "
            "It tells the people you trust how to help."
        ),
        (
            _text(
                "when_well",
                _l("What I'm like when I'm well"),
                _l("So others can tell when you are not yourself."),
                _l("Add how you are when well"),
            ),
            _text(
                "take_over_signs",
                _l("Signs that others need to take over"),
                _l("For example, I stop eating, I do not know where I am."),
                _l("Add a sign"),
            ),
            Section(
                "supporters",
                _l("People who support me"),
                _l("Who to contact, and what each person helps with."),
                _l("Add a supporter"),
                SUPPORTER_FIELDS,
            ),
            Section(
                "not_involved",
                _l("People I do not want involved"),
                _l("You do not have to say why."),
                _l("Add a person"),
                NOT_INVOLVED_FIELDS,
            ),
            Section(
                "medicines",
                _l("Medicines I take"),
                _l("Name, dose and what each one is for."),
                _l("Add a medicine"),
                MEDICINE_FIELDS,
            ),
            _text(
                "allergies",
                _l("Allergies"),
                _l("Medicines or foods that harm you."),
                _l("Add an allergy"),
            ),
            _text(
                "treatments_help",
                _l("Treatments that help me"),
                _l("For example, a short stay at the crisis house, talking therapy."),
                _l("Add a treatment that helps"),
            ),
            _text(
                "treatments_avoid",
                _l("Treatments to avoid"),
                _l("And why, if you want to say."),
                _l("Add a treatment to avoid"),
            ),
            _text(
                "care_at_home",
                _l("How I can be cared for at home or in the community"),
                _l("For example, friends taking turns to stay, a home treatment team."),
                _l("Add a way to care for you"),
            ),
            _text(
                "places_prefer",
                _l("Places I prefer for treatment"),
                _l("For example, a crisis house or safe haven near home."),
                _l("Add a place you prefer"),
            ),
            _text(
                "places_avoid",
                _l("Places I want to avoid for treatment"),
                _l("Places that have not helped you before."),
                _l("Add a place to avoid"),
            ),
            _text(
                "want_from_supporters",
                _l("What I want from my supporters"),
                _l("For example, sit with me, keep the room quiet, feed my cat."),
                _l("Add something you want"),
            ),
            _text(
                "dont_want_from_supporters",
                _l("What I do not want from my supporters"),
                _l("For example, do not argue with me, do not call my employer."),
                _l("Add something you do not want"),
            ),
            _text(
                "no_longer_needed",
                _l("Signs the plan is no longer needed"),
                _l("For example, I am sleeping through the night, I want to go out."),
                _l("Add a sign you are better"),
            ),
        ),
    ),
    Part(
        "post_crisis",
        "after-a-crisis",
        _l("After a crisis"),
        _l("How you will get back to your daily plan after a crisis, at your own pace."),
        (
            _text(
                "coming_out_signs",
                _l("How I'll know I'm coming out of the crisis"),
                _l("For example, I can make a cup of tea, I want to see friends."),
                _l("Add a sign"),
            ),
            _text(
                "help_needed",
                _l("Help I need from others now"),
                _l("For example, someone to come shopping with me for a while."),
                _l("Add the help you need"),
            ),
            _text(
                "steps_back",
                _l("Steps back to my daily plan"),
                _l("Small steps, one at a time."),
                _l("Add a step"),
            ),
            _text(
                "learning",
                _l("What I learned and might change in my plan"),
                _l("What worked, what did not, and what you would do next time."),
                _l("Add something you learned"),
            ),
        ),
    ),
)

PARTS_BY_KEY = {part.key: part for part in PARTS}
PARTS_BY_SLUG = {part.slug: part for part in PARTS}
CRISIS_PLAN = PARTS_BY_KEY["crisis_plan"]
