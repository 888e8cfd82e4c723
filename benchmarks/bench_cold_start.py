"""Cold start of ``rus``: ``rus --version`` and ``rus validate`` of one bundled plan, medians.

Each command runs as a fresh process ``--repeat`` times; the table shows the median and the best
wall time, and the median CPU time (user + system, steadier than wall time on a busy machine). With
``--baseline DIR`` (a checkout of another commit, e.g. made with ``git worktree
add``) the same commands also run against that tree's package (``python -m rus`` with ``PYTHONPATH``
set to it), interleaved run by run with this tree's, so that both see the same machine load::

    python benchmarks/bench_cold_start.py [--repeat 21] [--baseline /tmp/rus-before]
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
COMMANDS: dict[str, list[str]] = {
    "rus --version": ["--version"],
    "rus validate plans/upplevelser.yaml": ["validate", str(ROOT / "plans" / "upplevelser.yaml")],
}


def run_once(tree: Path, args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one ``python -m rus ARGS`` with the package of ``tree``.

    It runs in a folder of its own (``cwd``): in the repository, ``python -m`` would import the
    package beside it, whatever ``PYTHONPATH`` says.
    """
    env = {**os.environ, "PYTHONPATH": str(tree), "NO_COLOR": "1", "RUS_LANG": "en"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "rus", *args], cwd=cwd, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed in {tree}: {done.stdout.decode()}{done.stderr.decode()}")
    return elapsed, cpu


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--baseline", type=Path, help="another checkout to compare with, run interleaved")
    options = parser.parse_args(argv)
    trees = {"this tree": ROOT}
    if options.baseline is not None:
        trees["baseline"] = options.baseline.resolve()
    for tree in trees.values():  # as an installed package has it (PYTHONDONTWRITEBYTECODE would compile each start)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "rus")], check=True, capture_output=True)
    times: dict[tuple[str, str], list[float]] = {(c, t): [] for c in COMMANDS for t in trees}
    cpu: dict[tuple[str, str], list[float]] = {(c, t): [] for c in COMMANDS for t in trees}
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(options.repeat):
            for command, args in COMMANDS.items():
                for name, tree in trees.items():
                    wall, used = run_once(tree, args, Path(folder))
                    times[command, name].append(wall)
                    cpu[command, name].append(used)
    print(f"{'command':40} {'tree':10} {'median s':>9} {'best s':>8} {'median CPU s':>13}")
    for (command, name), values in times.items():
        print(f"{command:40} {name:10} {statistics.median(values):9.3f} {min(values):8.3f} {statistics.median(cpu[command, name]):13.3f}")
    if options.baseline is not None:
        for command in COMMANDS:
            ratio = statistics.median(times[command, "this tree"]) / statistics.median(times[command, "baseline"])
            cpu_ratio = statistics.median(cpu[command, "this tree"]) / statistics.median(cpu[command, "baseline"])
            print(f"{command}: this tree / baseline = {ratio:.2f} (wall, medians), {cpu_ratio:.2f} (CPU, medians)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
