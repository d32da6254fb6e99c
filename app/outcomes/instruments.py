"""Outcome instruments as data: name, items, scale, the words for each point, scoring.

Keepwell ships two that need no licence: the nine individual outcomes of the Leicester,
Leicestershire and Rutland hub model, each on a 1 to 10 ladder in our own words, and
DIALOG (11 items, 1 to 7). A service that holds a licence for another tool adds it as a
JSON file (see `app/outcomes/loading.py`) without changing any code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeAlias

from flask_babel import get_locale, lazy_pgettext
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

NOT_FOR_ME = "not_for_me"
PREFER_NOT = "prefer_not"


@dataclass(frozen=True)
class LocalText:
    """Words from a service's instrument file: one text per language code."""

    texts: tuple[tuple[str, str], ...]

    def __str__(self) -> str:
        locale = get_locale()
        wanted = locale.language if locale is not None else "en"
        found = dict(self.texts)
        return found.get(wanted) or found.get("en") or next(iter(found.values()), "")

    def __html__(self) -> str:  # Jinja escapes str(); this keeps it from double work
        from markupsafe import escape

        return str(escape(str(self)))


Text: TypeAlias = LazyString | LocalText | str


@dataclass(frozen=True)
class Item:
    key: str
    title: Text  # "Money"
    question: Text  # "How in control of your money do you feel...?"
    short: Text  # a label short enough for a chart
    steps: tuple[Text, ...] = ()  # words for each point, lowest first; empty: use the scale's
    not_for_me: bool = False  # may be marked "not for me right now" (work, for example)
    not_for_me_label: Text = ""
    # Easy read (app/needs/easy_read.py): one short sentence for each step, lowest first,
    # in common words; empty: the scale's easy words, or else the standard ones.
    easy_steps: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Subscale:
    key: str
    label: Text
    items: tuple[str, ...]  # its score is the mean of these items


@dataclass(frozen=True)
class Instrument:
    key: str
    name: Text
    description: Text
    low: int
    high: int
    items: tuple[Item, ...]
    anchors: tuple[Text, ...] = ()  # words for each point when items have no steps of their own
    subscales: tuple[Subscale, ...] = ()
    licence: str = ""  # who allows its use; empty for our own words
    higher_is_better: bool = True
    easy_anchors: tuple[Text, ...] = ()  # easy read: anchors in one short sentence each
    _by_key: dict[str, Item] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_key.update({item.key: item for item in self.items})

    @property
    def points(self) -> range:
        return range(self.low, self.high + 1)

    def item(self, key: str) -> Item | None:
        return self._by_key.get(key)

    def index_of(self, key: str) -> int:
        return next(i for i, item in enumerate(self.items) if item.key == key)

    def words_for(self, item: Item, score: int) -> Text:
        steps = item.steps or self.anchors
        return steps[score - self.low] if steps else str(score)

    def easy_words_for(self, item: Item, score: int) -> Text:
        """The step in easy read: the item's own easy sentence, the scale's, or else the
        standard words (a service's own instrument may have no easy read)."""
        steps = item.easy_steps or self.easy_anchors
        return steps[score - self.low] if steps else self.words_for(item, score)


def _ladder(*steps: str | LazyString) -> tuple[Text, ...]:
    assert len(steps) == 10, "every LLR ladder has ten steps"
    return tuple(steps)


LLR9 = Instrument(
    key="llr9",
    name=_l("My recovery outcomes"),
    description=_l(
        "Nine parts of life. For each one, choose the step on a ladder from 1 to 10 "
        "that is most like you now. There are no right or wrong answers."
    ),
    low=1,
    high=10,
    items=(
        Item(
            "emotional",
            _l("Emotional health and wellbeing"),
            _l(
                "How able do you feel to look after your feelings, "
                "and get more help if you need it?"
            ),
            _l("Feelings"),
            _ladder(
                _l("Most days my feelings are too much for me."),
                _l("I am struggling a lot and do not know where to turn."),
                _l("I know I need help with how I feel, but asking is hard."),
                _l("I have started to talk to someone about how I feel."),
                _l("I am getting some support and trying things that might help."),
                _l("I have a few things that help me get through hard days."),
                _l("I use what helps me on most days, and I know who to call."),
                _l("I spot early when I am slipping, and I do something about it."),
                _l("I mostly feel in charge of my feelings, and I ask for help if I need it."),
                _l("I feel well in myself and sure I can handle ups and downs."),
            ),
            easy_steps=_ladder(
                _l("My feelings are too much for me."),
                _l("I feel very bad and do not know who can help."),
                _l("I need help with my feelings, but it is hard to ask."),
                _l("I have started to talk to someone about my feelings."),
                _l("I get some help, and I try things."),
                _l("Some things help me on bad days."),
                _l("Most days I do things that help me."),
                _l("I notice when I start to feel worse, and I do something."),
                _l("I feel in charge of my feelings most of the time."),
                _l("I feel well, and I can cope with ups and downs."),
            ),
        ),
        Item(
            "physical",
            _l("Physical health"),
            _l(
                "How able do you feel to look after your body and health, "
                "and get help if you need it?"
            ),
            _l("Body"),
            _ladder(
                _l("My health is getting worse and I am not getting help."),
                _l("I have worries about my health but I am putting them off."),
                _l("I know something needs to change, but I do not know where to start."),
                _l("I have talked to someone, like my GP, about my health."),
                _l("I am starting to make small changes, like eating or sleeping better."),
                _l("I am keeping up some changes, with help."),
                _l("I look after my health most days and go to my appointments."),
                _l("I know what keeps my body well and I mostly do it."),
                _l("I look after my health without much help."),
                _l("I feel sure I can look after my physical health."),
            ),
            easy_steps=_ladder(
                _l("My health is getting worse, and I get no help."),
                _l("I worry about my health, but I put it off."),
                _l("I want to change something, but I do not know how to start."),
                _l("I have talked to someone, like my doctor, about my health."),
                _l("I am making small changes, like sleeping better."),
                _l("I keep up some changes, with help."),
                _l("I look after my health most days."),
                _l("I know what keeps my body well, and I do it."),
                _l("I look after my health with little help."),
                _l("I am sure I can look after my body."),
            ),
        ),
        Item(
            "home",
            _l("Home and daily living"),
            _l(
                "How able do you feel to manage your home and everyday jobs, "
                "like cooking, cleaning and shopping?"
            ),
            lazy_pgettext("short name of a life area", "Home"),
            _ladder(
                _l("I cannot manage everyday jobs at all right now."),
                _l("Everyday jobs are piling up and I feel stuck."),
                _l("I know I need help with my home or everyday jobs."),
                _l("I have asked for help with my home or everyday jobs."),
                _l("I manage some everyday jobs, with a lot of help."),
                _l("I manage most everyday jobs, with some help."),
                _l("I have a routine that works on most days."),
                _l("I keep my home and routine going, even on harder days."),
                _l("I manage my home well and know where to get help if things change."),
                _l("I manage my home and daily life well on my own."),
            ),
            easy_steps=_ladder(
                _l("I cannot do everyday jobs at all now."),
                _l("Jobs at home are piling up, and I feel stuck."),
                _l("I need help with my home or everyday jobs."),
                _l("I have asked for help at home."),
                _l("I do some jobs, with a lot of help."),
                _l("I do most jobs, with some help."),
                _l("I have a routine that works most days."),
                _l("I keep my routine going, even on hard days."),
                _l("I manage my home well, and I know who can help."),
                _l("I look after my home and my day on my own."),
            ),
        ),
        Item(
            "money",
            _l("Money"),
            _l("How in control of your money do you feel, and do you know where to get help?"),
            _l("Money"),
            _ladder(
                _l("My money worries feel out of control."),
                _l("I have bills or letters I cannot face opening."),
                _l("I know I need help with money but I have not asked yet."),
                _l("I have asked for advice about money or benefits."),
                _l("I am sorting out my money, with help."),
                _l("I have a plan for my money and I stick to some of it."),
                _l("I can pay my bills most months."),
                _l("I manage my money and deal with problems as they come."),
                _l("I feel in control of my money most of the time."),
                _l("I feel in control of my money and know where to go if that changes."),
            ),
            easy_steps=_ladder(
                _l("My money worries feel out of control."),
                _l("I am scared to open my bills or letters."),
                _l("I need help with money, but I have not asked."),
                _l("I have asked for help with money or benefits."),
                _l("I am sorting out my money, with help."),
                _l("I have a money plan, and I keep to some of it."),
                _l("I can pay my bills most months."),
                _l("I manage my money, and I sort out problems."),
                _l("I feel in control of my money most of the time."),
                _l("I feel in control of my money, and I know who can help."),
            ),
        ),
        Item(
            "safety",
            _l("Feeling safe and secure"),
            _l("How safe and secure do you feel, at home and out and about?"),
            _l("Safety"),
            _ladder(
                _l("I do not feel safe at home or outside."),
                _l("I often feel unsafe and do not know what to do about it."),
                _l("I know I need help to feel safer."),
                _l("I have told someone that I do not feel safe."),
                _l("Some things have changed to help me feel safer."),
                _l("I feel safe some of the time."),
                _l("I feel safe most of the time, at home and outside."),
                _l("I know what to do if I start to feel unsafe."),
                _l("I feel safe and secure nearly all of the time."),
                _l("I feel safe and secure at home and in my community."),
            ),
            easy_steps=_ladder(
                _l("I do not feel safe at home or outside."),
                _l("I often feel unsafe and do not know what to do."),
                _l("I need help to feel safer."),
                _l("I have told someone I do not feel safe."),
                _l("Some things have changed, so I feel safer."),
                _l("I feel safe some of the time."),
                _l("I feel safe most of the time."),
                _l("I know what to do if I start to feel unsafe."),
                _l("I feel safe nearly all the time."),
                _l("I feel safe at home and where I live."),
            ),
        ),
        Item(
            "risks",
            _l("Managing personal risks"),
            _l(
                "How sure do you feel that you can keep yourself safe "
                "from things that could harm you?"
            ),
            _l("Risks"),
            _ladder(
                _l("I often do things that could harm me, and I feel I cannot stop."),
                _l("Risky things happen a lot and I find it hard to talk about them."),
                _l("I know some things put me at risk and I want to change them."),
                _l("I have talked to someone about what puts me at risk."),
                _l("I am trying ways to keep myself safer, with support."),
                _l("I manage some risks, but some still get on top of me."),
                _l("I manage most risks, and I know who to turn to."),
                _l("I have a plan for keeping safe and I use it."),
                _l("I rarely put myself at risk, and I get help early when I need it."),
                _l("I feel sure I can keep myself safe."),
            ),
            easy_steps=_ladder(
                _l("I often do things that could hurt me, and I cannot stop."),
                _l("Risky things happen a lot, and it is hard to talk about them."),
                _l("Some things put me at risk, and I want to change them."),
                _l("I have talked to someone about what puts me at risk."),
                _l("I am trying ways to keep safer, with help."),
                _l("I can manage some risks, but not all of them."),
                _l("I manage most risks, and I know who to ask for help."),
                _l("I have a plan to keep safe, and I use it."),
                _l("I rarely put myself at risk, and I get help early."),
                _l("I am sure I can keep myself safe."),
            ),
        ),
        Item(
            "relationships",
            _l("Relationships"),
            _l("How able do you feel to manage your relationships with the people in your life?"),
            _l("People"),
            _ladder(
                _l("I feel cut off from people, or my relationships are hurting me."),
                _l("My relationships are hard and I do not know how to change them."),
                _l("I want things to be better with the people in my life."),
                _l("I have started to talk about what I want from my relationships."),
                _l("I am working on one or two relationships that matter to me."),
                _l("I have some people I get on with and can rely on."),
                _l("Most of my relationships feel OK, and I can sort out problems."),
                _l("I have people I trust, and I can say what I need."),
                _l("My relationships are mostly good, and I keep them going."),
                _l("I have good relationships and feel supported by the people around me."),
            ),
            easy_steps=_ladder(
                _l("I feel alone, or people in my life hurt me."),
                _l("Things are hard with people, and I do not know how to change them."),
                _l("I want things to be better with the people in my life."),
                _l("I have started to talk about what I want from people."),
                _l("I am working on one or two relationships that matter to me."),
                _l("I have some people I can count on."),
                _l("Most of my relationships are OK, and I can sort out problems."),
                _l("I have people I trust, and I can say what I need."),
                _l("My relationships are mostly good."),
                _l("I have good people around me who support me."),
            ),
        ),
        Item(
            "community",
            _l("Community activities, learning and volunteering"),
            _l(
                "How able do you feel to join in with things, like groups, courses or volunteering?"
            ),
            _l("Community"),
            _ladder(
                _l("I do not go out or join in with anything."),
                _l("I want to do more, but I feel I cannot."),
                _l("I am thinking about trying a group, a course or volunteering."),
                _l("I have found out about something I could try."),
                _l("I have tried something once or twice."),
                _l("I go to something now and then."),
                _l("I go to something regularly."),
                _l("I take part in a few things and I enjoy them."),
                _l("I am settled in things I enjoy, and I try new ones."),
                _l("I feel part of my community and do things that matter to me."),
            ),
            easy_steps=_ladder(
                _l("I do not go out or join in with anything."),
                _l("I want to do more, but I feel I cannot."),
                _l("I am thinking about trying a group or a course."),
                _l("I have found something I could try."),
                _l("I have tried something once or twice."),
                _l("I go to something now and then."),
                _l("I go to something often."),
                _l("I go to a few things, and I enjoy them."),
                _l("I enjoy the things I do, and I try new things."),
                _l("I feel part of my community."),
            ),
        ),
        Item(
            "work",
            _l("Work"),
            _l("How able do you feel to think about work, or to keep a job you have?"),
            _l("Work"),
            _ladder(
                _l("Work feels impossible for me right now."),
                _l("I would like to work one day, but I cannot see how."),
                _l("I am starting to think about what work I might do."),
                _l("I have talked to someone about work, training or volunteering."),
                _l("I am taking steps towards work, like a course or work experience."),
                _l("I am applying for jobs, or going back to work with support."),
                _l("I am working, with support to keep it going."),
                _l("I am working and I manage most problems that come up."),
                _l("I am settled in work and know where to get help if I need it."),
                _l("I feel sure about working and about my future at work."),
            ),
            easy_steps=_ladder(
                _l("I cannot think about work right now."),
                _l("I would like to work one day, but I cannot see how."),
                _l("I am starting to think about what work I could do."),
                _l("I have talked to someone about work or training."),
                _l("I am taking steps towards work, like a course."),
                _l("I am looking for a job, or going back to work with help."),
                _l("I have a job, and I get help to keep it."),
                _l("I have a job, and I can sort out most problems."),
                _l("I am settled in my job, and I know who can help."),
                _l("I feel sure about work and my future."),
            ),
            not_for_me=True,
        ),
    ),
)


def _dialog_item(key: str, title: LazyString, question: LazyString, **extra: object) -> Item:
    return Item(key, title, question, title, **extra)  # type: ignore[arg-type]


DIALOG = Instrument(
    key="dialog",
    name=_l("DIALOG"),
    description=_l(
        "Eleven questions about how satisfied you are with parts of your life and your "
        "care, each from 1 (totally dissatisfied) to 7 (totally satisfied)."
    ),
    low=1,
    high=7,
    easy_anchors=(
        _l("I am not happy with it at all."),
        _l("I am very unhappy with it."),
        _l("I am a bit unhappy with it."),
        _l("I am not happy or unhappy with it."),
        _l("I am a bit happy with it."),
        _l("I am very happy with it."),
        _l("I am completely happy with it."),
    ),
    anchors=(
        _l("Totally dissatisfied"),
        _l("Very dissatisfied"),
        _l("Fairly dissatisfied"),
        _l("In the middle"),
        _l("Fairly satisfied"),
        _l("Very satisfied"),
        _l("Totally satisfied"),
    ),
    items=(
        _dialog_item(
            "mental_health",
            _l("Mental health"),
            _l("How satisfied are you with your mental health?"),
        ),
        _dialog_item(
            "physical_health",
            _l("Physical health"),
            _l("How satisfied are you with your physical health?"),
        ),
        _dialog_item(
            "job",
            _l("Job situation"),
            _l("How satisfied are you with your job situation, working or not?"),
        ),
        _dialog_item(
            "accommodation", _l("Where you live"), _l("How satisfied are you with where you live?")
        ),
        _dialog_item(
            "leisure",
            _l("Free time"),
            _l("How satisfied are you with what you do in your free time?"),
        ),
        _dialog_item(
            "family",
            _l("Partner or family"),
            _l("How satisfied are you with your relationship with your partner or family?"),
            not_for_me=True,
            not_for_me_label=_l("This does not apply to me"),
        ),
        _dialog_item(
            "friendships", _l("Friendships"), _l("How satisfied are you with your friendships?")
        ),
        _dialog_item(
            "safety", _l("Personal safety"), _l("How satisfied are you with your personal safety?")
        ),
        _dialog_item(
            "medication",
            _l("Medicines"),
            _l("How satisfied are you with the medicines you take for your mental health?"),
            not_for_me=True,
            not_for_me_label=_l("I do not take any"),
        ),
        _dialog_item(
            "practical_help",
            _l("Practical help"),
            _l("How satisfied are you with the practical help you get?"),
        ),
        _dialog_item(
            "meetings",
            _l("Meetings with workers"),
            _l("How satisfied are you with your meetings with mental health workers?"),
        ),
    ),
    subscales=(
        Subscale(
            "quality_of_life",
            _l("Quality of life"),
            (
                "mental_health",
                "physical_health",
                "job",
                "accommodation",
                "leisure",
                "family",
                "friendships",
                "safety",
            ),
        ),
        Subscale(
            "treatment_satisfaction",
            _l("Satisfaction with care"),
            ("medication", "practical_help", "meetings"),
        ),
    ),
    licence="DIALOG is free to use (Priebe and colleagues, East London NHS Foundation Trust).",
)

SHIPPED: dict[str, Instrument] = {LLR9.key: LLR9, DIALOG.key: DIALOG}
