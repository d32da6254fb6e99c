"""My plan: the plan's parts, one part per page; add, change, move and remove entries."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app import access
from app.access import Action, signed_in
from app.data.accounts.models import User
from app.data.circle.suggestions import pending_suggestions
from app.data.plans.queries import (
    content_at,
    drafts_for,
    get_parts,
    get_plan_for_owner,
    keep_draft,
    last_change,
    mark_plan_reviewed,
)
from app.drafts import note_saved_draft, plan_draft_key
from app.forms import ButtonForm
from app.plan import bp
from app.plan import content as entries
from app.plan.editing import (
    PartContext,
    open_part,
    open_section,
    part_url,
    plan_of,
    save_with_retry,
)
from app.plan.forms import MoveForm, VersionedForm, entry_form, entry_values
from app.plan.parts import CRISIS_PLAN, PARTS, Section
from app.plan.review import plan_review_state
from app.replay import already_applied


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
        review=plan_review_state(plan, owner.timezone) if is_owner else None,
        last=last_change(plan) if is_owner else None,
        can_print_all=len(visible) == len(PARTS),
        can_print_crisis=CRISIS_PLAN in visible,
        review_form=ButtonForm(formdata=None),
    )


@bp.post("/reviewed")
@signed_in
def mark_reviewed() -> Response:
    owner: User = access.viewed_person()
    access.require(current_user, owner.id, access.PLAN, Action.CHANGE)
    if not ButtonForm().validate_on_submit():
        abort(400)
    plan = plan_of(owner)
    mark_plan_reviewed(plan)
    review = plan_review_state(plan, owner.timezone)
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
        filled=[key for key, items in (context.row.content or {}).items() if items],
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


@bp.route("/<slug>/<section_key>/add", methods=["GET", "POST"])
@signed_in
def add_entry(slug: str, section_key: str) -> str | Response:
    context = open_part(slug, Action.CHANGE)
    section = open_section(context, section_key)
    form = entry_form(section)
    if request.method == "GET":
        form.entry_id.data = entries.new_entry_id()
        form.base_version.data = str(context.row.version)
    elif form.validate_on_submit():
        entry_id = form.entry_id.data or ""
        if not entries.is_entry_id(entry_id):
            abort(400)
        if already_applied():  # sent twice from the offline queue
            return redirect(part_url(context, _anchor=f"section-{section.key}"))
        values = entry_values(form, section)

        def add(current: entries.Content) -> entries.Content | None:
            # The id comes from the form, so a double-tapped submit adds one entry, not two.
            if entries.find_entry(current, section.key, entry_id) is not None:
                return None
            return entries.add_entry(current, section.key, values, entry_id)

        if save_with_retry(context, "add", add):
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
    form = entry_form(section)
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
    if already_applied():  # sent twice from the offline queue
        return redirect(part_url(context, _anchor=f"entry-{entry_id}"))
    base_version = form.base_version_number()
    if base_version is None or base_version > context.row.version:
        abort(400)
    base = content_at(context.row, base_version)
    mine = entry_values(form, section)
    # A link back to where the entry came from (progress, a group) outlives edits.
    mine.update(entries.link_of(entries.find_entry(base, section.key, entry_id)))
    merges: list[entries.EditOutcome] = []

    def merge(current: entries.Content) -> entries.Content | None:
        merges.append(entries.merge_edit(base, current, section.key, entry_id, mine))
        return merges[-1].content

    saved = save_with_retry(context, "edit", merge)
    note_saved_draft(plan_draft_key(context.owner.id, context.part.key, section.key, entry_id))
    if merges[-1].conflict is not None:
        draft = keep_draft(
            context.row, access.current_person(), section.key, entry_id, base_version, mine
        )
        return redirect(url_for(".resolve_conflict", slug=context.part.slug, draft_id=draft.id))
    if not saved:
        flash(_("Nothing had changed, so there was nothing to save."), "info")
        return redirect(part_url(context, _anchor=f"entry-{entry_id}"))
    flash(_("Saved."), "success")
    return redirect(part_url(context, _anchor=f"entry-{entry_id}"))


@bp.post("/<slug>/<section_key>/<entry_id>/move")
@signed_in
def move_entry(slug: str, section_key: str, entry_id: str) -> Response:
    context = open_part(slug, Action.CHANGE)
    section = open_section(context, section_key)
    form = MoveForm()
    if not form.validate_on_submit() or form.direction.data not in ("up", "down"):
        abort(400)
    offset = -1 if form.direction.data == "up" else 1
    if already_applied():  # sent twice from the offline queue: moved once
        return redirect(part_url(context, _anchor=f"entry-{entry_id}"))

    def move(current: entries.Content) -> entries.Content | None:
        if entries.find_entry(current, section.key, entry_id) is None:
            return None
        return entries.move_entry(current, section.key, entry_id, offset)

    if save_with_retry(context, "move", move):
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
        if entry is None or already_applied():
            flash(_("That entry had already been removed."), "info")
            return redirect(part_url(context))

        def remove(current: entries.Content) -> entries.Content | None:
            if entries.find_entry(current, section.key, entry_id) is None:
                return None
            return entries.remove_entry(current, section.key, entry_id)

        save_with_retry(context, "remove", remove)
        return redirect(part_url(context, removed=context.row.version))
    if entry is None:
        abort(404)
    return render_template(
        "plan/remove_entry.html", context=context, section=section, entry=entry, form=form
    )
