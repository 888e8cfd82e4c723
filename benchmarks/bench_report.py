"""Time ``rus report`` against one ``rus validate`` of the same plans, in the same run.

Both commands run as fresh processes (a cold start, imports included), interleaved run by run so
that they see the same machine load, ``--repeat`` times each; the table shows the median and best
wall time and the median CPU time (user + system), and the ratio of the report's median to
validate's. The target (issue 12) is a report of at most 4 × one validate. With ``--baseline DIR``
(a checkout of another commit, e.g. ``git archive <commit> | tar -x -C /tmp/rus-before``) the
report also runs with that tree's package, for a before/after figure::

    python benchmarks/bench_report.py [--repeat 7] [--plans plans] [--year 2026] [--baseline DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The report may take at most this many times one validate of the same plans.
TARGET_RATIO = 4.0


def run_once(tree: Path, args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU time (user + system) of one ``python -m rus ARGS`` with the package of ``tree``."""
    env = {**os.environ, "PYTHONPATH": str(tree), "NO_COLOR": "1", "RUS_LANG": "en"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "rus", *args], cwd=cwd, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed in {tree}: {done.stdout.decode()}{done.stderr.decode()}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def commands(plans: Path, year: int, out: Path) -> dict[str, list[str]]:
    """The measured commands: validate, and the report in each format."""
    report = ["report", "--year", str(year), "--plans", str(plans)]
    return {
        "rus validate": ["validate", str(plans)],
        "rus report (html)": [*report, "-o", str(out / "r.html")],
        "rus report (markdown)": [*report, "--format", "markdown", "-o", str(out / "r.md")],
        "rus report (json)": [*report, "--format", "json", "-o", str(out / "r.json")],
    }


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table; exit 1 when the HTML report exceeds the target ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--plans", type=Path, default=ROOT / "plans")
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--baseline", type=Path, help="another checkout whose report is timed too")
    options = parser.parse_args(argv)
    plans = options.plans.resolve()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        measured = commands(plans, options.year, out)
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in measured}
        if options.baseline is not None:
            runs["rus report (html), baseline"] = []
        for _ in range(options.repeat):
            for name, args in measured.items():
                runs[name].append(run_once(ROOT, args, out))
            if options.baseline is not None:
                runs["rus report (html), baseline"].append(
                    run_once(options.baseline.resolve(), measured["rus report (html)"], out)
                )
    validate = statistics.median(wall for wall, _ in runs["rus validate"])
    validate_cpu = statistics.median(c for _, c in runs["rus validate"])
    print(f"{'command':<32} {'median s':>9} {'best s':>8} {'cpu s':>7} {'× validate':>11} {'cpu ×':>6}")
    for name, samples in runs.items():
        walls = [wall for wall, _ in samples]
        median = statistics.median(walls)
        cpu = statistics.median(c for _, c in samples)
        print(
            f"{name:<32} {median:>9.3f} {min(walls):>8.3f} {cpu:>7.3f} {median / validate:>11.2f}"
            f" {cpu / validate_cpu:>6.2f}"
        )
    ratio = statistics.median(wall for wall, _ in runs["rus report (html)"]) / validate
    verdict = "within" if ratio <= TARGET_RATIO else "over"
    print(f"report / validate = {ratio:.2f} ({verdict} the target of {TARGET_RATIO:g} ×; {options.repeat} runs each)")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
