"""Page objects for My progress and Reminders: what a person does, in their words."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import BrowserContext, Page, expect

from app.data.accounts.models import User
from app.data.accounts.queries import open_device_session
from app.data.database import db


def sign_in_as(context: BrowserContext, live_server, person_id: int) -> None:
    """Give the browser a signed-in session cookie, as signing in would."""
    app = live_server.app
    with app.app_context():
        user = db.session.get(User, person_id)
        token = open_device_session(user, remember=False, method="test", user_agent="browser test")
        db.session.commit()
        serializer = app.session_interface.get_signing_serializer(app)
        cookie = serializer.dumps({"sid": token, "_user_id": str(person_id)})
    context.add_cookies([{"name": "keepwell_session", "value": cookie, "url": live_server.url}])


class AssessmentFlow:
    """Filling in a baseline or review, one area per page."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def start_from_progress(self, button: str) -> AssessmentFlow:
        self.page.goto("/progress")
        self.page.get_by_role("link", name=button).click()
        self.page.get_by_role("button", name="Start", exact=True).click()
        return self

    def filled_in_with(self, who: str, name: str = "") -> AssessmentFlow:
        self.page.get_by_label(who).check()
        if name:
            self.page.get_by_label("Their name (optional)").fill(name)
        self.page.get_by_role("button", name="Continue").click()
        return self

    def answer(self, step: str, what_would_help: str = "") -> AssessmentFlow:
        """`step` is a number on the ladder, or the words of another answer."""
        ladder = self.page.locator(".kw-ladder")
        if step.isdigit():
            ladder.locator(f"input[value='{step}']").check()
        else:
            ladder.get_by_label(step).check()
        if what_would_help:
            self.page.get_by_label("What would help? (optional)").fill(what_would_help)
        self.page.get_by_role("button", name="Continue").click()
        return self

    def save(self, taken_on: date | None = None) -> None:
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Check your answers")
        if taken_on is not None:
            self.page.get_by_label("When did you fill this in?").fill(taken_on.isoformat())
        self.page.get_by_role("button", name="Save", exact=True).click()
        expect(self.page.locator(".kw-notice--success")).to_contain_text("Saved.")


class RemindersPage:
    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self) -> RemindersPage:
        self.page.goto("/reminders")
        return self

    def turn_on_for_this_device(self) -> None:
        self.page.get_by_role("button", name="Turn on reminders on this device").click()

    def status(self) -> str:
        return self.page.locator("[data-push-status]").inner_text()
