"""Smoke tests of benchmarks/: the generated corpora validate, and run.py measures (no timings asserted)."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from rus.plans.validation import validate_paths

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _load(name: str) -> ModuleType:
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))  # run.py imports its sibling generate.py
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    return _load("generate")


def test_generated_corpus_validates_clean(generate: ModuleType, tmp_path: Path) -> None:
    written = generate.generate_corpus(tmp_path, files=5, activities_per_file=5, seed=1)
    assert len(written) == 6
    assert written[0].name == "actors.yaml"
    result = validate_paths([tmp_path])
    assert [(d.code, d.path, d.line) for d in result.diagnostics] == []
    assert {f.kind for f in result.files} == {"plan", "actors"}
    # The fifth plan starts the areas over, in a folder of its own, with fresh ids.
    assert written[5].parent.name == "set-01"
    assert written[5].name == written[1].name


def test_generated_plans_have_every_part_of_an_activity(generate: ModuleType, tmp_path: Path) -> None:
    generate.generate_corpus(tmp_path, files=2, activities_per_file=40, seed=0)
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(tmp_path.rglob("*.yaml")))
    for key in ("funding:", "milestones:", "goal_conflicts:", "sami:", "touches:", "consultations:", "replaced_by:",
                "status_note:", "whole_county: true", "municipalities:", "actuals:", "# "):
        assert key in text, key


def test_generator_is_deterministic(generate: ModuleType, tmp_path: Path) -> None:
    first = generate.generate_corpus(tmp_path / "a", files=2, activities_per_file=5, seed=7)
    second = generate.generate_corpus(tmp_path / "b", files=2, activities_per_file=5, seed=7)
    other = generate.generate_corpus(tmp_path / "c", files=2, activities_per_file=5, seed=8)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]


def test_ids_repeat_only_past_the_id_space(generate: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A smaller id space stands in for 99,999 ids per area, to keep the test small.
    monkeypatch.setattr(generate, "MAX_PER_AREA", 8)
    assert generate.ids_fit(4, 8)
    assert not generate.ids_fit(8, 5)
    generate.generate_corpus(tmp_path, files=8, activities_per_file=5, seed=0)
    codes = Counter(d.code for d in validate_paths([tmp_path]).diagnostics)
    assert codes["R001"] > 0
    assert set(codes) == {"R001"}


def test_faults_give_one_located_finding_each(generate: ModuleType, tmp_path: Path) -> None:
    clean = generate.generate_corpus(tmp_path / "clean", files=2, activities_per_file=40, seed=3)
    faulty = generate.generate_corpus(tmp_path / "faulty", files=2, activities_per_file=40, seed=3, faults_per_file=4)
    diagnostics = validate_paths([tmp_path / "faulty"]).diagnostics
    assert Counter(d.code for d in diagnostics) == {"S003": 2, "R003": 2, "R004": 2, "S002": 2}
    for d in diagnostics:
        line = Path(d.path).read_text(encoding="utf-8").splitlines()[d.line - 1]
        expected = {"S003": "policymix", "R003": "aktor-okand", "R004": "end: ", "S002": "progres:"}[d.code]
        assert expected in line and 0 < d.column <= len(line) and line[d.column - 1] != " ", (d.code, line)
    # The registry is untouched; the plans differ only in the faulty activities.
    assert clean[0].read_bytes() == faulty[0].read_bytes()


def test_small_corpus_is_the_bundled_plans(generate: ModuleType, tmp_path: Path) -> None:
    written = generate.build("small", tmp_path)
    bundled = sorted((BENCHMARKS.parent / "plans").glob("*.yaml"))
    assert [p.name for p in written] == [p.name for p in bundled]
    assert validate_paths([tmp_path]).errors == 0


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("check-jsonschema") is None, reason="check-jsonschema is not installed")
def test_run_measures_both_tools(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = _load("run")
    assert run.main(["--sizes", "small", "--repeat", "1", "--json", "--corpus-dir", str(tmp_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    (report,) = data["reports"]
    tools = [t["tool"] for t in report["timings"]]
    assert tools == ["rus validate", "rus validate --format json", "check-jsonschema"]
    assert all(t["exit_codes"] and set(t["exit_codes"]) == {0} for t in report["timings"])
    assert report["timings"][1]["diagnostics"] == 0
    assert report["ratio"] > 0 and report["files"] == 7  # the plans, the registry, the programme file and the region file
