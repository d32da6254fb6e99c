"""A print-friendly plan: the whole plan or the crisis plan, standard or large print."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_login import current_user

from app import access
from app.access import Action, signed_in
from app.data.accounts.models import User
from app.data.plans.queries import get_parts
from app.plan import bp
from app.plan.editing import plan_of
from app.plan.parts import CRISIS_PLAN, PARTS

PRINT_SIZES = ("standard", "large")


@bp.get("/print")
@signed_in
def print_plan() -> str:
    owner: User = access.viewed_person()
    which = request.args.get("part", "all")
    size = request.args.get("size", "standard")
    if which not in ("all", CRISIS_PLAN.slug) or size not in PRINT_SIZES:
        abort(404)
    parts = PARTS if which == "all" else (CRISIS_PLAN,)
    for part in parts:
        access.require(current_user, owner.id, access.plan_part(part.key), Action.VIEW)
    rows = get_parts(plan_of(owner))
    return render_template(
        "plan/print.html",
        parts=parts,
        rows=rows,
        owner=owner,
        which=which,
        size=size,
    )
