"""Page objects: what a person does on each screen, in their words."""

from __future__ import annotations

from playwright.sync_api import Page, expect


class SignUpPage:
    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self) -> SignUpPage:
        self.page.goto("/auth/sign-up")
        return self

    def create_with_passkey(self, name: str) -> None:
        self.page.get_by_label("What should we call you? (optional)").fill(name)
        self.page.get_by_role("button", name="Create account with a passkey").click()

    def create_with_password(self, username: str, password: str) -> None:
        self.page.goto("/auth/sign-up/password")
        self.page.get_by_label("Choose a username").fill(username)
        self.page.get_by_label("Choose a password").fill(password)
        self.page.get_by_label("Type the password again").fill(password)
        self.page.get_by_role("button", name="Create account").click()


class SignInPage:
    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self) -> SignInPage:
        self.page.goto("/auth/sign-in")
        return self

    def with_passkey(self) -> None:
        self.page.get_by_role("button", name="Sign in with a passkey").click()

    def with_password(self, username: str, password: str) -> None:
        self.page.get_by_label("Username", exact=True).fill(username)
        self.page.get_by_label("Password", exact=True).fill(password)
        self.page.get_by_role("button", name="Sign in", exact=True).click()


class PlanPartPage:
    def __init__(self, page: Page, slug: str) -> None:
        self.page = page
        self.slug = slug

    def open(self) -> PlanPartPage:
        self.page.goto(f"/plan/{self.slug}")
        return self

    def add(self, add_label: str, text: str) -> None:
        self.page.get_by_role("link", name=add_label).click()
        self.page.locator("textarea[name=text]").fill(text)
        self.page.get_by_role("button", name="Save").click()
        expect(self.page.locator(".kw-notice--success")).to_be_visible()

    def open_entry(self, text: str) -> None:
        self.page.get_by_role("link", name=f"Change, move or remove {text[:40]}").click()

    def move_up(self, text: str) -> None:
        self.open_entry(text)
        self.page.get_by_role("button", name="Move up the list").click()

    def change(self, old_text: str, new_text: str) -> None:
        self.open_entry(old_text)
        self.page.locator("textarea[name=text]").fill(new_text)
        self.page.get_by_role("button", name="Save").click()

    def entries(self, section_key: str) -> list[str]:
        return self.page.locator(f"#section-{section_key} .kw-entry .kw-preserve").all_inner_texts()
