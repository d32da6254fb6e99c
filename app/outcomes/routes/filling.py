"""Filling in an assessment: who is with you, one area per page, then check and save.

A draft keeps every answer as it is given ("save and finish later" at any point). A
saved assessment can be corrected by its author for 24 hours; each correction is a new
revision, and a correction based on an older version is refused rather than lost."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from app import access
from app.access import Action, signed_in
from app.data.accounts.models import User
from app.data.circle.members import list_members
from app.data.outcomes.models import ALONE
from app.data.outcomes.queries import (
    StaleAssessment,
    can_correct,
    complete_assessment,
    completed_assessments,
    correct_assessment,
    save_draft,
    with_answer,
    with_other_view,
)
from app.data.reminders.queries import request_replan
from app.forms import ButtonForm
from app.needs import easy_read
from app.outcomes import bp
from app.outcomes.forms import ONGOING_CHOICES, AreaForm, CheckForm, CompanionForm
from app.outcomes.instruments import Item
from app.outcomes.opening import Opened, open_assessment
from app.outcomes.progress import SCORED, answer_words
from app.outcomes.reviews import kind_for_today, today_for
from app.outcomes.schedule import BASELINE, ONGOING_REVIEW
from app.outcomes.together import join_review

EARLIEST_YEARS_BACK = 5
FROM_CHECK: dict[str, Any] = {"from": "check"}  # `from` is a keyword: passed as a mapping


def _editable(assessment_id: int) -> Opened:
    opened = open_assessment(assessment_id, Action.CHANGE)
    if not opened.assessment.is_draft and not can_correct(opened.assessment, current_user.id):
        flash(_("This was saved more than 24 hours ago, so it can no longer be changed."), "info")
        abort(redirect(url_for(".show", assessment_id=assessment_id)))
    return opened


def _version(opened: Opened) -> int:
    try:
        return int(request.form.get("version", ""))
    except ValueError:
        abort(400)


def _correct(opened: Opened, **changes: object) -> Response:
    try:
        correct_assessment(
            opened.assessment,
            author=access.current_person(),
            expected_version=_version(opened),
            **changes,
        )
    except StaleAssessment:
        flash(
            _("This was changed on another device while you were looking. Here it is now."), "info"
        )
        return redirect(url_for(".show", assessment_id=opened.assessment.id))
    request_replan(opened.person.id)
    flash(_("Your change is saved. The earlier version is kept too."), "success")
    return redirect(url_for(".show", assessment_id=opened.assessment.id))


def _review_partners(person: User) -> list[tuple[int, str, str]]:
    """People in the person's circle who may review with them: (account id, name, role)."""
    return [
        (row.member_id, row.label or row.member.name_to_show, row.role)
        for row in list_members(person)
        if access.permits(row.permissions, access.PROGRESS, Action.CHANGE)
    ]


def _together_on_their_device(opened: Opened) -> str | Response:
    """A peer mentor opened the review on their own device. Already joint with them: on to
    the first area. Otherwise they say so with a button (a GET never changes anything)."""
    member = access.current_person()
    first = url_for(
        ".area", assessment_id=opened.assessment.id, item_key=opened.instrument.items[0].key
    )
    if opened.assessment.with_user_id == member.id:
        return redirect(first)
    form = ButtonForm()
    if request.method == "POST" and form.validate_on_submit():
        join_review(opened.assessment, member, access.standing_of(member.id, opened.person.id))
        return redirect(first)
    return render_template(
        "outcomes/together.html",
        assessment=opened.assessment,
        instrument=opened.instrument,
        person=opened.person,
        form=form,
    )


@bp.route("/assessments/<int:assessment_id>/with", methods=["GET", "POST"])
@signed_in
def companion(assessment_id: int) -> str | Response:
    opened = _editable(assessment_id)
    assessment = opened.assessment
    if opened.person.id != current_user.id and assessment.is_draft:
        return _together_on_their_device(opened)
    partners = _review_partners(opened.person)
    # A brand-new draft asks afresh rather than showing "on my own" already chosen.
    fresh = assessment.is_draft and not assessment.answers and assessment.completed_with == ALONE
    form = CompanionForm(
        data={
            "completed_with": assessment.completed_with,
            "with_name": assessment.with_name,
            "with_member": str(assessment.with_user_id or ""),
        }
        if request.method == "GET" and not fresh
        else None
    )
    form.with_member.choices = [
        *[SelectChoice(str(member_id), name) for member_id, name, _role in partners],
        SelectChoice("", _("Someone who is not in my circle")),
    ]
    if form.validate_on_submit():
        chosen = form.completed_with.data
        name = "" if chosen == ALONE else (form.with_name.data or "")
        linked = next(
            (p for p in partners if str(p[0]) == form.with_member.data and chosen != ALONE), None
        )
        changes = {
            "completed_with": chosen,
            "with_name": linked[1] if linked else name,
            "with_user_id": linked[0] if linked else None,
        }
        if not assessment.is_draft:
            return _correct(opened, **changes)
        save_draft(assessment, **changes)
        if request.args.get("from") == "check":
            return redirect(url_for(".check", assessment_id=assessment_id))
        return redirect(
            url_for(".area", assessment_id=assessment_id, item_key=opened.instrument.items[0].key)
        )
    return render_template(
        "outcomes/companion.html",
        form=form,
        assessment=assessment,
        instrument=opened.instrument,
        partners=partners,
    )


def _neighbours(opened: Opened, item: Item) -> tuple[str, str]:
    """Where Back and Continue go from this area."""
    items = opened.instrument.items
    index = opened.instrument.index_of(item.key)
    aid = opened.assessment.id
    if not opened.assessment.is_draft or request.args.get("from") == "check":
        target = url_for(".show" if not opened.assessment.is_draft else ".check", assessment_id=aid)
        return target, target
    back = (
        url_for(".area", assessment_id=aid, item_key=items[index - 1].key)
        if index
        else url_for(".companion", assessment_id=aid)
    )
    forward = (
        url_for(".area", assessment_id=aid, item_key=items[index + 1].key)
        if index + 1 < len(items)
        else url_for(".check", assessment_id=aid)
    )
    return back, forward


def _answer_from(form: AreaForm) -> dict[str, object]:
    chosen = form.chosen()
    answer: dict[str, object] = {"help": form.help.data or ""}
    if chosen is not None and chosen.isdigit():
        answer.update(score=int(chosen), status=SCORED)
    else:
        answer.update(score=None, status=chosen)
    return answer


@bp.route("/assessments/<int:assessment_id>/areas/<item_key>", methods=["GET", "POST"])
@signed_in
def area(assessment_id: int, item_key: str) -> str | Response:
    opened = _editable(assessment_id)
    item = opened.instrument.item(item_key)
    if item is None:
        abort(404)
    assessment = opened.assessment
    saved = (assessment.answers or {}).get(item.key, {})
    form = AreaForm(formdata=None if request.method == "GET" else request.form)
    form.setup(opened.instrument, item)
    other_saved = (assessment.other_views or {}).get(item.key, {})
    if request.method == "GET":
        score = saved.get("score")
        form.answer.data = str(score) if score is not None else saved.get("status")
        form.help.data = saved.get("help", "")
        form.other_score.data = str(other_saved.get("score", ""))
        form.other_note.data = other_saved.get("note", "")
    back, forward = _neighbours(opened, item)
    later = request.form.get("action") == "later" and assessment.is_draft
    joint = assessment.with_user_id is not None
    # Checked only once the person has tried to carry on: a question never opens with an
    # error. `&`, not `and`: every problem on the page is shown at once.
    if request.method == "POST" and (
        form.validate() & form.check_answer(required=not later) & form.check_other_view()
    ):
        changes: dict[str, object] = {}
        if form.chosen() is not None or form.help.data:
            answer = (
                _answer_from(form)
                if form.chosen() is not None
                else {**saved, "help": form.help.data}
            )
            changes["answers"] = with_answer(assessment.answers, item.key, answer)
        if joint:
            # Beside the person's answer, never instead of it.
            changes["other_views"] = with_other_view(
                assessment.other_views, item.key, form.other_view(), assessment.with_user_id
            )
        if changes:
            if not assessment.is_draft:
                return _correct(opened, **changes)
            save_draft(assessment, **changes)
        if later:
            flash(_("Saved. You can carry on from where you stopped at any time."), "success")
            return redirect(url_for(".progress", tool=opened.instrument.key))
        return redirect(forward)
    return render_template(
        easy_read.page("outcomes/area.html"),
        form=form,
        assessment=assessment,
        instrument=opened.instrument,
        item=item,
        number=opened.instrument.index_of(item.key) + 1,
        back=back,
        forward=forward,
        joint=joint,
        on_their_device=opened.person.id != current_user.id,
    )


def _missing(opened: Opened) -> list[Item]:
    answers = opened.assessment.answers or {}
    return [item for item in opened.instrument.items if not answers.get(item.key, {}).get("status")]


def _check_date(opened: Opened, form: CheckForm) -> None:
    if form.taken_on.errors:
        form.taken_on.errors = [_("Enter the date you filled this in, like 27 3 2025")]
        return
    taken_on, today = form.taken_on.data, today_for(opened.person)
    if taken_on is None:
        return
    if taken_on > today:
        form.taken_on.errors = [
            _("The date cannot be in the future. Use today's date or an earlier one.")
        ]
    elif taken_on.year < today.year - EARLIEST_YEARS_BACK:
        form.taken_on.errors = [_("Enter a date in the last 5 years.")]
    else:
        saved = completed_assessments(opened.person.id, opened.instrument.key)
        baselines = [a.taken_on for a in saved if a.kind == BASELINE and a.taken_on]
        if baselines and taken_on < min(baselines):
            form.taken_on.errors = [
                _("A review cannot be dated before your baseline. Use a later date.")
            ]


@bp.route("/assessments/<int:assessment_id>/check", methods=["GET", "POST"])
@signed_in
def check(assessment_id: int) -> str | Response:
    opened = open_assessment(assessment_id, Action.CHANGE)
    assessment = opened.assessment
    if not assessment.is_draft:  # a second tap on "Save": it is saved, once
        return redirect(url_for(".show", assessment_id=assessment_id))
    form = CheckForm(
        data={"taken_on": today_for(opened.person)} if request.method == "GET" else None
    )
    kind = kind_for_today(
        opened.person, opened.instrument, form.taken_on.data if request.method == "POST" else None
    )
    missing = _missing(opened)
    extra_errors = []
    if request.method == "POST":
        form.validate()
        _check_date(opened, form)
        kind = (
            kind_for_today(opened.person, opened.instrument, form.taken_on.data)
            if not form.taken_on.errors
            else kind
        )
        if form.ongoing_support.data and form.ongoing_support.data not in ONGOING_CHOICES:
            form.ongoing_support.errors = [_("Choose one of the answers")]
        extra_errors = [
            (
                url_for(".area", assessment_id=assessment_id, item_key=item.key, **FROM_CHECK),
                _("Choose an answer for %(area)s", area=item.title),
            )
            for item in missing
        ]
        if not extra_errors and not form.errors:
            ongoing = form.ongoing_support.data if kind == ONGOING_REVIEW else None
            if complete_assessment(
                assessment,
                taken_on=form.taken_on.data,
                kind=kind,
                author=access.current_person(),
                ongoing_support=ongoing or None,
            ):
                request_replan(opened.person.id)
                flash(_("Saved. Thank you for taking the time."), "success")
            return redirect(url_for(".show", assessment_id=assessment_id))
    return render_template(
        "outcomes/check.html",
        form=form,
        assessment=assessment,
        instrument=opened.instrument,
        kind=kind,
        missing={item.key for item in missing},
        extra_errors=extra_errors,
        answer_words=answer_words,
    )
