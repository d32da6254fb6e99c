"""My plan: one part per page; add, change, move and remove entries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app import access
from app.access import Action, signed_in
from app.data.base import utcnow
from app.data.models import Plan, PlanPart, User
from app.data.plans import (
    ContentChange,
    StaleVersion,
    change_part,
    content_at,
    drafts_for,
    get_part,
    get_part_for_owner,
    get_parts,
    get_plan_for_owner,
    keep_draft,
    last_change,
    mark_plan_reviewed,
    save_part,
)
from app.data.sharing import pending_suggestions
from app.drafts import note_saved_draft, plan_draft_key
from app.forms import ButtonForm
from app.plan import content as entries
from app.plan.forms import MoveForm, VersionedForm, entry_form_class, entry_values
from app.plan.parts import CRISIS_PLAN, PARTS, PARTS_BY_SLUG, Part, Section
from app.plan.review import ReviewState, local_date, next_plan_review, review_state

bp = Blueprint("plan", __name__, url_prefix="/plan", template_folder="templates")

SAVE_ATTEMPTS = 3  # for the three-way merge in _edit, as in data.plans.change_part


@dataclass
class PartContext:
    """The person whose plan it is, their plan, and one part of it, access already checked."""

    owner: User
    plan: Plan
    part: Part
    row: PlanPart


def current_person() -> User:
    """The person making the request (the author of any change)."""
    return current_user._get_current_object()  # type: ignore[attr-defined,no-any-return]


def plan_of(owner: User) -> Plan:
    plan = get_plan_for_owner(owner.id)
    if plan is None:
        abort(404)
    return plan


def open_part(slug: str, action: Action) -> PartContext:
    part = PARTS_BY_SLUG.get(slug)
    if part is None:
        abort(404)
    owner: User = access.viewed_person()
    access.require(current_user, owner.id, access.plan_part(part.key), action)
    row = get_part_for_owner(owner.id, part.key)
    if row is None:
        abort(404)
    return PartContext(owner, row.plan, part, row)


def open_section(context: PartContext, section_key: str) -> Section:
    section = context.part.section(section_key)
    if section is None:
        abort(404)
    return section


def part_url(context: PartContext, **params: object) -> str:
    return url_for(".show_part", slug=context.part.slug, **params)


@bp.get("")
@signed_in
def overview() -> str:
    owner: User = access.viewed_person()
    access.require(current_user, owner.id, access.PLAN, Action.VIEW)
    plan = get_plan_for_owner(owner.id, with_parts=True)
    if plan is None:
        abort(404)
    rows = get_parts(plan)
    visible = [
        part
        for part in PARTS
        if access.can(current_user, owner.id, access.plan_part(part.key), Action.VIEW)
    ]
    is_owner = owner.id == current_user.id
    return render_template(
        "plan/overview.html",
        parts=visible,
        rows=rows,
        review=review_state_for(plan, owner) if is_owner else None,
        last=last_change(plan) if is_owner else None,
        can_print_all=len(visible) == len(PARTS),
        can_print_crisis=CRISIS_PLAN in visible,
        review_form=ButtonForm(formdata=None),
    )


def review_state_for(plan: Plan, owner: User) -> ReviewState:
    due = next_plan_review(
        plan.last_reviewed_at_utc, plan.created_at_utc, plan.review_interval_days, owner.timezone
    )
    return review_state(due, local_date(utcnow(), owner.timezone))


@bp.post("/reviewed")
@signed_in
def mark_reviewed() -> Response:
    owner: User = access.viewed_person()
    access.require(current_user, owner.id, access.PLAN, Action.CHANGE)
    if not ButtonForm().validate_on_submit():
        abort(400)
    plan = plan_of(owner)
    mark_plan_reviewed(plan)
    review = review_state_for(plan, owner)
    flash(
        _("Thank you. Your next plan review is due on %(date)s.", date=_format_date(review.due_on)),
        "success",
    )
    back_home = request.form.get("next") == "home"
    return redirect(url_for("home.index") if back_home else url_for(".overview"))


def _format_date(value: date) -> str:
    return format_date(value, "long")


@bp.get("/<slug>")
@signed_in
def show_part(slug: str) -> str:
    context = open_part(slug, Action.VIEW)
    removed = request.args.get("removed", type=int)
    return render_template(
        "plan/part.html",
        context=context,
        part=context.part,
        content=context.row.content or {},
        version=context.row.version,
        drafts=drafts_for(context.row),
        removed_version=removed if removed and removed < context.row.version + 1 else None,
        undo_form=ButtonForm(formdata=None),
        can_change=access.can(
            current_user, context.owner.id, access.plan_part(context.part.key), Action.CHANGE
        ),
        can_suggest=access.can(
            current_user, context.owner.id, access.plan_part(context.part.key), Action.SUGGEST
        ),
        suggestions=pending_suggestions(context.owner.id, context.part.key)
        if context.owner.id == current_user.id
        else [],
    )


def _save_with_retry(context: PartContext, change: str, make_content: ContentChange) -> bool:
    try:
        return change_part(context.row, make_content, author=current_person(), change=change)
    except StaleVersion:  # three other saves in a row: vanishingly rare; ask to try again
        abort(409)


@bp.route("/<slug>/<section_key>/add", methods=["GET", "POST"])
@signed_in
def add_entry(slug: str, section_key: str) -> str | Response:
    context = open_part(slug, Action.CHANGE)
    section = open_section(context, section_key)
    form = entry_form_class(section)()
    if request.method == "GET":
        form.entry_id.data = entries.new_entry_id()
        form.base_version.data = str(context.row.version)
    elif form.validate_on_submit():
        entry_id = form.entry_id.data or ""
        if not entries.is_entry_id(entry_id):
            abort(400)
        values = entry_values(form, section)

        def add(current: entries.Content) -> entries.Content | None:
            # The id comes from the form, so a double-tapped submit adds one entry, not two.
            if entries.find_entry(current, section.key, entry_id) is not None:
                return None
            return entries.add_entry(current, section.key, values, entry_id)

        if _save_with_retry(context, "add", add):
            flash(_("Added to %(part)s.", part=context.part.title), "success")
        note_saved_draft(plan_draft_key(context.owner.id, context.part.key, section.key, None))
        return redirect(part_url(context, _anchor=f"section-{section.key}"))
    return render_template(
        "plan/entry_form.html",
        context=context,
        section=section,
        form=form,
        adding=True,
        draft_key=plan_draft_key(context.owner.id, context.part.key, section.key, None),
    )


@bp.route("/<slug>/<section_key>/<entry_id>", methods=["GET", "POST"])
@signed_in
def edit_entry(slug: str, section_key: str, entry_id: str) -> str | Response:
    context = open_part(slug, Action.CHANGE)
    section = open_section(context, section_key)
    current_entry = entries.find_entry(context.row.content or {}, section.key, entry_id)
    form = entry_form_class(section)()
    if request.method == "GET":
        if current_entry is None:
            abort(404)
        for definition in section.fields:
            form[definition.key].data = current_entry.get(definition.key, "")
        form.base_version.data = str(context.row.version)
        form.entry_id.data = entry_id
    elif form.validate_on_submit():
        outcome = _edit(context, section, entry_id, form)
        if outcome is not None:
            return outcome
    siblings = entries.entries(context.row.content or {}, section.key)
    index = next((i for i, e in enumerate(siblings) if e.get("id") == entry_id), None)
    return render_template(
        "plan/entry_form.html",
        context=context,
        section=section,
        form=form,
        adding=False,
        entry_id=entry_id,
        can_move_up=index is not None and index > 0,
        can_move_down=index is not None and index < len(siblings) - 1,
        draft_key=plan_draft_key(context.owner.id, context.part.key, section.key, entry_id),
    )


def _edit(context: PartContext, section: Section, entry_id: str, form: VersionedForm) -> Response:
    base_version = form.base_version_number()
    if base_version is None or base_version > context.row.version:
        abort(400)
    mine = entry_values(form, section)
    # A link back to where the entry came from (progress, a group) outlives edits.
    original = entries.find_entry(content_at(context.row, base_version), section.key, entry_id)
    mine.update(entries.link_of(original))
    for _attempt in range(SAVE_ATTEMPTS):
        base = content_at(context.row, base_version)
        outcome = entries.merge_edit(base, context.row.content or {}, section.key, entry_id, mine)
        note_saved_draft(plan_draft_key(context.owner.id, context.part.key, section.key, entry_id))
        if outcome.conflict is not None:
            draft = keep_draft(
                context.row, current_person(), section.key, entry_id, base_version, mine
            )
            return redirect(url_for(".resolve_conflict", slug=context.part.slug, draft_id=draft.id))
        if outcome.unchanged or outcome.content is None:
            flash(_("Nothing had changed, so there was nothing to save."), "info")
            return redirect(part_url(context, _anchor=f"entry-{entry_id}"))
        try:
            save_part(
                context.row,
                outcome.content,
                author=current_person(),
                change="edit",
                expected_version=context.row.version,
            )
        except StaleVersion:
            context.row = get_part(context.plan, context.part.key)
            continue
        flash(_("Saved."), "success")
        return redirect(part_url(context, _anchor=f"entry-{entry_id}"))
    abort(409)


@bp.post("/<slug>/<section_key>/<entry_id>/move")
@signed_in
def move_entry(slug: str, section_key: str, entry_id: str) -> Response:
    context = open_part(slug, Action.CHANGE)
    section = open_section(context, section_key)
    form = MoveForm()
    if not form.validate_on_submit() or form.direction.data not in ("up", "down"):
        abort(400)
    offset = -1 if form.direction.data == "up" else 1

    def move(current: entries.Content) -> entries.Content | None:
        if entries.find_entry(current, section.key, entry_id) is None:
            return None
        return entries.move_entry(current, section.key, entry_id, offset)

    if _save_with_retry(context, "move", move):
        flash(_("Moved."), "success")
    return redirect(part_url(context, _anchor=f"entry-{entry_id}"))


@bp.route("/<slug>/<section_key>/<entry_id>/remove", methods=["GET", "POST"])
@signed_in
def remove_entry(slug: str, section_key: str, entry_id: str) -> str | Response:
    context = open_part(slug, Action.CHANGE)
    section = open_section(context, section_key)
    entry = entries.find_entry(context.row.content or {}, section.key, entry_id)
    form = ButtonForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        if entry is None:
            flash(_("That entry had already been removed."), "info")
            return redirect(part_url(context))

        def remove(current: entries.Content) -> entries.Content | None:
            if entries.find_entry(current, section.key, entry_id) is None:
                return None
            return entries.remove_entry(current, section.key, entry_id)

        _save_with_retry(context, "remove", remove)
        return redirect(part_url(context, removed=context.row.version))
    if entry is None:
        abort(404)
    return render_template(
        "plan/remove_entry.html", context=context, section=section, entry=entry, form=form
    )


from app.plan import history_routes, printing  # noqa: E402,F401  (routes on this blueprint)
