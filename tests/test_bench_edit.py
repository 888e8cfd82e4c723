"""Smoke test of benchmarks/bench_edit.py: every case runs and is set against rus validate and
check-jsonschema (no timings asserted)."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("check-jsonschema") is None, reason="needs check-jsonschema")
def test_bench_edit_measures_every_case(capsys: pytest.CaptureFixture[str]) -> None:
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))  # it imports its sibling generate.py
    spec = importlib.util.spec_from_file_location("bench_edit", BENCHMARKS / "bench_edit.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_edit"] = module
    spec.loader.exec_module(module)
    assert module.main(["--repeat", "1", "--activities", "6"]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| ") and "---" not in line][1:]
    cases = {row.split(" | ")[0].strip("| ") for row in rows}
    assert cases == {"large", "bundled", "cold start"}
    assert len(rows) == 16
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        if cells[1] == "`rus validate`":
            assert cells[6] == cells[8] == "1.00"  # wall and CPU time against itself
        if cells[1] == "`check-jsonschema`":
            assert cells[7] == cells[9] == "1.00"
        assert float(cells[2]) > 0 and float(cells[4]) > 0 and float(cells[6]) > 0
