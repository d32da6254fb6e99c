"""Opening and closing an account: a new person always has an empty plan with every part
in it, and closing removes everything of theirs."""

from __future__ import annotations

from app.data.accounts.models import User
from app.data.accounts.queries import add_user, delete_user
from app.data.plans.queries import create_plan_for, delete_plan_for
from app.plan.parts import PARTS


def create_account(
    *,
    display_name: str = "",
    username: str | None = None,
    password_hash: str | None = None,
    user_handle: bytes | None = None,
    locale: str | None = None,
    is_demo: bool = False,
    review_interval_days: int = 42,
) -> User:
    """A new person with an empty plan whose parts all exist from the start."""
    user = add_user(
        display_name=display_name,
        username=username,
        password_hash=password_hash,
        user_handle=user_handle,
        locale=locale,
        is_demo=is_demo,
    )
    create_plan_for(user, [part.key for part in PARTS], review_interval_days)
    return user


def delete_account(user: User) -> None:
    """Everything of theirs goes with them: the foreign keys cascade from `users`."""
    delete_plan_for(user.id)
    delete_user(user)
