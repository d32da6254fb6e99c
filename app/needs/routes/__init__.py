"""My communication needs: asking and recording, the passport (asking.py); BSL videos
that service managers attach to the main pages (bsl.py)."""

from app.needs.routes import applying, asking, bsl  # noqa: F401  (views join bp)
