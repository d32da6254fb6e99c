"""Places later capabilities hook into the shared layout: menu items and home-page
panels. A capability registers here instead of editing the layout."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel.speaklater import LazyString
from flask_login import current_user


@dataclass(frozen=True)
class NavItem:
    label: LazyString
    endpoint: str
    blueprint: str
    shown: Callable[[], bool] = lambda: bool(current_user.is_authenticated)
    order: int = 50
    # The pages it is "current" on, when not every page of its blueprint (two items in
    # one blueprint: My circle and People I support).
    current_on: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        from flask import url_for

        return url_for(self.endpoint)

    def is_current(self) -> bool:
        from flask import request

        if self.current_on:
            return request.endpoint in self.current_on
        return request.blueprint == self.blueprint


@dataclass(frozen=True)
class DashboardPanel:
    template: str
    shown: Callable[[], bool] = lambda: bool(current_user.is_authenticated)
    order: int = 50


NAV_ITEMS: list[NavItem] = []
DASHBOARD_PANELS: list[DashboardPanel] = []


def add_nav_item(item: NavItem) -> None:
    if all(existing.endpoint != item.endpoint for existing in NAV_ITEMS):
        NAV_ITEMS.append(item)
        NAV_ITEMS.sort(key=lambda i: i.order)


def add_dashboard_panel(panel: DashboardPanel) -> None:
    if all(existing.template != panel.template for existing in DASHBOARD_PANELS):
        DASHBOARD_PANELS.append(panel)
        DASHBOARD_PANELS.sort(key=lambda p: p.order)


def extra_nav_items() -> list[NavItem]:
    return [item for item in NAV_ITEMS if item.shown()]


def dashboard_panels() -> list[str]:
    return [panel.template for panel in DASHBOARD_PANELS if panel.shown()]
