"""Signing up, in and out, and confirming it is you: each module's views join the auth
blueprint (app/auth/__init__.py)."""
