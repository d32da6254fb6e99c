"""A member suggests a change to a part they can see; nothing changes until the person
accepts it (as it is, or after editing) or declines it."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app import access
from app.access import Action, signed_in
from app.circle import bp
from app.circle.forms import SuggestionNoteForm
from app.circle.opening import owner, pending_suggestion
from app.data.accounts.models import User
from app.data.circle.suggestions import close_suggestion, create_suggestion
from app.data.plans.queries import change_part, get_part, get_plan_for_owner
from app.forms import ButtonForm
from app.plan import content as entries
from app.plan.forms import entry_form, entry_form_class, entry_values, label_for_section
from app.plan.parts import PARTS_BY_KEY, PARTS_BY_SLUG, Part, Section
from app.replay import already_applied


def _section_of(slug: str, section_key: str) -> tuple[Part, Section]:
    part = PARTS_BY_SLUG.get(slug)
    section = part.section(section_key) if part else None
    if part is None or section is None:
        abort(404)
    return part, section


def _suggestion_form(section: Section, **kwargs: object):  # type: ignore[no-untyped-def]
    form_class = type("SuggestionForm", (entry_form_class(section), SuggestionNoteForm), {})
    return label_for_section(form_class(**kwargs), section)


def _suggest(slug: str, section_key: str, entry_id: str | None) -> str | Response:
    someone: User = access.viewed_person()
    part, section = _section_of(slug, section_key)
    access.require(current_user, someone.id, access.plan_part(part.key), Action.SUGGEST)
    content = get_part(get_plan_for_owner(someone.id), part.key).content or {}  # type: ignore[arg-type]
    current = entries.find_entry(content, section.key, entry_id) if entry_id else None
    if entry_id and current is None:
        abort(404)
    form = _suggestion_form(section)
    if request.method == "GET" and current is not None:
        for definition in section.fields:
            form[definition.key].data = current.get(definition.key, "")
    if form.validate_on_submit() and already_applied():  # sent twice from the offline queue
        return redirect(url_for("member_plan.show_part", slug=part.slug))
    if form.validate_on_submit():
        author: User = access.current_person()
        create_suggestion(
            someone.id,
            author,
            part_key=part.key,
            section_key=section.key,
            entry_id=entry_id,
            values=entry_values(form, section),
            note=form.note.data or "",
        )
        flash(
            _(
                "Suggestion sent. %(name)s will decide whether to use it.",
                name=someone.name_to_show,
            ),
            "success",
        )
        return redirect(url_for("member_plan.show_part", slug=part.slug))
    return render_template(
        "circle/suggest.html", part=part, section=section, form=form, current=current
    )


@bp.route("/people/<int:person_id>/plan/<slug>/<section_key>/suggest", methods=["GET", "POST"])
@signed_in
def suggest_addition(slug: str, section_key: str) -> str | Response:
    return _suggest(slug, section_key, None)


@bp.route(
    "/people/<int:person_id>/plan/<slug>/<section_key>/<entry_id>/suggest",
    methods=["GET", "POST"],
)
@signed_in
def suggest_change(slug: str, section_key: str, entry_id: str) -> str | Response:
    return _suggest(slug, section_key, entry_id)


def _open_suggestion(suggestion_id: int):  # type: ignore[no-untyped-def]
    person = owner()
    suggestion = pending_suggestion(person, suggestion_id)
    part = PARTS_BY_KEY[suggestion.part_key]
    section = part.section(suggestion.section_key)
    if section is None:
        abort(404)
    return person, suggestion, part, section


def _apply(
    person: User, suggestion: object, part: Part, section: Section, values: dict[str, str]
) -> None:
    entry_id = getattr(suggestion, "entry_id", None)

    def apply(current: entries.Content) -> entries.Content | None:
        if entry_id and entries.find_entry(current, section.key, entry_id) is not None:
            return entries.replace_entry(current, section.key, entry_id, values)
        return entries.add_entry(current, section.key, values)

    row = get_part(get_plan_for_owner(person.id), part.key)  # type: ignore[arg-type]
    change_part(row, apply, author=person, change="suggestion")


@bp.route("/circle/suggestions/<int:suggestion_id>", methods=["GET", "POST"])
@signed_in
def review_suggestion(suggestion_id: int) -> str | Response:
    person, suggestion, part, section = _open_suggestion(suggestion_id)
    form = ButtonForm()
    if request.method == "POST" and form.validate_on_submit():
        answer = request.form.get("answer")
        if answer == "accept":
            _apply(person, suggestion, part, section, dict(suggestion.values))
            close_suggestion(suggestion, "accepted")
            flash(_("Added to your plan."), "success")
        elif answer == "decline":
            close_suggestion(suggestion, "declined")
            flash(_("Suggestion declined. Your plan has not changed."), "success")
        else:
            abort(400)
        return redirect(url_for("plan.show_part", slug=part.slug))
    content = get_part(get_plan_for_owner(person.id), part.key).content or {}  # type: ignore[arg-type]
    current = (
        entries.find_entry(content, section.key, suggestion.entry_id)
        if suggestion.entry_id
        else None
    )
    return render_template(
        "circle/review_suggestion.html",
        suggestion=suggestion,
        part=part,
        section=section,
        current=current,
        form=form,
    )


@bp.route("/circle/suggestions/<int:suggestion_id>/edit", methods=["GET", "POST"])
@signed_in
def edit_suggestion(suggestion_id: int) -> str | Response:
    person, suggestion, part, section = _open_suggestion(suggestion_id)
    form = entry_form(section)
    if request.method == "GET":
        for definition in section.fields:
            form[definition.key].data = suggestion.values.get(definition.key, "")
    elif form.validate_on_submit():
        _apply(person, suggestion, part, section, entry_values(form, section))
        close_suggestion(suggestion, "edited")
        flash(_("Your version is in your plan."), "success")
        return redirect(url_for("plan.show_part", slug=part.slug))
    return render_template(
        "circle/edit_suggestion.html", suggestion=suggestion, part=part, section=section, form=form
    )
