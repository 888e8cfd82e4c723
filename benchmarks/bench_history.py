"""Benchmark of the plans' history: ``rus diff``, ``rus log`` and ``rus revisions`` across 20 recorded revisions.

Builds a git repository holding the medium corpus (``generate.py``: 40 files × 300 activities) and
records 20 twice-yearly revisions of it, each changing about 5 % of the activities and raising every
plan's ``revision`` (tags ``<area>/<revision>``). Then times, each as a separate ``rus`` process:

- one ``rus validate`` of the corpus (the yardstick),
- ``rus diff`` between the first and the last revision, as JSON and as text (target: at most 2×
  validate, at most 2× its peak memory),
- ``rus log ID`` of one activity across all 20 revisions (target: at most 10× validate),
- ``rus revisions`` of the medium corpus: every area's 20 revisions and what changed in each
  (target: at most 2× validate, at most 2× its peak memory),

and, in this process, reading all 20 revisions of the bundled plans (target: well under a second).
Printed as ratios to the one validate (time, and peak resident memory), measured in the same run::

    python benchmarks/bench_history.py [--files 40] [--activities 300] [--revisions 20] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

ACTIVITY = re.compile(r"^  - id: ([A-Z]{3}-[0-9]{3,4})\n", re.MULTILINE)
TITLE = re.compile(r"^    title: (.*)$", re.MULTILINE)
REVISION = re.compile(r"^revision: .*$", re.MULTILINE)
ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org",
    "GIT_CONFIG_NOSYSTEM": "1", "NO_COLOR": "1",
    # the rus of this checkout, whatever is installed
    "PYTHONPATH": os.pathsep.join([str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])]),
}


def revisions(count: int, first_year: int = 2017) -> list[str]:
    """``count`` twice-yearly revision names, oldest first: 2017-1, 2017-2, 2018-1, …"""
    return [f"{first_year + i // 2}-{i % 2 + 1}" for i in range(count)]


def git(repo: Path, *args: str, when: str | None = None) -> str:
    env = dict(ENV)
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def record_revisions(repo: Path, plans: Path, names: list[str], share: float, seed: int) -> list[str]:
    """Commit and tag each revision, changing ``share`` of the activities each time; the ids touched."""
    rng = random.Random(seed)
    files = sorted(p for p in plans.rglob("*.yaml") if p.name != "actors.yaml")
    ids = [(path, m.group(1)) for path in files for m in ACTIVITY.finditer(path.read_text(encoding="utf-8"))]
    areas = sorted({path.stem for path in files})
    # the plans are read against their region file (without one, rus stops at G001)
    shutil.copyfile(REPO / "region.yaml", repo / "region.yaml")
    git(repo, "init", "--quiet", "--initial-branch=main")
    touched: list[str] = []
    for number, name in enumerate(names):
        if number:
            chosen = rng.sample(ids, max(1, int(len(ids) * share)))
            by_file: dict[Path, set[str]] = {}
            for path, ident in chosen:
                by_file.setdefault(path, set()).add(ident)
            touched += [ident for _, ident in chosen]
            for path in files:
                text = REVISION.sub(f"revision: {name}", path.read_text(encoding="utf-8"), count=1)
                path.write_text(_retitle(text, by_file.get(path, set()), name), encoding="utf-8")
        else:
            for path in files:
                path.write_text(REVISION.sub(f"revision: {name}", path.read_text(encoding="utf-8"), count=1), encoding="utf-8")
        year, half = name.split("-")
        when = f"{year}-{'03' if half == '1' else '10'}-15T12:00:00+01:00"
        git(repo, "add", "-A", when=when)
        git(repo, "commit", "--quiet", "-m", f"revision {name}", when=when)
        for area in areas:
            git(repo, "tag", "-a", f"{area}/{name}", "-m", f"{area} {name}", when=when)
    return touched


def _retitle(text: str, idents: set[str], revision: str) -> str:
    """Change the title of each activity in ``idents`` (the first ``title:`` after its id)."""
    if not idents:
        return text
    out: list[str] = []
    last = 0
    for match in ACTIVITY.finditer(text):
        if match.group(1) not in idents:
            continue
        title = TITLE.search(text, match.end())
        if title is None:
            continue
        out.append(text[last:title.start()])
        out.append(f"    title: {title.group(1).split(' (rev')[0]} (rev {revision})")
        last = title.end()
    out.append(text[last:])
    return "".join(out)


PEAKS: dict[str, float] = {}  # command -> the largest peak resident memory of its runs, in MiB


def timed(command: list[str], cwd: Path, runs: int = 1) -> float:
    """The best wall time of ``runs`` runs of a ``rus`` command (in a process of its own).

    The peak resident memory of the process (``os.wait4``) goes into :data:`PEAKS`.
    """
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        with tempfile.TemporaryFile() as err:
            process = subprocess.Popen([sys.executable, "-m", "rus", *command], cwd=cwd, env=ENV,
                                       stdout=subprocess.DEVNULL, stderr=err)
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            best = min(best, time.perf_counter() - start)
            err.seek(0)
            stderr = err.read().decode("utf-8", "replace")
        key = " ".join(command)
        PEAKS[key] = max(PEAKS.get(key, 0.0), usage.ru_maxrss / 1024)  # Linux: KiB
        if process.returncode not in (0, 1):
            raise SystemExit(f"rus {key} failed ({process.returncode}): {stderr}")
    return best


def peak(command: list[str]) -> float:
    """The peak resident memory (MiB) measured for a command by :func:`timed`."""
    return PEAKS[" ".join(command)]


def bundled_history(out: Path, names: list[str]) -> Callable[[], float]:
    """A repository of the bundled plans with ``names`` revisions; returns a timer of reading them all."""
    shutil.copytree(REPO / "plans", out / "plans")
    record_revisions(out, out / "plans", names, share=0.1, seed=1)

    def read_all() -> float:
        from rus.timeline.history import BLOB_CACHE, revision_snapshots

        BLOB_CACHE.clear()
        start = time.perf_counter()
        found = revision_snapshots(out)
        elapsed = time.perf_counter() - start
        assert len(found) == 4 * len(names), len(found)
        return elapsed

    return read_all


def main(argv: list[str] | None = None) -> int:
    """Build the repositories, time the commands and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--activities", type=int, default=300)
    parser.add_argument("--revisions", type=int, default=20)
    parser.add_argument("--share", type=float, default=0.05, help="share of activities changed per revision")
    parser.add_argument("--runs", type=int, default=1, help="runs of each command (the best is kept)")
    parser.add_argument("--keep", type=Path, help="build the repositories here and keep them")
    args = parser.parse_args(argv)
    try:
        from generate import generate_corpus
    except ImportError:
        print("benchmarks/generate.py (generate_corpus) is needed to build the corpus", file=sys.stderr)
        return 2
    base = args.keep or Path(tempfile.mkdtemp(prefix="rus-bench-history-"))
    base.mkdir(parents=True, exist_ok=True)
    names = revisions(args.revisions)
    try:
        repo = base / "medium"
        plans = repo / "plans"
        start = time.perf_counter()
        generate_corpus(plans, args.files, args.activities, 0)
        touched = record_revisions(repo, plans, names, args.share, seed=0)
        size = sum(p.stat().st_size for p in plans.rglob("*.yaml")) / 1_048_576
        print(f"corpus: {args.files} files × {args.activities} activities, {size:.1f} MB; "
              f"{len(names)} revisions ({names[0]} … {names[-1]}), {args.share:.0%} of activities changed "
              f"per revision; built in {time.perf_counter() - start:.0f} s")
        ident = max(set(touched), key=touched.count)
        validate_cmd = ["validate", "plans", "--format", "json"]
        diff_cmd = ["diff", names[0], names[-1], "--format", "json"]
        diff_text_cmd = ["diff", names[0], names[-1], "--color", "never"]
        revisions_cmd = ["revisions", "--format", "json"]
        validate = timed(validate_cmd, repo, args.runs)
        diff = timed(diff_cmd, repo, args.runs)
        diff_text = timed(diff_text_cmd, repo, args.runs)
        log = timed(["log", ident, "--format", "json"], repo, args.runs)
        revisions_medium = timed(revisions_cmd, repo, args.runs)
        read_bundled = bundled_history(base / "bundled", names)
        bundled = min(read_bundled() for _ in range(3))
        revisions_cli = timed(["revisions", "--format", "json"], base / "bundled", args.runs)
        memory = peak(validate_cmd)
        print(f"rus validate (medium corpus)          {validate:6.2f} s   1.00×   {memory:5.0f} MiB")
        print(f"rus diff {names[0]} {names[-1]} (json)        {diff:6.2f} s   {diff / validate:4.2f}×   "
              f"{peak(diff_cmd):5.0f} MiB = {peak(diff_cmd) / memory:4.2f}×  (target ≤ 2×, ≤ 2× memory)")
        print(f"rus diff {names[0]} {names[-1]} (text)        {diff_text:6.2f} s   {diff_text / validate:4.2f}×   "
              f"{peak(diff_text_cmd):5.0f} MiB = {peak(diff_text_cmd) / memory:4.2f}×  (target ≤ 2×, ≤ 2× memory)")
        print(f"rus revisions ({len(names)} revisions × {len({p.stem for p in plans.rglob('*.yaml')} - {'actors'})} areas)"
              f"   {revisions_medium:6.2f} s   {revisions_medium / validate:4.2f}×   {peak(revisions_cmd):5.0f} MiB = "
              f"{peak(revisions_cmd) / memory:4.2f}×  (target ≤ 2×, ≤ 2× memory)")
        print(f"rus log {ident} ({touched.count(ident)} changes, {len(names)} revisions) {log:6.2f} s   "
              f"{log / validate:4.2f}×  (target ≤ 10×)")
        print(f"read {len(names)} revisions of the bundled plans   {bundled:6.2f} s   (target well under 1 s)")
        print(f"rus revisions (bundled, {len(names)} × 4 tags, cold)  {revisions_cli:6.2f} s")
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
