"""Time ``rus validate`` against ``check-jsonschema`` on the same files, and measure peak memory.

Each command runs in a fresh subprocess (a cold start, imports included), ``--repeat`` times; the
table shows the best and the median wall time, the peak resident memory of that process (from
``os.wait4``) and the ratio of rus's best time to check-jsonschema's. check-jsonschema checks the
plans against ``schemas/plan.schema.json``, ``actors.yaml`` against ``schemas/actors.schema.json``
and ``programme.yaml`` against ``schemas/programme.schema.json`` (a run each, times added), which is
less than rus checks (no rules across files, no locations). For the large corpus only rus runs (check-jsonschema would take
minutes), and its peak memory is set against the largest file and the corpus size.

    python benchmarks/run.py [--sizes small,medium,faults,large,idmax] [--repeat N] [--json]

Corpora are generated on first use into ``benchmarks/corpus/<size>`` (see generate.py).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
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
CORPUS = ROOT / "benchmarks" / "corpus"
TARGETS = {
    "small": "rus ≤ 0.6 × check-jsonschema (cold start)",
    "medium": "rus ≥ 5 × faster than check-jsonschema",
    "large": "peak memory bounded by the largest file, not the corpus",
    "idmax": "peak memory bounded by the largest file (valid corpus at the id-space limit)",
    "faults": "medium with 400 findings: rus ≥ 5 × faster, every finding located",
}
MB = 1_048_576
#: Corpora measured for memory only: check-jsonschema would take minutes on them.
MEMORY_ONLY = frozenset({"large", "idmax"})


@dataclass
class Timing:
    """Repeated runs of one command on one corpus."""

    tool: str
    command: list[list[str]]
    seconds: list[float] = field(default_factory=list)
    peak_rss_mb: float = 0.0
    exit_codes: list[int] = field(default_factory=list)
    diagnostics: int | None = None

    @property
    def best(self) -> float:
        """The fastest run."""
        return min(self.seconds)

    @property
    def median(self) -> float:
        """The median run."""
        return statistics.median(self.seconds)


@dataclass
class SizeReport:
    """All measurements on one corpus."""

    size: str
    files: int
    corpus_mb: float
    largest_file_mb: float
    timings: list[Timing] = field(default_factory=list)
    ratio: float | None = None
    speedup: float | None = None
    target: str = ""


def executable(name: str) -> str:
    """The real script next to this interpreter (not a pyenv shim, which adds its own start-up)."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is not installed (pip install -e '.[test]')")
    return found


def corpus(size: str, seed: int, root: Path = CORPUS) -> Path:
    """The corpus folder of a size under ``root``, generated when missing."""
    out = root / size
    done = out / ".complete"
    if size == "small" or not done.exists():
        if out.exists():
            shutil.rmtree(out)
        print(f"generating the {size} corpus in {out} …", file=sys.stderr)
        generate.build(size, out, seed)
        # the plans are read against their region file (without one, rus stops at G001 and the
        # benchmark would time nothing); check-jsonschema checks it against its own schema too
        shutil.copy(ROOT / "region.yaml", out / "region.yaml")
        done.write_text("ok\n", encoding="utf-8")
    return out


def run_once(command: list[str], stdout: Path | None = None) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and exit code of one run of ``command``."""
    with Path(stdout or os.devnull).open("wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    rss = usage.ru_maxrss / (MB if sys.platform == "darwin" else 1024)
    return elapsed, rss, process.returncode


def measure(tool: str, commands: list[list[str]], repeat: int, json_out: bool = False) -> Timing:
    """Run ``commands`` in turn ``repeat`` times; a repetition's time is the sum over commands."""
    timing = Timing(tool, commands)
    for _ in range(repeat):
        total = 0.0
        for command in commands:
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp) / "out.json" if json_out else None
                elapsed, rss, code = run_once(command, out)
                if out is not None and timing.diagnostics is None:
                    data = json.loads(out.read_text(encoding="utf-8"))
                    located = all(d["line"] >= 1 and d["column"] >= 1 for d in data["diagnostics"])
                    if not located:
                        raise SystemExit(f"{tool}: a diagnostic without a location")
                    timing.diagnostics = len(data["diagnostics"])
            total += elapsed
            timing.peak_rss_mb = max(timing.peak_rss_mb, rss)
            timing.exit_codes.append(code)
        timing.seconds.append(total)
    return timing


def bench_size(size: str, repeat: int, seed: int, root: Path = CORPUS) -> SizeReport:
    """Measure rus (text and JSON output) and, except on the large corpora, check-jsonschema."""
    folder = corpus(size, seed, root)
    files = sorted(p for p in folder.rglob("*.yaml") if p.is_file())
    sizes = [p.stat().st_size for p in files]
    report = SizeReport(size, len(files), sum(sizes) / MB, max(sizes) / MB, target=TARGETS[size])
    rus = executable("rus")
    env_note = [rus, "validate"]
    if size not in MEMORY_ONLY:
        report.timings.append(measure("rus validate", [[*env_note, str(folder)]], repeat))
    report.timings.append(
        measure("rus validate --format json", [[*env_note, "--format", "json", str(folder)]], repeat, True)
    )
    if size not in MEMORY_ONLY:
        cjs = executable("check-jsonschema")
        own = {"actors.yaml": "actors.schema.json", "programme.yaml": "programme.schema.json", "region.yaml": "region.schema.json"}
        plans = [str(p) for p in files if p.name not in own]
        commands = [[cjs, "--schemafile", str(ROOT / "schemas" / "plan.schema.json"), *plans]]
        for name, schema in own.items():
            if any(p.name == name for p in files):
                commands.append([cjs, "--schemafile", str(ROOT / "schemas" / schema), *(str(p) for p in files if p.name == name)])
        reference = measure("check-jsonschema", commands, repeat)
        report.timings.append(reference)
        report.ratio = report.timings[0].best / reference.best
        report.speedup = reference.best / report.timings[0].best
    return report


def table(reports: list[SizeReport]) -> str:
    """The measurements as a plain-text table, then the targets."""
    head = f"{'corpus':<8} {'files':>5} {'MB':>7}  {'command':<28} {'best s':>8} {'median s':>9} {'peak RSS MB':>12} {'exit':>5} {'findings':>8}"
    lines = [head, "-" * len(head)]
    for r in reports:
        for t in r.timings:
            codes = ",".join(sorted({str(c) for c in t.exit_codes}))
            found = "" if t.diagnostics is None else str(t.diagnostics)
            lines.append(
                f"{r.size:<8} {r.files:>5} {r.corpus_mb:>7.1f}  {t.tool:<28} {t.best:>8.2f} {t.median:>9.2f} "
                f"{t.peak_rss_mb:>12.1f} {codes:>5} {found:>8}"
            )
    lines.append("")
    for r in reports:
        if r.ratio is not None and r.speedup is not None:
            lines.append(
                f"{r.size}: rus / check-jsonschema = {r.ratio:.2f} (rus {r.speedup:.1f}× faster)   target: {r.target}"
            )
        else:
            rss = max(t.peak_rss_mb for t in r.timings)
            lines.append(
                f"{r.size}: peak RSS {rss:.0f} MB; largest file {r.largest_file_mb:.1f} MB, "
                f"corpus {r.corpus_mb:.0f} MB ({r.files} files)   target: {r.target}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: run the benchmarks and print a table (or JSON)."""
    parser = argparse.ArgumentParser(description="Benchmark rus validate against check-jsonschema.")
    parser.add_argument("--sizes", default="small,medium", help="comma-separated: small, medium, faults, large, idmax")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command (best and median shown)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print the measurements as JSON")
    parser.add_argument("--corpus-dir", type=Path, default=CORPUS, help="where corpora are generated")
    args = parser.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in TARGETS]
    if unknown:
        parser.error(f"unknown size(s): {', '.join(unknown)}")
    reports = [bench_size(size, args.repeat, args.seed, args.corpus_dir) for size in sizes]
    if args.json:
        machine = {"python": platform.python_version(), "cpus": os.cpu_count(), "system": platform.platform()}
        payload = {"machine": machine, "repeat": args.repeat, "reports": [asdict(r) for r in reports]}
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        print(f"python {platform.python_version()}, {os.cpu_count()} cpus, best of {args.repeat} cold runs each\n")
        print(table(reports))
    return 0


if __name__ == "__main__":
    sys.exit(main())
