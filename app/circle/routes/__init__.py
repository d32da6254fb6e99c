"""My circle's pages: each module's views join the circle blueprint (app/circle/__init__.py)."""
