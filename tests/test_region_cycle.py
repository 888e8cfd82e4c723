"""Another region through the whole cycle, on the rus command line (in process): nothing is Jämtland's by accident.

The test regions (``tests/fixtures/regions``) differ from the bundled one in every dimension: three
and six strength areas with other prefixes, twenty other municipalities, no Sámi administrative
area, other long-term priorities and funding sources, and English as (first) report language.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import rus_in_process
from tests.edit_helpers import GIT_ENV, git

REGIONS = Path(__file__).resolve().parent / "fixtures" / "regions"


@pytest.fixture
def env() -> dict[str, str]:
    """A fixed git identity and clock, and no fallback region: each repository has its own."""
    return {**GIT_ENV, "RUS_REGION": ""}


def _ok(done: object) -> str:
    assert getattr(done, "returncode", None) == 0, f"{getattr(done, 'stdout', '')}{getattr(done, 'stderr', '')}"
    return str(getattr(done, "stdout", ""))


@pytest.mark.slow  # the whole cycle, the report (with its charts) twice
def test_a_three_area_region_through_init_edit_validate_commit_diff_report_status(tmp_path: Path, env: dict[str, str]) -> None:
    _ok(rus_in_process("init", "coast", "--region", str(REGIONS / "coastal.yaml"), cwd=tmp_path, env=env))
    root = tmp_path / "coast"
    assert (root / "region.yaml").read_bytes() == (REGIONS / "coastal.yaml").read_bytes()
    assert sorted(p.name for p in (root / "plans").iterdir()) == [
        "actors.yaml", "blue-economy.yaml", "food-systems.yaml", "programme.yaml", "smart-manufacturing.yaml",
    ]
    assert "Blue economy" in (root / "schemas" / "plan.schema.json").read_text(encoding="utf-8")
    assert _ok(rus_in_process("validate", "--strict", cwd=root, env=env)).startswith("✔ No problems found (5 files checked)")

    # edit: an activity in two of the region's municipalities, serving one of its priorities
    added = _ok(rus_in_process(
        "activity", "add", "BLU", "--title", "Harbour test bed", "--sub-area", "BLU-D1", "--start", "2026-01-10",
        "--status", "planned", "--phase", "analysis", "--goal", "BLU-M1", "--lead", "region", "--municipality", "saltcombe",
        "--municipality", "alderport", "--priority", "skills", "--national-area", "innovation", "--social", "contributes", "--economic", "contributes",
        "--environmental", "neutral", cwd=root, env=env,
    ))
    assert "BLU-001" in added
    text = (root / "plans" / "blue-economy.yaml").read_text(encoding="utf-8")
    assert "- saltcombe" in text and "sami:" not in text  # no Sámi administrative area: no prompt for it
    _ok(rus_in_process("validate", "--strict", cwd=root, env=env))
    # a municipality and a priority of the bundled region are not this region's
    wrong = rus_in_process("activity", "set", "BLU-001", "municipalities=ostersund", cwd=root, env=env)
    assert wrong.returncode == 2  # a value the command line names wrongly is a usage error
    assert "`ostersund` is not an allowed value for municipalities" in wrong.stderr
    assert "alderport, birchfield, cedarholm" in wrong.stderr
    assert (root / "plans" / "blue-economy.yaml").read_text(encoding="utf-8") == text
    bad = root / "plans" / "food-systems.yaml"
    original = bad.read_text(encoding="utf-8")
    bad.write_text(original.replace("area: food-systems", "area: upplevelser"), encoding="utf-8")
    done = rus_in_process("validate", "--format", "parsable", cwd=root, env=env)
    assert done.returncode == 1
    assert "`upplevelser` is not an allowed value for `area`" in done.stdout
    assert "blue-economy, food-systems, smart-manufacturing" in rus_in_process("validate", cwd=root, env=env).stdout
    bad.write_text(original, encoding="utf-8")

    # commit, change a status, commit again, and see the change
    _ok(rus_in_process("commit", "-m", "Add BLU-001", cwd=root, env=env))
    _ok(rus_in_process("activity", "status", "BLU-001", "ongoing", cwd=root, env=env))
    diff = _ok(rus_in_process("diff", "HEAD", cwd=root, env=env))
    assert "Blue economy (blue-economy)" in diff and "Status: Planned → Ongoing" in diff
    _ok(rus_in_process("commit", "-m", "BLU-001 is ongoing", cwd=root, env=env))
    assert git(root, "status", "--porcelain") == ""
    changes = json.loads(_ok(rus_in_process("diff", "HEAD~1", "HEAD", "--format", "json", cwd=root, env=env)))
    assert [a["area"] for a in changes["areas"]] == ["blue-economy"]

    # the report: in the region's report language, with its name, areas, municipalities and money
    report = _ok(rus_in_process("report", "--format", "markdown", "--year", "2026", cwd=root, env={**env, "RUS_LANG": "sv"}))
    assert report.startswith("# Smart specialisation in The Coastal Region: follow-up of the action plans 2026")
    assert "Blue economy" in report and "Saltcombe" in report and "Skills" in report
    assert "Jämtland" not in report and "Östersund" not in report and "Upplevelser" not in report
    swedish = _ok(rus_in_process("report", "--format", "markdown", "--year", "2026", "--lang", "sv", cwd=root, env=env))
    assert swedish.startswith("# Smart specialisering i Kustregionen: uppföljning av handlingsplanerna 2026")

    status = _ok(rus_in_process("status", cwd=root, env=env))
    assert "Blue economy" in status and "Food systems" in status and "Smart manufacturing" in status
    assert "Ongoing 1" in status


def test_a_six_area_region_starts_and_records(tmp_path: Path, env: dict[str, str]) -> None:
    _ok(rus_in_process("init", "high", "--region", str(REGIONS / "highland.yaml"), cwd=tmp_path, env=env))
    root = tmp_path / "high"
    assert len(list((root / "plans").glob("*.yaml"))) == 8
    _ok(rus_in_process("validate", "--strict", cwd=root, env=env))
    added = _ok(rus_in_process(
        "activity", "add", "freight-logistics", "--title", "Rail freight hub", "--sub-area", "FRT-D1", "--start", "2026-03-01",
        "--phase", "analysis", "--goal", "FRT-M1", "--whole-county", "--priority", "resilient-highlands", "--national-area", "accessibility",
        cwd=root, env=env,
    ))
    assert "FRT-001" in added
    _ok(rus_in_process("validate", "--strict", cwd=root, env=env))
    _ok(rus_in_process("commit", "-m", "Add FRT-001", cwd=root, env=env))
    log = _ok(rus_in_process("log", "FRT-001", cwd=root, env=env))
    assert "Rail freight hub" in log
    status = _ok(rus_in_process("status", "--area", "e-health", cwd=root, env=env))
    assert "E-health" in status and "Freight logistics" not in status
    refused = rus_in_process("status", "--area", "upplevelser", cwd=root, env=env)
    assert refused.returncode == 2
    assert "aquaculture, bioeconomy, creative-industries, defence-tech, e-health or freight-logistics" in refused.stderr


def test_commands_with_plans_elsewhere_use_that_repository_s_region(tmp_path: Path, env: dict[str, str]) -> None:
    _ok(rus_in_process("init", "coast", "--region", str(REGIONS / "coastal.yaml"), cwd=tmp_path, env=env))
    plans = str(tmp_path / "coast" / "plans")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    added = _ok(rus_in_process(
        "activity", "add", "FOD", "--title", "Fish to market", "--sub-area", "FOD-D1", "--start", "2026-02-01",
        "--phase", "analysis", "--goal", "FOD-M1", "--municipality", "kestrel", "--priority", "skills", "--national-area", "innovation", "--plans", plans,
        cwd=elsewhere, env=env,
    ))
    assert "FOD-001" in added
    assert "Food systems" in _ok(rus_in_process("status", "--plans", plans, cwd=elsewhere, env=env))
    assert _ok(rus_in_process("validate", plans, cwd=elsewhere, env=env)).startswith("✔")
