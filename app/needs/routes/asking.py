"""Ask and record: "How do you like to get information?", one question per page, right
after signing up (skippable) and from Account at any time."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response

from app import access
from app.access import Action, public, signed_in
from app.data.accounts.models import User
from app.data.circle.members import is_paused
from app.data.needs.records import (
    NeedValues,
    communication_needs,
    mark_asked,
    mark_checked,
    need_items,
    recode_need,
    replace_needs,
    save_language,
    save_notes,
)
from app.data.reminders.queries import request_replan
from app.forms import ButtonForm
from app.needs import bp, easy_read
from app.needs.applying import offer_after
from app.needs.forms import (
    OTHER,
    ContactForm,
    FormatsForm,
    LanguageForm,
    NeedsForm,
    OtherForm,
    QuestionForm,
    SupportForm,
)
from app.needs.sharing import members_who_see_needs
from app.needs.summary import summarise
from app.needs.vocabulary import LANGUAGE_LABELS, coded, needs_of_kind
from app.urls import safe_next

QUESTIONS = ("language", "formats", "support", "contact", "other")
QUESTION_TITLES = {
    "language": _l("Your language"),
    "formats": _l("Information you can use"),
    "support": _l("Communication support"),
    "contact": _l("How to contact you"),
    "other": _l("Anything else"),
}
NEEDS_FORMS: dict[str, type[NeedsForm]] = {
    "formats": FormatsForm,
    "support": SupportForm,
    "contact": ContactForm,
}


def own_person() -> User:
    person: User = access.viewed_person()
    access.require(current_user, person.id, access.COMMUNICATION_NEEDS, Action.CHANGE)
    return person


@bp.get("/account/communication-needs")
@signed_in
def summary() -> str:
    person = own_person()
    record = communication_needs(person.id)
    return render_template(
        "needs/summary.html",
        shown=summarise(record, need_items(person.id)),
        questions=[(key, QUESTION_TITLES[key]) for key in QUESTIONS],
        form=ButtonForm(formdata=None),
    )


@bp.get("/account/communication-needs/ask")
@signed_in
def ask() -> str:
    own_person()
    return render_template(
        "needs/ask.html", next=safe_next(request.args.get("next"), ""), form=ButtonForm()
    )


@bp.post("/account/communication-needs/not-now")
@signed_in
def not_now() -> Response:
    person = own_person()
    form = ButtonForm()
    if form.validate_on_submit():
        mark_asked(person.id)
    return redirect(safe_next(request.form.get("next"), url_for("plan.overview")))


@bp.post("/account/communication-needs/still-right")
@signed_in
def still_right() -> Response:
    person = own_person()
    if ButtonForm().validate_on_submit():
        mark_checked(person.id)
        request_replan(person.id)  # the yearly reminder moves on a year
        flash(_("Thank you. We have noted that your needs are still right."), "success")
    return redirect(safe_next(request.form.get("next"), url_for("needs.summary")))


@bp.route("/account/communication-needs/<question>", methods=["GET", "POST"])
@signed_in
def question(question: str) -> str | Response:
    person = own_person()
    if question not in QUESTIONS:
        abort(404)
    form = _form_for(question, person)
    if form.validate_on_submit():
        _save(question, form, person)
        after = _after(question, form)
        record = communication_needs(person.id)
        chosen = list(getattr(form, "needs", None) and form.needs.data or [])
        offer = offer_after(question, chosen, record.language if record else "")
        if offer is not None:
            return redirect(url_for("needs.apply", what=offer, then=after.location))
        return after
    number = QUESTIONS.index(question) + 1
    return render_template(
        "needs/question.html",
        form=form,
        question=question,
        title=QUESTION_TITLES[question],
        number=number,
        total=len(QUESTIONS),
        next_question=QUESTIONS[number] if number < len(QUESTIONS) else None,
        asking=(form.asking.data or request.args.get("asking")) == "1",
    )


def _form_for(question: str, person: User) -> QuestionForm:
    record = communication_needs(person.id)
    data: dict[str, Any] | None
    if request.method != "GET":
        data = None
    elif question == "language":
        language = record.language if record else ""
        known = language in LANGUAGE_LABELS or not language
        data = {
            "language": language if known else OTHER,
            "other_language": "" if known else language,
        }
    elif question == "other":
        data = {"notes": record.notes if record else ""}
    else:
        items = need_items(person.id, NEEDS_FORMS[question].kind)
        data = {
            "needs": [item.key for item in items if item.key],
            "own_words": "; ".join(item.own_words for item in items if not item.key),
        }
    if data is not None:
        data["asking"] = request.args.get("asking", "")
    forms: dict[str, type[QuestionForm]] = {"language": LanguageForm, "other": OtherForm}
    form_class = forms.get(question) or NEEDS_FORMS[question]
    return form_class(data=data)


def _save(question: str, form: QuestionForm, person: User) -> None:
    request_replan(person.id)  # an answer is a check: the yearly reminder moves on
    record = communication_needs(person.id)
    if isinstance(form, LanguageForm):
        chosen = form.language.data or ""
        language = (form.other_language.data or "") if chosen == OTHER else chosen
        save_language(person.id, language)
        # An interpreter is coded for the language: "Polish language interpreter needed".
        for item in need_items(person.id):
            if item.key == "interpreter":
                recode_need(item, coded("interpreter", language))
    elif isinstance(form, OtherForm):
        save_notes(person.id, form.notes.data or "")
    elif isinstance(form, NeedsForm):
        language = record.language if record else ""
        ticked = set(form.needs.data or [])
        chosen = [need.key for need in needs_of_kind(form.kind) if need.key in ticked]
        values = [coded(key, language) for key in chosen]
        if form.own_words.data:
            values.append(NeedValues(own_words=form.own_words.data))  # no code: their words
        replace_needs(person.id, form.kind, values)


def _after(question: str, form: QuestionForm) -> Response:
    if form.asking.data == "1":
        position = QUESTIONS.index(question)
        if position + 1 < len(QUESTIONS):
            return redirect(url_for("needs.question", question=QUESTIONS[position + 1], asking="1"))
        flash(_("Thank you. You can change these any time from Account."), "success")
        return redirect(url_for("needs.summary"))
    flash(_("Saved. People you share this with will see it."), "success")
    return redirect(url_for("needs.summary"))


PRINT_SIZES = ("standard", "large")


@bp.get("/account/communication-passport")
@signed_in
def passport() -> str:
    """One page to show at any appointment, printed or on the phone (kept offline)."""
    person = own_person()
    size = request.args.get("size", "standard")
    if size not in PRINT_SIZES:
        abort(404)
    record = communication_needs(person.id)
    return render_template(
        "needs/passport.html",
        owner=person,
        shown=summarise(record, need_items(person.id)),
        size=size,
        seen_by=members_who_see_needs(person),
        paused=is_paused(person.id),
    )


@bp.post("/easy-read")
@public
def choose_easy_read() -> Response:
    """Easy read on or off on this device (a cookie, like the display settings)."""
    response = redirect(safe_next(request.form.get("next"), "/"))
    if ButtonForm().validate_on_submit():
        on = request.form.get("on") == "1"
        response.set_cookie(
            easy_read.COOKIE,
            "1" if on else "0",
            max_age=365 * 24 * 3600,
            secure=request.is_secure,
            httponly=True,
            samesite="Lax",
        )
    return response
