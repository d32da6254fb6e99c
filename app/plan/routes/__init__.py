"""My plan's pages: each module's views join the plan blueprint (app/plan/__init__.py)."""
