"""Get help now: national crisis lines for everyone, and a signed-in person's own
supporters from their crisis plan. Cached by the service worker for offline use."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from app import access
from app.access import Action, public
from app.data.circle.alerts import open_alert
from app.data.circle.models import HelpAlert
from app.data.plans.queries import get_part, get_plan_for_owner
from app.help import bp
from app.needs import easy_read
from app.plan.content import entries
from app.plan.parts import CRISIS_PLAN


def own_supporters() -> list[dict[str, str]]:
    if not current_user.is_authenticated:
        return []
    owner_id = current_user.id
    if not access.can(current_user, owner_id, access.plan_part(CRISIS_PLAN.key), Action.VIEW):
        return []
    plan = get_plan_for_owner(owner_id)
    if plan is None:
        return []
    return entries(get_part(plan, CRISIS_PLAN.key).content or {}, "supporters")


def alert_recipient_names() -> list[str]:
    """Who an "I need help" alert would reach, so the button can say so."""
    if not current_user.is_authenticated:
        return []
    from app.data.circle.alerts import alert_recipients

    me = access.current_person()
    return [m.label or m.member.name_to_show for m in alert_recipients(me)]


def my_open_alert() -> HelpAlert | None:
    if not current_user.is_authenticated:
        return None
    return open_alert(access.current_person())


@bp.get("/help")
@public
def help_now() -> str:
    from app.forms import ButtonForm

    return render_template(
        easy_read.page("help/help.html"),
        supporters=own_supporters(),
        alert_names=alert_recipient_names(),
        alert_form=ButtonForm(formdata=None),
        open_alert=my_open_alert(),
    )
