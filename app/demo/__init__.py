"""The clearly marked demo: a made-up person with a filled-in plan and a peer mentor
(`flask demo load`), and made-up Oxfordshire listings for Find groups (`flask groups
demo`). Phone numbers are Ofcom's drama ranges; addresses are example.org."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.demo.cli import demo_cli, groups_demo_command
    from app.groups.cli import groups_cli

    app.cli.add_command(demo_cli)
    groups_cli.add_command(groups_demo_command)
