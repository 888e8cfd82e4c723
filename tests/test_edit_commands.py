"""Every edit command on a copy of the bundled plans changes exactly the intended lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner
from yamllint import linter
from yamllint.config import YamlLintConfig

from rus.cli import app
from rus.plans.validation import validate_paths
from tests.edit_helpers import changed_lines, comment_lines, git, plans_repo

runner = CliRunner()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = plans_repo(tmp_path)
    monkeypatch.chdir(root)
    return root


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def assert_yamllint_clean(root: Path) -> None:
    """The plan files the edit changed pass ``yamllint --strict -d relaxed`` (in process; the files it
    left alone are the bundled plans as committed, which tests/test_formatting.py lints)."""
    changed = [root / name for name in git(root, "diff", "--name-only").split()]
    assert changed
    config = YamlLintConfig("extends: relaxed")
    for path in changed:
        problems = list(linter.run(path.read_text(encoding="utf-8"), config, str(path)))
        assert problems == [], [f"{path.name}:{p.line}:{p.column}: {p.desc}" for p in problems]


def assert_still_valid_with_comments(root: Path) -> None:
    result = validate_paths([root / "plans"])
    assert result.errors == 0, [d.message() for d in result.diagnostics]
    for name in git(root, "diff", "--name-only").split():  # the files git sees unchanged keep theirs
        before = git(root, "show", f"HEAD:{name}")
        assert comment_lines((root / name).read_text(encoding="utf-8")) == comment_lines(before)


def test_indicator_record_appends_one_actual(repo: Path) -> None:
    code, out, _ = run("indicator", "record", "UPP-I2", "2026-2", "44")
    assert code == 0
    assert "UPP-I2" in out
    assert changed_lines(repo) == ([], ["      - period: 2026-2", "        value: 44"])
    text = (repo / "plans/upplevelser.yaml").read_text(encoding="utf-8")
    # The new actual sits with the others, at the end of the indicator (before the next one).
    assert "        value: 44\n\n  - id: UPP-I3" in text
    assert_still_valid_with_comments(repo)


def test_indicator_record_replaces_the_same_period(repo: Path) -> None:
    code, _, _ = run("indicator", "record", "upp-i1", "2026-2", "482500", "--municipality", "are")
    assert code == 0
    assert changed_lines(repo) == (["        value: 482000"], ["        value: 482500"])


def test_activity_set_changes_only_the_fields(repo: Path) -> None:
    code, _, _ = run("activity", "set", "UPP-001", "progress=50", "period.end=2028-03-31")
    assert code == 0
    assert changed_lines(repo) == (
        ["      end: 2028-02-29", "    progress: 45"],
        ["      end: 2028-03-31", "    progress: 50"],
    )
    assert_still_valid_with_comments(repo)


def test_activity_status_adds_the_note_after_status(repo: Path) -> None:
    code, _, _ = run("activity", "status", "UPP-001", "paused", "--note", "Väntar på besked om finansiering")
    assert code == 0
    assert changed_lines(repo) == (
        ["    status: ongoing"],
        ["    status: paused", "    status_note: Väntar på besked om finansiering"],
    )
    assert_still_valid_with_comments(repo)


def test_activity_status_refuses_a_forbidden_transition(repo: Path) -> None:
    code, _, err = run("activity", "status", "UPP-001", "idea")
    assert code == 2
    assert "ongoing" in err.lower() and "idea" in err.lower()
    assert changed_lines(repo) == ([], [])


def test_activity_cancel_records_the_reason(repo: Path) -> None:
    code, _, _ = run("activity", "cancel", "UPP-002", "--reason", "Ingen medfinansiering")
    assert code == 0
    removed, added = changed_lines(repo)
    assert removed == ["    status: ongoing"]
    assert added == ["    status: cancelled", "    status_note: Ingen medfinansiering"]


def test_activity_add_takes_the_next_free_id(repo: Path) -> None:
    code, out, _ = run(
        "activity", "add", "upplevelser", "--title", "Skoterleder i samråd", "--sub-area", "UPP-D2",
        "--start", "2027-01-01", "--phase", "analysis", "--goal", "UPP-M2", "--municipality", "berg",
        "--sami", "direct", "--priority", "sustainable-development",
    )
    assert code == 0, out
    assert "UPP-013" in out
    removed, added = changed_lines(repo)
    assert removed == []
    # after the last activity, before the consultations that end the plan (git sees the blank line as kept)
    assert added[:2] == ["  - id: UPP-013", "    title: Skoterleder i samråd"] and added[-1] == ""
    text = (repo / "plans/upplevelser.yaml").read_text(encoding="utf-8")
    assert text.index("  - id: UPP-013\n") < text.index("\n# Konsultationer enligt lagen (2022:66)")
    assert "      relevance: direct" in added
    assert_still_valid_with_comments(repo)
    assert_yamllint_clean(repo)


def test_activity_add_refuses_an_invalid_activity(repo: Path) -> None:
    # Berg is in the Sámi administrative area: without --sami the plan would break rule R011.
    code, _, err = run(
        "activity", "add", "UPP", "--title", "X", "--sub-area", "UPP-D2", "--start", "2027-01-01",
        "--phase", "analysis", "--municipality", "berg",
    )
    assert code == 1
    assert "R011" in err
    assert changed_lines(repo) == ([], [])


def test_meeting_record_replaces_the_meeting_and_raises_the_revision(repo: Path) -> None:
    code, _, _ = run("meeting", "record", "UPP", "--date", "2027-03-12", "--place", "Östersund",
                     "--participant", "rjh", "--participant", "miun")
    assert code == 0
    text = (repo / "plans/upplevelser.yaml").read_text(encoding="utf-8")
    assert "revision: 2027-1\n" in text
    assert "meeting:\n  date: 2027-03-12\n  place: Östersund\n  # Deltagare anges" in text
    assert "  participants:\n    - rjh\n    - miun\n\nvision:" in text
    assert_still_valid_with_comments(repo)
    assert_yamllint_clean(repo)


def test_actor_add_and_step(repo: Path) -> None:
    code, _, _ = run("actor", "add", "fjallguiderna", "--name", "Fjällguiderna ek. för.", "--helix", "business",
                     "--municipality", "are")
    assert code == 0
    code, _, _ = run("actor", "step", "fjallguiderna", "UPP", "wants")
    assert code == 0
    removed, added = changed_lines(repo)
    assert removed == []
    assert added == [
        "",
        "  - id: fjallguiderna",
        "    name: Fjällguiderna ek. för.",
        "    helix: business",
        "    municipality: are",
        "    ladder:",
        "      upplevelser: wants",
    ]
    assert_still_valid_with_comments(repo)
    assert_yamllint_clean(repo)


def test_actor_step_inserts_in_area_order(repo: Path) -> None:
    code, _, _ = run("actor", "step", "are-kommun", "jord-skog-vatten", "understands")
    assert code == 0
    assert changed_lines(repo) == ([], ["      jord-skog-vatten: understands"])
    text = (repo / "plans/actors.yaml").read_text(encoding="utf-8")
    assert "    ladder:\n      jord-skog-vatten: understands\n      upplevelser: does" in text


def test_dry_run_shows_a_diff_and_writes_nothing(repo: Path) -> None:
    code, out, _ = run("activity", "set", "UPP-003", "progress=77", "--dry-run")
    assert code == 0
    assert "-    progress: 0\n+    progress: 77\n" in out
    assert changed_lines(repo) == ([], [])


def test_unknown_id_is_a_usage_error(repo: Path) -> None:
    code, _, err = run("activity", "set", "UPP-999", "progress=1")
    assert code == 2
    assert "UPP-999" in err


def test_swedish_messages(repo: Path) -> None:
    code, out, _ = run("indicator", "record", "UPP-I2", "2026-2", "44", "--lang", "sv")
    assert code == 0
    assert out.startswith("Registrerade 44 för UPP-I2")


def test_fmt_check_passes_on_the_bundled_plans(repo: Path) -> None:
    code, out, _ = run("fmt", "--check")
    assert code == 0
    assert out == ""


def test_activity_add_asks_for_required_fields_in_a_terminal(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import rus.cli.edit as edit_cli

    monkeypatch.setattr(edit_cli, "_interactive", lambda: True)
    answers = "Guidade turer på sydsamiska\nUPP-D3\n2027-02-01\nanalysis\n"
    result = runner.invoke(app, ["activity", "add", "UPP", "--whole-county", "--sami", "direct", "--goal", "UPP-M3",
                                 "--priority", "strength-areas"], input=answers)
    assert result.exit_code == 0, result.stderr
    assert "Title:" in result.stdout and "Sub-area (id) (UPP-D1, UPP-D2, UPP-D3, UPP-D4):" in result.stdout
    text = (repo / "plans/upplevelser.yaml").read_text(encoding="utf-8")
    assert "  - id: UPP-013\n    title: Guidade turer på sydsamiska\n    sub_area: UPP-D3\n" in text


def test_activity_add_without_a_terminal_names_the_missing_options(repo: Path) -> None:
    code, _, err = run("activity", "add", "UPP", "--title", "X")
    assert code == 2
    assert "--sub-area" in err and "--start" in err and "--phase" in err


SNAPSHOT_MEETING = """\
@@ -12 +12 @@ area: upplevelser
-revision: 2026-2
+revision: 2027-1
@@ -18,2 +18,2 @@ meeting:
-  date: 2026-10-08
-  place: Funäsdalen, Härjedalens kommun
+  date: 2027-03-12
+  place: Östersund
@@ -24,4 +23,0 @@ meeting:
-    - are-kommun
-    - bergs-kommun
-    - ostersunds-kommun
-    - ragunda-kommun
@@ -29,14 +24,0 @@ meeting:
-    - funasfjallen
-    - skistar-are
-    - bergs-gardsmejeri
-    - miun
-    - gaaltije
-    - mittadalens-sameby
-    - sametinget
-    - heimbygda
-    - coompanion
-  cycle:
-    - analysis
-    - prioritisation
-    - policy-mix
-    - evaluation
@@ -44,3 +26 @@ meeting:
-    Höstmötet handlade om barmarkssäsongen och om hur leder för cykel och
-    skoter kan planeras tillsammans med samebyarna. Det gemensamma
-    bokningssystemet (UPP-011) avbröts och ersattes av UPP-012.
+    Vårmötet prioriterade leder i samråd med samebyarna.
"""


def test_snapshot_of_a_recorded_meeting(repo: Path) -> None:
    code, _, err = run("meeting", "record", "upplevelser", "--date", "2027-03-12", "--place", "Östersund",
                       "--participant", "rjh", "--participant", "harjedalens-kommun", "--participant", "lansstyrelsen",
                       "--notes", "Vårmötet prioriterade leder i samråd med samebyarna.")
    assert code == 0, err
    diff = git(repo, "diff", "--unified=0", "--no-color")
    assert diff.split("\n", 4)[4] == SNAPSHOT_MEETING


def test_replacing_a_list_keeps_the_comment_of_the_next_key_in_place(repo: Path) -> None:
    code, _, err = run("activity", "set", "UPP-001", "milestones=[{date: 2025-10-31, title: Ledplan klar, done: true}]")
    assert code == 0, err
    removed, added = changed_lines(repo)
    assert added == ["        title: Ledplan klar"]
    assert removed == [
        "        title: Ledplan samrådd med samebyarna",
        "      - date: 2026-06-15",
        "        title: Sextio kilometer nya leder invigda",
        "        done: true",
        "      - date: 2027-06-15",
        "        title: Cykelbuss i trafik mellan Funäsdalen och Tänndalen",
    ]
    text = (repo / "plans/upplevelser.yaml").read_text(encoding="utf-8")
    assert "        done: true\n    # Status: idea, planned, ongoing, paused, completed eller cancelled.\n    status: ongoing\n" in text
