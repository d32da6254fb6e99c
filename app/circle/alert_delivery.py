"""How an "I need help" alert reaches people. The banner needs nothing more than the
database rows; push is added here when web push is available."""

from __future__ import annotations


def deliver(alert: object) -> int:
    """Send pushes for this alert; returns how many devices were reached."""
    return 0
