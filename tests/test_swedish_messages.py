"""Messages a facilitator meets, in Swedish: operating-system errors, interactive questions that
check each answer as it is typed."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rus.cli import app
from rus.errors import WriteError
from rus.i18n import os_reason
from tests.conftest import BASE, run_rus
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
    assert "English text" not in error.message("en")


def test_an_uncommon_os_error_keeps_the_systems_words() -> None:
    assert os_reason(OSError(errno.EIO, "Input/output error")) == "Input/output error"


def test_a_broken_link_is_reported_in_swedish(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "actors.yaml").write_text((BASE / "actors.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "upplevelser.yaml").symlink_to(tmp_path / "nowhere.yaml")
    done = run_rus("validate", str(folder), cwd=tmp_path, env={"RUS_LANG": "sv"})
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
