"""The optional equality questions a person may answer for a service, and how the
report groups the answers.

Each question has "Prefer not to say"; none is ever required to join. Ethnicity is asked
in the Office for National Statistics 2021 categories and reported by their five
high-level groups, so fewer cells need suppressing. The postcode district (the first
half of a postcode, like OX28) is reported as typed, after checking its shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

PREFER_NOT = "prefer_not"
NOT_ANSWERED = "not_answered"
POSTCODE_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


@dataclass(frozen=True)
class Question:
    key: str
    heading: LazyString  # the report's name for it
    label: LazyString  # the question the person is asked
    choices: tuple[tuple[str, LazyString], ...] = ()  # empty: a typed answer
    hint: LazyString | None = None
    # Where a detailed answer is reported in a broader group: {answer: group}.
    groups: tuple[tuple[str, str], ...] = ()

    def report_group(self, answer: str) -> str:
        return dict(self.groups).get(answer, answer)


ETHNICITY = (
    ("asian_bangladeshi", _l("Asian, Asian British or Asian Welsh: Bangladeshi"), "asian"),
    ("asian_chinese", _l("Asian, Asian British or Asian Welsh: Chinese"), "asian"),
    ("asian_indian", _l("Asian, Asian British or Asian Welsh: Indian"), "asian"),
    ("asian_pakistani", _l("Asian, Asian British or Asian Welsh: Pakistani"), "asian"),
    ("asian_other", _l("Asian, Asian British or Asian Welsh: any other Asian background"), "asian"),
    (
        "black_african",
        _l("Black, Black British, Black Welsh, Caribbean or African: African"),
        "black",
    ),
    (
        "black_caribbean",
        _l("Black, Black British, Black Welsh, Caribbean or African: Caribbean"),
        "black",
    ),
    (
        "black_other",
        _l(
            "Black, Black British, Black Welsh, Caribbean or African: "
            "any other Black, Black British or Caribbean background"
        ),
        "black",
    ),
    ("mixed_white_asian", _l("Mixed or Multiple ethnic groups: White and Asian"), "mixed"),
    (
        "mixed_white_black_african",
        _l("Mixed or Multiple ethnic groups: White and Black African"),
        "mixed",
    ),
    (
        "mixed_white_black_caribbean",
        _l("Mixed or Multiple ethnic groups: White and Black Caribbean"),
        "mixed",
    ),
    (
        "mixed_other",
        _l("Mixed or Multiple ethnic groups: any other Mixed or Multiple ethnic background"),
        "mixed",
    ),
    ("white_british", _l("White: English, Welsh, Scottish, Northern Irish or British"), "white"),
    ("white_irish", _l("White: Irish"), "white"),
    ("white_gypsy_traveller", _l("White: Gypsy or Irish Traveller"), "white"),
    ("white_roma", _l("White: Roma"), "white"),
    ("white_other", _l("White: any other White background"), "white"),
    ("other_arab", _l("Other ethnic group: Arab"), "other"),
    ("other_any", _l("Other ethnic group: any other ethnic group"), "other"),
)
ETHNIC_GROUP_LABELS = {
    "asian": _l("Asian, Asian British or Asian Welsh"),
    "black": _l("Black, Black British, Black Welsh, Caribbean or African"),
    "mixed": _l("Mixed or Multiple ethnic groups"),
    "white": _l("White"),
    "other": _l("Other ethnic group"),
}

QUESTIONS = (
    Question(
        "age_band",
        _l("Age band"),
        _l("How old are you?"),
        (
            ("18_24", _l("18 to 24")),
            ("25_34", _l("25 to 34")),
            ("35_44", _l("35 to 44")),
            ("45_54", _l("45 to 54")),
            ("55_64", _l("55 to 64")),
            ("65_74", _l("65 to 74")),
            ("75_plus", _l("75 or over")),
        ),
    ),
    Question(
        "sex", _l("Sex"), _l("What is your sex?"), (("female", _l("Female")), ("male", _l("Male")))
    ),
    Question(
        "gender_identity",
        _l("Gender identity the same as sex registered at birth"),
        _l("Is the gender you identify with the same as your sex registered at birth?"),
        (("same", _l("Yes")), ("different", _l("No"))),
    ),
    Question(
        "ethnicity",
        _l("Ethnic group"),
        _l("What is your ethnic group?"),
        tuple((key, label) for key, label, _group in ETHNICITY),
        groups=tuple((key, group) for key, _label, group in ETHNICITY),
    ),
    Question(
        "disability",
        _l("Disability"),
        _l(
            "Are your day-to-day activities limited because of a health problem or "
            "disability that has lasted, or is expected to last, 12 months or more?"
        ),
        (
            ("yes_a_lot", _l("Yes, limited a lot")),
            ("yes_a_little", _l("Yes, limited a little")),
            ("no", _l("No")),
        ),
    ),
    Question(
        "religion",
        _l("Religion or belief"),
        _l("What is your religion or belief?"),
        (
            ("none", _l("No religion")),
            ("christian", _l("Christian")),
            ("buddhist", _l("Buddhist")),
            ("hindu", _l("Hindu")),
            ("jewish", _l("Jewish")),
            ("muslim", _l("Muslim")),
            ("sikh", _l("Sikh")),
            ("other", _l("Any other religion or belief")),
        ),
    ),
    Question(
        "sexual_orientation",
        _l("Sexual orientation"),
        _l("Which of these best describes your sexual orientation?"),
        (
            ("straight", _l("Straight or heterosexual")),
            ("gay_lesbian", _l("Gay or lesbian")),
            ("bisexual", _l("Bisexual")),
            ("other", _l("Another sexual orientation")),
        ),
    ),
    Question(
        "first_language",
        _l("First language"),
        _l("What is your first language?"),
        (
            ("english", _l("English")),
            ("welsh", _l("Welsh")),
            ("bsl", _l("British Sign Language")),
            ("other", _l("Another language")),
        ),
    ),
    Question(
        "carer",
        _l("Carer"),
        _l("Do you look after, or give help or support to, anyone because of their health or age?"),
        (("yes", _l("Yes")), ("no", _l("No"))),
    ),
    Question(
        "postcode_district",
        _l("Postcode district"),
        _l("The first part of your postcode"),
        hint=_l("For example, OX28. Only this part: it covers thousands of homes."),
    ),
)
QUESTIONS_BY_KEY = {q.key: q for q in QUESTIONS}


def clean_postcode_district(typed: str) -> str | None:
    """OX28 from "ox28", "OX28 4AB" or " ox28 "; None when it is not the shape of one."""
    first = typed.strip().upper().split(" ")[0] if typed.strip() else ""
    return first if POSTCODE_DISTRICT.match(first) else None


def answer_label(question: Question, answer: str) -> str:
    """The words for a reported answer group (the report's rows)."""
    if answer == PREFER_NOT:
        return str(_l("Prefer not to say"))
    if answer == NOT_ANSWERED:
        return str(_l("Not answered"))
    if question.key == "ethnicity" and answer in ETHNIC_GROUP_LABELS:
        return str(ETHNIC_GROUP_LABELS[answer])
    return str(dict(question.choices).get(answer, answer))


def report_rows(question: Question) -> list[str]:
    """The answer groups a report shows for a question, in order (typed answers such as
    postcode districts are added as found)."""
    if question.key == "ethnicity":
        groups = list(ETHNIC_GROUP_LABELS)
    else:
        groups = [code for code, _label in question.choices]
    return [*groups, PREFER_NOT, NOT_ANSWERED]
