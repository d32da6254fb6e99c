"""`make bench`: run every benchmark module in this package (or those named).

    python -m bench                 # all of them
    python -m bench foundation      # one, with its own arguments after it

Each module has `main(argv) -> dict` and writes bench/results/<module>.json."""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from pathlib import Path

import bench

NOT_BENCHMARKS = {"support", "bare_app"}  # helpers, not benchmarks


def modules() -> list[str]:
    folder = str(Path(bench.__file__).parent)
    names = [info.name for info in pkgutil.iter_modules([folder])]
    return sorted(n for n in names if n not in NOT_BENCHMARKS and not n.startswith("_"))


def main(argv: list[str]) -> int:
    chosen = [argv[0]] if argv and argv[0] in modules() else modules()
    rest = argv[1:] if argv and argv[0] in modules() else argv
    results_dir = Path(bench.__file__).parent / "results"
    results_dir.mkdir(exist_ok=True)
    for name in chosen:
        print(f"== bench.{name} ==", flush=True)
        report = importlib.import_module(f"bench.{name}").main(rest)
        (results_dir / f"{name}.json").write_text(json.dumps(report, indent=2))
        print(json.dumps(report, indent=2), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
