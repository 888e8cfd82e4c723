"""A smoke test of benchmarks/bench_history.py on a tiny corpus (needs benchmarks/generate.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.mark.slow
@pytest.mark.skipif(not (BENCH / "generate.py").exists(), reason="benchmarks/generate.py is not in this checkout")
def test_bench_history_runs_on_a_tiny_corpus(tmp_path: Path, git_env: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH / "bench_history.py"), "--files", "4", "--activities", "8", "--revisions", "3",
         "--keep", str(tmp_path / "bench")],
        capture_output=True, text=True, check=False, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("corpus: 4 files × 8 activities")
    assert any(line.startswith("rus diff 2017-1 2018-1") and "×" in line for line in lines)
    assert any(line.startswith("rus log ") for line in lines)
    # rus revisions on the medium corpus, with its peak memory against validate's
    assert any(line.startswith("rus revisions (3 revisions") and "MiB" in line for line in lines)
