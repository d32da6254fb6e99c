"""A person's recorded needs, ready to show: grouped, in the page's language, with the
NHS code beside each coded need, and the short flag their circle sees."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from app.data.needs.models import CONTACT, FORMAT, SUPPORT, CommunicationNeed, CommunicationNeeds
from app.needs.vocabulary import flag_words, language_label, need_label

REVIEW_EVERY = timedelta(days=365)
FLAG_ORDER = {FORMAT: 1, SUPPORT: 0, CONTACT: 2}  # an interpreter first: it must be booked


@dataclass(frozen=True)
class ShownNeed:
    kind: str
    key: str
    words: str
    flag: str
    snomed_id: str | None
    snomed_term: str


@dataclass
class NeedsSummary:
    language: str = ""  # the language's name, or the person's words
    language_key: str = ""
    notes: str = ""
    needs: list[ShownNeed] = field(default_factory=list)
    asked_at_utc: datetime | None = None
    checked_at_utc: datetime | None = None

    def of_kind(self, kind: str) -> list[ShownNeed]:
        return [need for need in self.needs if need.kind == kind]

    @property
    def is_empty(self) -> bool:
        return not (self.needs or self.notes or self.language_key not in ("", "en"))

    def flag(self) -> list[str]:
        """The short words at the top of every page about the person, most urgent first:
        "Needs a BSL interpreter · Easy read"."""
        words = [n.flag for n in sorted(self.needs, key=lambda n: FLAG_ORDER.get(n.kind, 3))]
        if self.language_key == "bsl" and all(n.key != "bsl_interpreter" for n in self.needs):
            words.insert(0, self.language)  # BSL users first: an interpreter may be needed
        elif self.language_key not in ("", "en", "bsl"):
            words.append(self.language)
        return list(dict.fromkeys(word for word in words if word))


def summarise(record: CommunicationNeeds | None, items: list[CommunicationNeed]) -> NeedsSummary:
    if record is None:
        return NeedsSummary()
    return NeedsSummary(
        language=language_label(record.language) if record.language else "",
        language_key=record.language,
        notes=record.notes,
        needs=[
            ShownNeed(
                kind=item.kind,
                key=item.key,
                words=need_label(item.key, item.own_words),
                flag=flag_words(item.key, item.own_words),
                snomed_id=item.snomed_id,
                snomed_term=item.snomed_term,
            )
            for item in items
        ],
        asked_at_utc=record.asked_at_utc,
        checked_at_utc=record.checked_at_utc,
    )


YEAR = "year"
CIRCLE = "circle"


def review_reason(
    checked_at_utc: datetime | None, now: datetime, *, circle_changed: bool
) -> str | None:
    """Why to ask "Are your communication needs still right?" now, if at all: once a
    year, and when someone joined or left their circle since they last checked. Never
    before they have recorded anything (they are asked once, after signing up)."""
    if checked_at_utc is None:
        return None
    if now - checked_at_utc >= REVIEW_EVERY:
        return YEAR
    return CIRCLE if circle_changed else None
