"""A bare Flask app: one route, no extensions, no database. `make bench` serves it with
the same gunicorn settings as Keepwell and compares every page against it (issue 16)."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "hello"
