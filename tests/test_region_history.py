"""Changes to the region file are history: ``rus diff`` shows them, and plans left behind are told why."""

from __future__ import annotations

import json
from pathlib import Path

from rus.plans.region import diff_regions, parse_region
from rus.render.region import describe_region_change
from tests.conftest import rus_in_process
from tests.edit_helpers import GIT_ENV, git

REGIONS = Path(__file__).resolve().parent / "fixtures" / "regions"
COASTAL = (REGIONS / "coastal.yaml").read_text(encoding="utf-8")
MERGED = COASTAL.replace(
    '''  - slug: alderport
    code: "9101"
    name: Alderport
    analysis_region: Harbour FA
  - slug: birchfield
    code: "9102"
    name: Birchfield
    analysis_region: Inland FA
''',
    '''  - slug: alderfield
    code: "9121"
    name: Alderfield
    analysis_region: Harbour FA
''',
)


def _region(text: str):  # type: ignore[no-untyped-def]
    region = parse_region(text.encode("utf-8"), "region.yaml")[1]
    assert region is not None
    return region


def test_the_changes_between_two_region_files() -> None:
    assert MERGED != COASTAL
    changed = (
        MERGED.replace("  - slug: blue-economy\n", "  - slug: ocean-economy\n")  # same prefix: renamed
        .replace("      en: Food systems\n", "      en: Food and farming\n")
        .replace("    prefix: MFG\n", "    prefix: MAN\n")
        .replace("    co_funding: false\n", "    co_funding: true\n")
        .replace("report_languages: [en]", "report_languages: [en, sv]")
        .replace("  - slug: connectivity\n", "  - slug: digital-access\n")
    )
    changes = diff_regions(_region(COASTAL), _region(changed))
    described = [describe_region_change(c, "en") for c in changes]
    assert described == [
        "Strength area: Blue economy (blue-economy) has been renamed Blue economy (ocean-economy)",
        "Strength area: Food systems (food-systems) has been renamed Food and farming (food-systems)",
        "Strength area: Smart manufacturing (smart-manufacturing), id prefix: MFG → MAN",
        "Municipality: Alderport (alderport), Birchfield (birchfield) have been merged into Alderfield (alderfield)",
        "Long-term priority: Connectivity (connectivity) has been removed",
        "Long-term priority: Connectivity (digital-access) has been added",
        "Funding source: Regional budget (region-budget), co-funding: no → yes",
        "Report languages: en → en, sv",
    ]
    assert describe_region_change(changes[3], "sv") == (
        "Kommun: Alderport (alderport), Birchfield (birchfield) har slagits samman till Alderfield (alderfield)"
    )
    # only the English name changed: the Swedish text shows the English names, not "A → A"
    assert describe_region_change(changes[1], "sv") == (
        "Styrkeområde: Food systems (food-systems) har bytt namn till Food and farming (food-systems)"
    )
    assert diff_regions(_region(COASTAL), _region(COASTAL)) == ()
    assert changes[3].to_dict() == {"kind": "municipalities", "change": "merged", "old": ["alderport", "birchfield"], "new": ["alderfield"]}


def _coast_with_an_activity_in_alderport(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A coastal-region repository (rus init) with BLU-001 in Alderport committed; its root and env."""
    env = {**GIT_ENV, "RUS_REGION": ""}
    assert rus_in_process("init", "coast", "--region", str(REGIONS / "coastal.yaml"), cwd=tmp_path, env=env).returncode == 0
    root = tmp_path / "coast"
    done = rus_in_process(
        "activity", "add", "BLU", "--title", "Harbour test bed", "--sub-area", "BLU-D1", "--start", "2026-01-10",
        "--phase", "analysis", "--goal", "BLU-M1", "--municipality", "alderport", "--priority", "skills", "--national-area", "innovation",
        cwd=root, env=env,
    )
    assert done.returncode == 0, done.stderr
    git(root, "commit", "-qam", "Add BLU-001")
    return root, env


def test_a_merge_of_municipalities_through_validate_commit_and_diff(tmp_path: Path) -> None:
    root, env = _coast_with_an_activity_in_alderport(tmp_path)
    plan = root / "plans" / "blue-economy.yaml"
    line = plan.read_text(encoding="utf-8").splitlines().index("      - alderport") + 1

    # the region file changes; the plan still names a municipality that no longer exists
    (root / "region.yaml").write_text(MERGED, encoding="utf-8")
    done = rus_in_process("validate", "--format", "parsable", cwd=root, env=env)
    assert done.returncode == 1
    assert done.stdout == (
        f"plans/blue-economy.yaml:{line}:9: [error] `alderport` is no longer a municipality of the region: "
        "it was removed from region.yaml (not committed yet) (G005)\n"
    )
    git(root, "commit", "-qam", "Merge Alderport and Birchfield into Alderfield")
    sha = git(root, "rev-parse", "--short=7", "HEAD").strip()
    done = rus_in_process("validate", "--format", "parsable", cwd=root, env=env)
    assert done.stdout == (
        f"plans/blue-economy.yaml:{line}:9: [error] `alderport` is no longer a municipality of the region: it was removed "
        f'from region.yaml in {sha} (2026-11-01, "Merge Alderport and Birchfield into Alderfield") (G003)\n'
    )
    hint = rus_in_process("validate", cwd=root, env=env).stdout
    assert "Change the plan to one of the region's values: alderfield, cedarholm" in hint
    sv = rus_in_process("validate", cwd=root, env={**env, "RUS_LANG": "sv"}).stdout
    assert f"`alderport` finns inte längre i regionfilen (kommun): värdet togs bort ur region.yaml i {sha}" in sv

    # the plan follows; the diff across both commits shows the region's change and the plan's
    plan.write_text(plan.read_text(encoding="utf-8").replace("      - alderport", "      - alderfield"), encoding="utf-8")
    assert rus_in_process("validate", cwd=root, env=env).returncode == 0
    git(root, "commit", "-qam", "BLU-001 reaches Alderfield")
    text = rus_in_process("diff", "HEAD~2", "HEAD", cwd=root, env=env).stdout
    assert "Region file\n  • Municipality: Alderport (alderport), Birchfield (birchfield) have been merged into Alderfield (alderfield)" in text
    assert "BLU-001 Harbour test bed" in text
    data = json.loads(rus_in_process("diff", "HEAD~2", "HEAD", "--format", "json", cwd=root, env=env).stdout)
    assert data["region"] == [{"kind": "municipalities", "change": "merged", "old": ["alderport", "birchfield"], "new": ["alderfield"]}]
    markdown = rus_in_process("diff", "HEAD~2", "HEAD", "--format", "markdown", cwd=root, env=env).stdout
    assert "### Region file\n\n- Municipality: Alderport (alderport), Birchfield (birchfield) have been merged into Alderfield (alderfield)" in markdown
    # the plans of the first commit are read against that commit's region file
    old = rus_in_process("diff", "HEAD~2", "HEAD~1", "--format", "json", cwd=root, env=env)
    assert old.returncode == 3  # HEAD~1: the plan names a municipality its region no longer has
    assert "`alderport` is not an allowed value for `municipalities`" in old.stderr


def test_rus_commit_records_a_change_to_the_region_file(tmp_path: Path) -> None:
    env = {**GIT_ENV, "RUS_REGION": ""}
    assert rus_in_process("init", "coast", "--region", str(REGIONS / "coastal.yaml"), cwd=tmp_path, env=env).returncode == 0
    root = tmp_path / "coast"
    text = COASTAL.replace(
        "  - slug: smart-manufacturing\n",
        "  - slug: space\n    prefix: SPC\n    name:\n      sv: Rymd\n      en: Space\n  - slug: smart-manufacturing\n",
    )
    (root / "region.yaml").write_text(text, encoding="utf-8")
    done = rus_in_process("commit", cwd=root, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert git(root, "show", "--name-only", "--format=%s", "HEAD").splitlines() == [
        "Region file: Strength area: Space (space) has been added", "", "region.yaml",
    ]
    assert "Region file\n  • Strength area: Space (space) has been added" in git(root, "log", "-1", "--format=%B")
    assert git(root, "status", "--porcelain") == ""


def test_a_base_revision_is_read_against_its_own_region_file(tmp_path: Path) -> None:
    root, env = _coast_with_an_activity_in_alderport(tmp_path)
    plan = root / "plans" / "blue-economy.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("      - alderport", "      - alderfield"), encoding="utf-8")
    (root / "region.yaml").write_text(MERGED, encoding="utf-8")
    # the base names alderport, which today's region file no longer has: read against its own, it is valid
    done = rus_in_process("validate", "--base", "HEAD", cwd=root, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    done = rus_in_process("ci", "--base", "HEAD", "--format", "text", cwd=root, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert rus_in_process("commit", "-m", "Alderport and Birchfield are Alderfield", cwd=root, env=env).returncode == 0
    log = rus_in_process("log", "BLU-001", cwd=root, env=env)
    assert log.returncode == 0, log.stderr
    assert "Municipalities: +Alderfield; −alderport" in log.stdout
