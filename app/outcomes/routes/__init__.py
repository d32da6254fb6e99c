"""My progress's pages: each module's views join the outcomes blueprint
(app/outcomes/__init__.py)."""
