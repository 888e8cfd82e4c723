"""Edits and layout checks against ``rus validate`` and ``check-jsonschema``, in one run, cold.

Three cases, each command a fresh process (imports included), the cases' commands interleaved
round by round so that all see the same machine load; medians (and the best) of ``--repeat`` runs,
peak resident memory (``os.wait4``), and each command's median as a ratio to ``rus validate`` and
to ``check-jsonschema`` of the same file, in wall time and in CPU time (user + system, which other
work on a shared machine disturbs less). The ``rus`` package's bytecode is written first, as an
installed package has it:

- **large**: a plan of ``--activities`` activities (1,000: 1.6 MB) and the synthetic actor registry
  in a git repository: ``rus activity set ID title=… --dry-run``, ``rus activity add … --dry-run``
  (an append), ``rus meeting record … --dry-run`` (the keys at the top) and ``rus fmt --check``.
- **bundled**: the bundled plans in a git repository: ``rus activity status ID ongoing`` (written;
  the file is put back after each run, outside the timing), ``rus activity add … --dry-run`` and
  ``rus actor add … --dry-run``.
- **cold start**: ``rus --version`` and the commands above on one bundled plan, against
  ``rus validate`` and ``check-jsonschema`` of that plan.

With ``--baseline DIR`` (the ``rus`` package of another commit, e.g. ``git archive COMMIT rus | tar
-x -C DIR``) each ``rus`` command also runs with that package (``python -m rus`` with ``PYTHONPATH``
set to it) in the same rounds, as rows marked "(baseline)" with their ratio to this tree's.

    python benchmarks/bench_edit.py [--repeat 5] [--activities 1000] [--baseline DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # a sibling script, not a package

ROOT = Path(__file__).resolve().parents[1]
MB = 1_048_576
#: The activity edited in the bundled plans (planned, so it may become ongoing); in the large plan,
#: the one in the middle.
BUNDLED_PLAN = "digitala-losningar.yaml"
BUNDLED_ID = "DIG-003"


@dataclass
class Command:
    """One command of a case, and its runs."""

    case: str
    name: str
    argv: list[str]
    cwd: str
    restore: tuple[str, str] | None = None  # (file, its text): written back after each run
    expected: tuple[int, ...] = (0,)  # the exit codes it may end with
    pythonpath: str | None = None  # the package of another tree (a baseline)
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)  # user + system: steadier than wall time on a busy machine
    peak_rss_mb: float = 0.0
    exit_codes: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu_seconds)


def executable(name: str) -> str:
    """The real script next to this interpreter (not a pyenv shim, which adds its own start-up)."""
    for folder in (Path(sys.executable).parent, Path(sys.base_prefix) / "bin"):  # a venv's, then its base's
        if (folder / name).exists():
            return str(folder / name)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is not installed (pip install -e '.[test]')")
    return found


def run_once(command: Command) -> None:
    """Run a command once; record its wall time, peak memory and exit code."""
    env = {**os.environ, "NO_COLOR": "1", "RUS_LANG": "en"}
    if command.pythonpath is not None:
        env["PYTHONPATH"] = command.pythonpath
    start = time.perf_counter()
    process = subprocess.Popen(command.argv, cwd=command.cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait for it again
    command.seconds.append(time.perf_counter() - start)
    command.cpu_seconds.append(usage.ru_utime + usage.ru_stime)
    command.exit_codes.append(os.waitstatus_to_exitcode(status))
    rss = usage.ru_maxrss / (MB if sys.platform == "darwin" else 1024)
    command.peak_rss_mb = max(command.peak_rss_mb, rss)
    if command.exit_codes[-1] not in command.expected:
        raise SystemExit(f"{command.case}: {command.name} exited with {command.exit_codes[-1]}")
    if command.restore is not None:
        Path(command.restore[0]).write_text(command.restore[1], encoding="utf-8")


def compile_bytecode(tree: Path) -> None:
    """Write the bytecode of the ``rus`` package in ``tree``, as installing a package does: where
    ``PYTHONDONTWRITEBYTECODE`` is set, an editable install or a ``PYTHONPATH`` tree would otherwise
    compile every module it imports on every start, which no installed ``rus`` does."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "rus")], check=True, capture_output=True)


def _git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _repository(root: Path, plans: list[Path]) -> Path:
    """A git repository at ``root`` with the region file and ``plans`` in plans/; its plans folder."""
    folder = root / "plans"
    folder.mkdir(parents=True)
    shutil.copyfile(ROOT / "region.yaml", root / "region.yaml")
    shutil.copytree(ROOT / "schemas", root / "schemas")
    for plan in plans:
        shutil.copyfile(plan, folder / plan.name)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "plans")
    return folder


def commands(work: Path, activities: int) -> list[Command]:
    """The commands of the three cases, with their repositories made in ``work``."""
    rus, cjs = executable("rus"), executable("check-jsonschema")
    plan_schema = str(ROOT / "schemas" / "plan.schema.json")
    written = generate.generate_corpus(work / "corpus", 1, activities)
    large = _repository(work / "large", written)
    large_plan = str(large / written[1].name)
    ids = [line.split(": ", 1)[1] for line in Path(large_plan).read_text(encoding="utf-8").splitlines()
           if line.startswith("  - id: ") and "-D" not in line and "-M" not in line and "-I" not in line]
    large_id = ids[len(ids) // 2]
    large_area, prefix = written[1].stem, large_id.split("-")[0]
    new_activity = ["--title", "En ny insats", "--start", "2027-01-01", "--whole-county", "--phase", "analysis",
                    "--sami", "none", "--dry-run"]
    bundled = _repository(work / "bundled", sorted((ROOT / "plans").glob("*.yaml")))
    bundled_plan = str(bundled / BUNDLED_PLAN)
    one = str(ROOT / "plans" / BUNDLED_PLAN)
    return [
        Command("large", "rus validate", [rus, "validate", large_plan], str(large.parent)),
        Command("large", "check-jsonschema", [cjs, "--schemafile", plan_schema, large_plan], str(large.parent)),
        Command("large", "rus activity set ID title=… --dry-run",
                [rus, "activity", "set", large_id, "title=En ny titel", "--dry-run", "--plans", str(large)], str(large.parent)),
        Command("large", "rus activity add AREA … --dry-run",
                [rus, "activity", "add", large_area, "--sub-area", f"{prefix}-D1", *new_activity, "--plans", str(large)],
                str(large.parent)),
        Command("large", "rus meeting record AREA … --dry-run",
                [rus, "meeting", "record", large_area, "--date", "2027-03-12", "--place", "Östersund", "--participant",
                 "aktor-001", "--participant", "aktor-002", "--cycle", "analysis", "--dry-run", "--plans", str(large)],
                str(large.parent)),
        Command("large", "rus fmt --check", [rus, "fmt", "--check", large_plan], str(large.parent), expected=(0, 1)),
        Command("bundled", "rus validate", [rus, "validate", bundled_plan], str(bundled.parent)),
        Command("bundled", "check-jsonschema", [cjs, "--schemafile", plan_schema, bundled_plan], str(bundled.parent)),
        Command("bundled", f"rus activity status {BUNDLED_ID} ongoing",
                [rus, "activity", "status", BUNDLED_ID, "ongoing", "--plans", str(bundled)], str(bundled.parent),
                restore=(bundled_plan, Path(bundled_plan).read_text(encoding="utf-8"))),
        Command("bundled", "rus activity add DIG … --dry-run",
                [rus, "activity", "add", "DIG", "--sub-area", "DIG-D1", *new_activity, "--plans", str(bundled)],
                str(bundled.parent)),
        Command("bundled", "rus actor add ID … --dry-run",
                [rus, "actor", "add", "nytt-bolag", "--name", "Nytt bolag AB", "--helix", "business", "--municipality",
                 "are", "--step", "DIG=wants", "--dry-run", "--plans", str(bundled)], str(bundled.parent)),
        Command("cold start", "rus validate", [rus, "validate", one], str(work)),
        Command("cold start", "check-jsonschema", [cjs, "--schemafile", plan_schema, one], str(work)),
        Command("cold start", "rus --version", [rus, "--version"], str(work)),
        Command("cold start", "rus fmt --check", [rus, "fmt", "--check", one], str(work), expected=(0, 1)),
        Command("cold start", f"rus activity status {BUNDLED_ID} ongoing --dry-run",
                [rus, "activity", "status", BUNDLED_ID, "ongoing", "--dry-run", "--plans", str(ROOT / "plans")], str(work)),
    ]


def baseline(measured: list[Command], tree: Path) -> list[Command]:
    """The ``rus`` commands again, run with the package in ``tree`` (``python -m rus``)."""
    others: list[Command] = []
    for command in measured:
        if command.name.startswith("rus"):
            argv = [sys.executable, "-m", "rus", *command.argv[1:]]
            others.append(Command(command.case, f"{command.name} (baseline)", argv, command.cwd, command.restore,
                                  command.expected, str(tree)))
    return others


def table(measured: list[Command]) -> str:
    """The results as a Markdown table, with ratios to the case's ``rus validate`` and check-jsonschema
    (a baseline's row: to the baseline's ``rus validate``, and its time against this tree's)."""
    rows = ["| case | command | median s | best s | median CPU s | peak RSS MB | × rus validate | × check-jsonschema "
            "| CPU × rus validate | CPU × check-jsonschema | exit |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for command in measured:
        validate_name = "rus validate (baseline)" if command.pythonpath else "rus validate"
        validate = next(c for c in measured if c.case == command.case and c.name == validate_name)
        reference = next(c for c in measured if c.case == command.case and c.name == "check-jsonschema")
        codes = ",".join(str(code) for code in sorted(set(command.exit_codes)))
        rows.append(f"| {command.case} | `{command.name}` | {command.median:.2f} | {min(command.seconds):.2f} | "
                    f"{command.median_cpu:.2f} | {command.peak_rss_mb:.0f} | {command.median / validate.median:.2f} | "
                    f"{command.median / reference.median:.2f} | {command.median_cpu / validate.median_cpu:.2f} | "
                    f"{command.median_cpu / reference.median_cpu:.2f} | {codes} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--activities", type=int, default=1_000)
    parser.add_argument("--baseline", type=Path, help="the rus package of another tree, run in the same rounds")
    parser.add_argument("--json", action="store_true", help="print the runs as JSON")
    options = parser.parse_args(argv)
    compile_bytecode(ROOT)
    if options.baseline is not None:
        compile_bytecode(options.baseline.resolve())
    with tempfile.TemporaryDirectory() as folder:
        measured = commands(Path(folder), options.activities)
        if options.baseline is not None:
            measured += baseline(measured, options.baseline.resolve())
        for _ in range(options.repeat):
            for command in measured:
                run_once(command)
    if options.json:
        print(json.dumps([asdict(c) for c in measured], indent=2))
    else:
        print(table(measured))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
