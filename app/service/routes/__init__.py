"""Service view pages: each module's views join the service blueprint
(app/service/__init__.py)."""
