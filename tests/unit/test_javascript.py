"""The page's JavaScript modules' pure functions, under Node's own test runner
(tests/js/*.test.mjs). Node comes with `make browser`; without it this fails, never skips."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_javascript_unit_tests_pass():
    node = shutil.which("node")
    assert node, "Node.js is missing: run `make browser`"
    tests = sorted(str(p) for p in (ROOT / "tests" / "js").glob("*.test.mjs"))
    assert tests, "no JavaScript tests found"
    result = subprocess.run(  # noqa: S603 - our own test files, no shell
        [node, "--test", *tests], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout
