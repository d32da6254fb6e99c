"""Every earlier version of a part, restoring one, and settling a conflict."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app import access
from app.access import Action, signed_in
from app.data.plans.queries import discard_draft, get_draft, get_revision, list_revisions
from app.forms import ButtonForm
from app.plan import bp
from app.plan import content as entries
from app.plan.editing import open_part, part_url, save_with_retry
from app.plan.forms import ConflictForm


def _history_action() -> Action:
    """The person reads their own history; someone in their circle only for a part they
    may change (issue 10), and never the words of entries since deleted."""
    return Action.CHANGE if access.is_viewing_someone_else() else Action.VIEW


@bp.get("/<slug>/history")
@signed_in
def history(slug: str) -> str:
    context = open_part(slug, _history_action())
    revisions = list_revisions(context.row)
    current = context.row.content or {}
    rows = []
    for index, newer in enumerate(revisions):  # newest first
        older = revisions[index + 1] if index + 1 < len(revisions) else None
        changed = entries.changed_entry(older.content if older else {}, newer.content)
        if changed is not None and access.is_viewing_someone_else():
            # Named only if it is still in the plan: never the words of a deleted entry.
            changed = entries.find_entry_anywhere(current, changed[1].get("id", ""))
        rows.append((newer, changed))
    return render_template(
        "plan/history.html",
        context=context,
        rows=rows,
        sections={section.key: section for section in context.part.sections},
    )


@bp.get("/<slug>/history/<int:version>")
@signed_in
def show_version(slug: str, version: int) -> str:
    context = open_part(slug, _history_action())
    revision = get_revision(context.row, version)
    if revision is None:
        abort(404)
    content = revision.content
    if access.is_viewing_someone_else():
        content = entries.without_entries_since_removed(content, context.row.content or {})
    return render_template(
        "plan/version.html",
        context=context,
        revision=revision,
        content=content,
        is_current=version == context.row.version,
        can_restore=access.can(current_user, context.owner.id, access.PLAN_VERSIONS, Action.CHANGE),
        form=ButtonForm(formdata=None),
    )


@bp.route("/<slug>/history/<int:version>/restore", methods=["GET", "POST"])
@signed_in
def restore_version(slug: str, version: int) -> str | Response:
    """Asks first (a GET shows what will happen); only the person puts a version back."""
    context = open_part(slug, Action.CHANGE)
    access.require(current_user, context.owner.id, access.PLAN_VERSIONS, Action.CHANGE)
    revision = get_revision(context.row, version)
    if revision is None:
        abort(404)
    form = ButtonForm()
    if request.method == "GET":
        return render_template("plan/restore.html", context=context, revision=revision, form=form)
    if not form.validate_on_submit():
        abort(400)
    old_content = revision.content
    if save_with_retry(context, "restore", lambda _current: old_content):
        flash(
            _(
                "Restored version %(version)s. The version before it is kept in the history.",
                version=version,
            ),
            "success",
        )
    else:
        flash(_("That version is the same as what you have now."), "info")
    return redirect(part_url(context))


@bp.route("/<slug>/conflicts/<int:draft_id>", methods=["GET", "POST"])
@signed_in
def resolve_conflict(slug: str, draft_id: int) -> str | Response:
    context = open_part(slug, Action.CHANGE)
    draft = get_draft(context.row, draft_id)
    if draft is None:
        abort(404)
    section = context.part.section(draft.section_key)
    if section is None:
        abort(404)
    form = ConflictForm()
    if form.validate_on_submit():
        choice = form.choice.data
        mine = dict(draft.entry)

        def settle(current: entries.Content) -> entries.Content:
            return entries.resolve(current, section.key, draft.entry_id, mine, choice)

        save_with_retry(context, "merge", settle)
        discard_draft(draft)
        flash(_("Saved. Your choice is kept in the history."), "success")
        return redirect(part_url(context))
    theirs = entries.find_entry(context.row.content or {}, section.key, draft.entry_id)
    return render_template(
        "plan/conflict.html",
        context=context,
        section=section,
        draft=draft,
        theirs=theirs,
        form=form,
    )
