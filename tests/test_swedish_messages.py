"""Messages a facilitator meets, in Swedish: operating-system errors, interactive questions that
check each answer as it is typed."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rus.base.errors import WriteError
from rus.base.i18n import os_reason
from rus.cli import app
from tests.conftest import BASE, rus_in_process
from tests.edit_helpers import plans_repo


@pytest.mark.parametrize(
    ("code", "swedish"),
    [
        (errno.ENOENT, "filen eller mappen finns inte"),
        (errno.EACCES, "du saknar behörighet"),
        (errno.EPERM, "du saknar behörighet"),
        (errno.ENOSPC, "disken är full"),
        (errno.EROFS, "disken eller mappen är skrivskyddad"),
    ],
)
def test_common_os_errors_are_said_in_swedish(code: int, swedish: str) -> None:
    error = WriteError("Cannot write {path}: {reason}", "", path="plans/x.yaml", reason=os_reason(OSError(code, "English text")))
    assert error.message("sv") == f"Kan inte skriva plans/x.yaml: {swedish}"
    assert error.message("en") == "Cannot write plans/x.yaml: English text"


def test_an_uncommon_os_error_keeps_the_systems_words() -> None:
    assert os_reason(OSError(errno.EIO, "Input/output error")).text("sv") == "Input/output error"


def test_a_broken_link_is_reported_in_swedish(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "actors.yaml").write_text((BASE / "actors.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "upplevelser.yaml").symlink_to(tmp_path / "nowhere.yaml")
    done = rus_in_process("validate", str(folder), cwd=tmp_path, env={"RUS_LANG": "sv"})
    assert done.returncode == 1
    assert "Filen går inte att läsa: filen eller mappen finns inte" in done.stdout
    assert "No such file" not in done.stdout


# --- interactive `rus activity add` -----------------------------------------------------------------

runner = CliRunner()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import rus.cli.edit as edit_cli

    root = plans_repo(tmp_path)
    monkeypatch.chdir(root)
    monkeypatch.setattr(edit_cli, "_interactive", lambda: True)
    return root


def test_a_bad_answer_is_explained_and_asked_again(repo: Path) -> None:
    answers = "\n".join(["Guidade turer", "UPP-D9", "UPP-D3", "2027-13-01", "2027-02-01", "fasen", "Policymix"]) + "\n"
    result = runner.invoke(app, ["activity", "add", "UPP", "--whole-county", "--sami", "direkt", "--goal", "UPP-M3",
                                 "--priority", "Utveckla styrkeområdena", "--lang", "sv"], input=answers)
    assert result.exit_code == 0, result.stderr
    assert "`UPP-D9` är inte ett delområde i den här planen" in result.stderr
    assert "`2027-13-01` är inget datum" in result.stderr
    assert "`fasen` är inte ett tillåtet värde för --phase" in result.stderr
    text = (repo / "plans/upplevelser.yaml").read_text(encoding="utf-8")
    assert "    title: Guidade turer\n    sub_area: UPP-D3\n" in text
    assert "      start: 2027-02-01\n" in text and "    phase: policy-mix\n" in text


def test_questions_show_the_default_once_and_offer_swedish_labels(repo: Path) -> None:
    answers = "Guidade turer\nUPP-D3\n\n\n"
    result = runner.invoke(app, ["activity", "add", "UPP", "--whole-county", "--sami", "direkt", "--goal", "UPP-M3",
                                 "--priority", "strength-areas", "--lang", "sv"], input=answers)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Delområde (id) (UPP-D1, UPP-D2, UPP-D3, UPP-D4):" in out
    assert "Steg i sexstegsprocessen (Analys, Styrning, Vision, Prioritering, Policymix, Utvärdering) [Analys]:" in out
    assert out.count("[Analys]") == 1
    assert "analysis" not in out and "policy-mix" not in out


# --- findings that tell a non-programmer what is wrong ---------------------------------------------


def _findings(old: str, new: str, count: int = 1) -> list[tuple[str, str, str]]:
    from rus.plans.validation import validate_texts

    texts = {p.name: p.read_text(encoding="utf-8") for p in BASE.glob("*.yaml")}
    assert texts["upplevelser.yaml"].count(old) >= 1, old
    texts["upplevelser.yaml"] = texts["upplevelser.yaml"].replace(old, new, count)
    return [(d.code, d.message("sv"), d.hint("sv")) for d in validate_texts(texts).diagnostics if d.path == "upplevelser.yaml"]


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("2027-13-01", "Det finns ingen månad 13: månaderna går från 01 till 12."),
        ("2027-02-30", "I februari 2027 finns bara 28 dagar."),
        ("2028-02-30", "I februari 2028 finns bara 29 dagar."),
    ],
)
def test_an_impossible_date_says_what_is_wrong(written: str, hint: str) -> None:
    assert ("S005", f"`{written}` är inte ett giltigt datum", hint) in _findings("start: 2026-01-01", f"start: {written}")


def test_an_impossible_date_on_the_command_line_says_what_is_wrong(tmp_path: Path) -> None:
    root = plans_repo(tmp_path)
    done = rus_in_process("activity", "add", "UPP", "--title", "X", "--sub-area", "UPP-D1", "--start", "2027-13-01",
                   "--phase", "analys", cwd=root, env={"RUS_LANG": "sv"})
    assert done.returncode == 2
    assert "Det finns ingen månad 13: månaderna går från 01 till 12." in done.stderr


def test_an_actor_id_with_swedish_letters_gets_the_plain_id_suggested() -> None:
    found = _findings("lead: [fjallbyn]", "lead: [fjällbyn]")
    assert ("S006", "`fjällbyn` är inte ett giltigt aktörs-id", "Id skrivs utan å, ä och ö: menade du `fjallbyn`?") in found


def test_out_of_range_gives_the_range() -> None:
    found = _findings("progress: 40", "progress: 145")
    assert ("S007", "`145` ligger utanför det tillåtna intervallet för `progress`", "Tillåtet: 0–100.") in found


def test_risk_without_conflict_reads_as_swedish() -> None:
    text = (BASE / "upplevelser.yaml").read_text(encoding="utf-8")
    conflicts = text[text.index("    goal_conflicts:"):text.index("  - id: UPP-002")]
    found = _findings(conflicts, "")
    assert any(code == "R012" and message == "Den miljömässiga dimensionen bedöms som `risk`, men ingen målkonflikt är redovisad"
               for code, message, _ in found), found


def test_sami_relevance_is_asked_outside_the_administrative_area_too() -> None:
    # Lag (2022:66) follows what an activity touches anywhere in Sápmi, not the administrative area
    from rus.plans.validation import validate_texts

    texts = {p.name: p.read_text(encoding="utf-8") for p in BASE.glob("*.yaml")}
    plan = texts["upplevelser.yaml"]
    sami = "    sami:\n      relevance: direct\n      touches: [land-and-water, culture]\n"
    assert sami in plan and "    municipalities: [are]\n" in plan
    texts["upplevelser.yaml"] = plan.replace(sami, "").replace("    municipalities: [are]\n", "    municipalities: [bracke]\n")
    messages = [d.message("sv") for d in validate_texts(texts).diagnostics if d.code == "R011"]
    assert messages == ["Insatsen anger inte sin samiska relevans"], messages


def test_the_expected_revision_is_named() -> None:
    found = _findings("revision: 2026-2", "revision: 2026-1")
    assert any(code == "R013" and "(förväntad revision: 2026-2)" in message for code, message, _ in found), found


# --- references and refused edits ------------------------------------------------------------------


def test_an_unknown_actor_gets_the_closest_ids_by_id_and_by_name() -> None:
    found = _findings("lead: [fjallbyn]", "lead: [regionen]")
    hints = [hint for code, _, hint in found if code == "R003"]
    assert hints and hints[0].startswith("Närmast liknande aktörer: rjh (Region Jämtland Härjedalen)"), hints


def test_a_refused_edit_names_the_option_and_the_command_that_fixes_it(tmp_path: Path) -> None:
    root = plans_repo(tmp_path)
    done = rus_in_process("meeting", "record", "UPP", "--date", "2026-10-08", "--place", "Åre", "--participant", "rjh",
                   "--participant", "mittuniversitet", cwd=root, env={"RUS_LANG": "sv"})
    assert done.returncode == 1
    assert "fel R003: --participant: `mittuniversitet` hänvisar inte till någon aktör i aktörsregistret" in done.stderr
    assert "rus actor add mittuniversitet --name" in done.stderr and "miun (Mittuniversitetet)" in done.stderr
    assert not re.search(r"\b[0-9]+:[0-9]+\b", done.stderr)  # no line in a file that was never written


def test_hints_after_a_command_name_its_options_not_yaml_keys(tmp_path: Path) -> None:
    root = plans_repo(tmp_path)
    done = rus_in_process("activity", "add", "UPP", "--title", "X", "--sub-area", "UPP-D1", "--start", "2026-11-01",
                   "--phase", "analys", "--lead", "rjh", "--municipality", "åre", cwd=root, env={"RUS_LANG": "sv"})
    assert done.returncode == 1
    assert "--sami" in done.stderr and "`sami:`" not in done.stderr


def test_status_keeps_each_indicator_on_one_line_when_piped(tmp_path: Path) -> None:
    root = plans_repo(tmp_path)
    done = rus_in_process("status", cwd=root, env={"RUS_LANG": "sv", "COLUMNS": "70"})
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if "förväntat" in line]
    assert len(lines) >= 4
    for line in lines:
        assert re.search(r"[A-Z]{3}-I[0-9]+ [0-9]+\u00a0% \(förväntat [0-9]+\u00a0%\)", line), line


def test_an_over_indented_key_is_explained_in_swedish(tmp_path: Path) -> None:
    plan = tmp_path / "upplevelser.yaml"
    plan.write_text("area: upplevelser\nrevision: 2026-2\n  state: adopted\n", encoding="utf-8")
    done = rus_in_process("validate", str(plan), cwd=tmp_path, env={"RUS_LANG": "sv"})
    # at the key's first letter, saying what is wrong, as clearly as for an under-indented key
    assert "3:3  fel  Y001" in done.stdout, done.stdout
    assert "nyckeln är indragen längre än nyckeln ovanför" in done.stdout


def test_over_and_under_indented_keys_are_located_at_the_key() -> None:
    from rus.plans.source import _over_indented_key

    assert _over_indented_key("a: 1\n  b: 2\n", 2) == 3
    assert _over_indented_key("list:\n  - a: 1\n      b: 2\n", 3) == 7
    assert _over_indented_key("a: 1\n# note\n\n    b: 2\n", 4) == 5
    assert _over_indented_key("a:\n  b: 2\n", 2) is None  # a nested block, not an over-indented key
    assert _over_indented_key("a: |\n  b: 2\n", 2) is None  # a block text
    assert _over_indented_key("a: 1\nb: 2\n", 2) is None  # same column: not this mistake
