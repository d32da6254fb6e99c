"""My progress: the progress page, starting a baseline or review, a saved assessment,
and adding what would help to the plan. Filling in is in filling.py.

Links use blueprint-relative endpoints ('.progress'), so this blueprint can also be
mounted under /people/<id>/ for someone's circle of support."""

from __future__ import annotations

import hashlib
import secrets

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from werkzeug.wrappers import Response

from app import access
from app.access import Action, signed_in
from app.accessibility.preferences import read_display_preferences
from app.data.accounts.models import User
from app.data.outcomes.models import Assessment
from app.data.outcomes.queries import (
    assessments_fingerprint,
    can_correct,
    completed_assessments,
    current_draft,
    discard_draft,
    list_revisions,
    start_assessment,
)
from app.data.reminders.queries import request_replan
from app.forms import ButtonForm
from app.outcomes import bp
from app.outcomes.cache import progress_bodies
from app.outcomes.forms import PLAN_TARGETS, AddToPlanForm, StartForm
from app.outcomes.instruments import Instrument
from app.outcomes.loading import get_instrument, instruments, main_instrument
from app.outcomes.opening import Opened, instrument_or_404, open_assessment, person_for
from app.outcomes.progress import answer_words, build_progress
from app.outcomes.reviews import (
    due_from,
    kind_for_today,
    upcoming_reviews,
)
from app.outcomes.schedule import NextReviews
from app.outcomes.support import low_areas
from app.outcomes.together import join_review
from app.plan.content import find_entry
from app.plan.editing import add_to_plan
from app.plan.parts import PARTS_BY_KEY


@bp.get("")
@signed_in
def progress() -> str:
    person = person_for(Action.VIEW)
    chosen = request.args.get("tool") or ""
    instrument = get_instrument(chosen) or main_instrument()
    fingerprint = assessments_fingerprint(person.id, instrument.key)
    has_any = bool(fingerprint[0])
    # Where links point (the circle of support mounts this blueprint elsewhere), the
    # language, the time zone and the text size (the star's labels) all change what is
    # drawn, so they are in the key.
    text_size = read_display_preferences().text_size
    key = (
        person.id,
        instrument.key,
        fingerprint,
        str(get_locale()),
        person.timezone,
        url_for(".progress"),
        text_size,
    )
    body, upcoming = (
        progress_bodies.get_or_make(key, lambda: _progress_body(person, instrument, text_size))
        if has_any
        else (None, None)
    )
    return render_template(
        "outcomes/progress.html",
        instrument=instrument,
        others=[i for k, i in instruments().items() if k != instrument.key],
        page=has_any,
        body=body,
        due=due_from(upcoming, person, instrument),
        draft=current_draft(person.id, instrument.key),
        can_change=access.can(current_user, person.id, access.PROGRESS, Action.CHANGE),
    )


def _progress_body(
    person: User, instrument: Instrument, text_size: str
) -> tuple[Markup, NextReviews | None]:
    """Charts, table and history, and when the next reviews fall: the costly part,
    worked out once per change to the person's assessments."""
    assessments = completed_assessments(person.id, instrument.key)
    body = render_template(
        "outcomes/_progress_body.html",
        instrument=instrument,
        page=build_progress(
            instrument,
            assessments,
            about=person.name_to_show if access.is_viewing_someone_else() else None,
            text_size=text_size,
        ),
        history=list(reversed(assessments)),
    )
    return Markup(body), upcoming_reviews(person, instrument)  # noqa: S704 - autoescaped


@bp.get("/<instrument_key>/start")
@signed_in
def start(instrument_key: str) -> str:
    person = person_for(Action.CHANGE)
    instrument = instrument_or_404(instrument_key)
    form = StartForm(formdata=None, client_token=secrets.token_hex(16))
    return render_template(
        "outcomes/start.html",
        instrument=instrument,
        form=form,
        kind=kind_for_today(person, instrument),
        draft=current_draft(person.id, instrument.key),
    )


@bp.post("/<instrument_key>/start")
@signed_in
def begin(instrument_key: str) -> Response:
    person = person_for(Action.CHANGE)
    instrument = instrument_or_404(instrument_key)
    form = StartForm()
    token = form.client_token.data or ""
    if len(token) != 32 or not all(c in "0123456789abcdef" for c in token):
        abort(400)
    actor = access.current_person()
    assessment = start_assessment(
        person, instrument.key, kind_for_today(person, instrument), token, actor
    )
    if actor.id != person.id and assessment.author_id == actor.id and not assessment.answers:
        # A peer mentor pressed Start on their own device: the review is joint, with them.
        join_review(assessment, actor, access.standing_of(actor.id, person.id))
    return redirect(url_for(".companion", assessment_id=assessment.id))


@bp.get("/assessments/<int:assessment_id>")
@signed_in
def show(assessment_id: int) -> str | Response:
    opened = open_assessment(assessment_id, Action.VIEW)
    if opened.assessment.is_draft:
        return redirect(url_for(".check", assessment_id=assessment_id))
    return render_template(
        "outcomes/assessment.html",
        assessment=opened.assessment,
        instrument=opened.instrument,
        answer_words=answer_words,
        revisions=list_revisions(opened.assessment),
        can_correct=can_correct(opened.assessment, current_user.id),
        can_change=access.can(current_user, opened.person.id, access.PROGRESS, Action.CHANGE),
        in_plan=_already_in_plan(opened),
        plan_form=AddToPlanForm(formdata=None),
        entry_id=plan_entry_id,
        parts=PARTS_BY_KEY,
        lows=low_areas(opened.instrument, opened.assessment),
    )


def plan_entry_id(assessment: Assessment, item_key: str, target: str) -> str:
    """The same note sent to the same place always has the same entry id, so a second
    tap, or a tap on another device, adds it once."""
    digest = hashlib.sha256(f"{assessment.id}:{item_key}:{target}".encode()).hexdigest()
    return "e" + digest[:12]


def _already_in_plan(opened: Opened) -> set[tuple[str, str]]:
    from app.data.plans.queries import get_parts, get_plan_for_owner

    plan = get_plan_for_owner(opened.person.id)
    if plan is None:
        return set()
    parts = get_parts(plan)
    found = set()
    for item_key in opened.assessment.answers or {}:
        for target, (part_key, section_key) in PLAN_TARGETS.items():
            entry_id = plan_entry_id(opened.assessment, item_key, target)
            part = parts.get(part_key)
            if part is not None and find_entry(part.content or {}, section_key, entry_id):
                found.add((item_key, target))
    return found


@bp.post("/assessments/<int:assessment_id>/plan")
@signed_in
def add_help_to_plan(assessment_id: int) -> Response:
    opened = open_assessment(assessment_id, Action.VIEW)
    access.require(
        current_user, opened.person.id, access.plan_part("wellness_toolbox"), Action.CHANGE
    )
    access.require(
        current_user, opened.person.id, access.plan_part("daily_maintenance"), Action.CHANGE
    )
    form = AddToPlanForm()
    item = opened.instrument.item(form.item_key.data or "")
    target = PLAN_TARGETS.get(form.target.data or "")
    answer = (opened.assessment.answers or {}).get(item.key) if item else None
    if item is None or target is None or not answer or not answer.get("help"):
        abort(400)
    expected = plan_entry_id(opened.assessment, item.key, form.target.data or "")
    if form.entry_id.data != expected:
        abort(400)
    part_key, section_key = target
    add_to_plan(
        opened.person.id,
        part_key,
        section_key,
        {
            "text": answer["help"],
            "link_href": url_for(".show", assessment_id=assessment_id, _anchor=f"area-{item.key}"),
            "link_label": _("From my progress: %(area)s", area=item.title),
        },
        author=access.current_person(),
        change="from_outcomes",
        entry_id=expected,
    )
    flash(_("Added to %(part)s.", part=PARTS_BY_KEY[part_key].title), "success")
    return redirect(url_for(".show", assessment_id=assessment_id, _anchor=f"area-{item.key}"))


@bp.route("/assessments/<int:assessment_id>/discard", methods=["GET", "POST"])
@signed_in
def discard(assessment_id: int) -> str | Response:
    opened = open_assessment(assessment_id, Action.CHANGE)
    access.require(current_user, opened.person.id, access.PROGRESS_DRAFTS, Action.CHANGE)
    if not opened.assessment.is_draft:
        abort(404)  # saved assessments are kept; they can be corrected, not deleted
    form = ButtonForm()
    if request.method == "POST":
        discard_draft(opened.assessment)
        request_replan(opened.person.id)
        flash(_("Deleted. Nothing you saved before has changed."), "success")
        return redirect(url_for(".progress", tool=opened.instrument.key))
    return render_template(
        "outcomes/discard.html",
        assessment=opened.assessment,
        instrument=opened.instrument,
        form=form,
    )
