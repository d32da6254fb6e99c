"""Find groups' pages and its ORUK API: each module's views join a blueprint in
app/groups/__init__.py."""
