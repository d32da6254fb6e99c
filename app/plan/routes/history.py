"""Every earlier version of a part, restoring one, and settling a conflict."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.access import Action, signed_in
from app.data.plans.queries import discard_draft, get_draft, get_revision, list_revisions
from app.forms import ButtonForm
from app.plan import bp
from app.plan import content as entries
from app.plan.editing import open_part, part_url, save_with_retry
from app.plan.forms import ConflictForm


@bp.get("/<slug>/history")
@signed_in
def history(slug: str) -> str:
    context = open_part(slug, Action.VIEW)
    return render_template(
        "plan/history.html", context=context, revisions=list_revisions(context.row)
    )


@bp.get("/<slug>/history/<int:version>")
@signed_in
def show_version(slug: str, version: int) -> str:
    context = open_part(slug, Action.VIEW)
    revision = get_revision(context.row, version)
    if revision is None:
        abort(404)
    return render_template(
        "plan/version.html",
        context=context,
        revision=revision,
        content=revision.content,
        is_current=version == context.row.version,
        form=ButtonForm(formdata=None),
    )


@bp.post("/<slug>/history/<int:version>/restore")
@signed_in
def restore_version(slug: str, version: int) -> Response:
    context = open_part(slug, Action.CHANGE)
    if not ButtonForm().validate_on_submit():
        abort(400)
    revision = get_revision(context.row, version)
    if revision is None:
        abort(404)
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
