from __future__ import annotations

import pytest

from app.demo.listings import load_demo_directory


@pytest.fixture
def directory(app):
    """The demo listings (Oxfordshire), loaded through the ORUK importer."""
    with app.app_context():
        load_demo_directory()
