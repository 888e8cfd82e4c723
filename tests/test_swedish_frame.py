"""Usage errors and help speak Swedish under Swedish settings: typer's and click's own text too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rus.cli.frame import PATTERNS, translate_frame
from tests.conftest import run_rus

SV = {"RUS_LANG": "sv"}

#: click's and typer's English, which must not reach a Swedish reader.
ENGLISH = ("Usage", "Options", "Arguments", "Commands", "Show this message and exit", "[default:", "[required]",
           "No such option", "Invalid value for", "for help", "Missing argument", "Missing option", "unexpected extra",
           "No such command", "requires an argument", "is not one of", "Value error", "Error", "<bool>", "<str>",
           "[OPTIONS]", "COMMAND", "Install completion", "Show completion")


def _english_in(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text]


@pytest.mark.parametrize(
    ("args", "swedish"),
    [
        (["validate", "-h"], ["Användning: rus validate [FLAGGOR] [SÖKVÄG]...", "─ Argument ", "─ Flaggor ",
                              "Visa den här hjälptexten och avsluta.", "[standard: auto]"]),
        # each case starts the installed rus (the help language is fixed as it starts): one in the fast subset
        pytest.param(["-h"], ["Användning: rus [FLAGGOR] KOMMANDO [ARGUMENT]...", "─ Kommandon ", "--install-completion"],
                     marks=pytest.mark.slow),
        pytest.param(["activity", "add", "-h"], ["{OMRÅDE}", "[obligatorisk]", "TEXT", "idé, planerad, pågående", "bidrar, neutral"],
                     marks=pytest.mark.slow),
    ],
)
def test_help_is_swedish(tmp_path: Path, args: list[str], swedish: list[str]) -> None:
    done = run_rus(*args, cwd=tmp_path, env=SV)
    assert done.returncode == 0, done.stderr
    for text in swedish:
        assert text in done.stdout, text
    assert _english_in(done.stdout) == []


@pytest.mark.parametrize(
    ("args", "swedish"),
    [
        (["validate", "--nope"], "Det finns ingen flagga --nope"),
        (["validate", "-f", "xx"], "Ogiltigt värde för '--format' / '-f': 'xx' är inte ett av värdena 'auto'"),
        # each case starts the installed rus: two in the fast subset, the rest in the whole suite
        pytest.param(["nocmd"], "Det finns inget kommando 'nocmd'.", marks=pytest.mark.slow),
        pytest.param(["activity", "add"], "Argumentet 'OMRÅDE' saknas.", marks=pytest.mark.slow),
        pytest.param(["activity", "status", "UPP-001", "a", "b"], "Kommandot tar inte emot fler argument (b)", marks=pytest.mark.slow),
        pytest.param(["validate", "-f"], "Flaggan '-f' behöver ett värde.", marks=pytest.mark.slow),
        pytest.param(["meeting", "record", "UPP"], "Flaggan '--date' saknas.", marks=pytest.mark.slow),
    ],
)
def test_usage_errors_are_swedish(tmp_path: Path, args: list[str], swedish: str) -> None:
    done = run_rus(*args, cwd=tmp_path, env=SV)
    assert done.returncode == 2
    assert swedish in done.stderr
    assert _english_in(done.stderr) == []
    if args != ["validate", "-f"]:  # click names no command when an option lacks its value
        assert re.search(r"Skriv 'rus [a-z ]*-h' för att få hjälp\.", done.stderr)


def test_lang_option_switches_help_and_errors_too(tmp_path: Path) -> None:
    done = run_rus("validate", "--lang", "sv", "--nope", cwd=tmp_path, env={"RUS_LANG": "en"})
    assert "Det finns ingen flagga --nope" in done.stderr and _english_in(done.stderr) == []
    done = run_rus("validate", "--lang=sv", "-h", cwd=tmp_path, env={"RUS_LANG": "en"})
    assert "Kontrollera planer" in done.stdout and _english_in(done.stdout) == []


def test_english_stays_english(tmp_path: Path) -> None:
    done = run_rus("validate", "--nope", cwd=tmp_path)
    assert "No such option: --nope" in done.stderr and "Try 'rus validate -h' for help." in done.stderr


def test_every_frame_pattern_has_a_swedish_message() -> None:
    from rus.base.i18n import translate

    for _pattern, msgid in PATTERNS:
        assert translate(msgid, "sv") != msgid or msgid in ("<text>",), msgid


def test_nested_messages_are_translated() -> None:
    text = "Invalid value for '--format' / '-f': Value error, 'xx' is not one of 'a', 'b'."
    assert translate_frame(text, "sv") == "Ogiltigt värde för '--format' / '-f': 'xx' är inte ett av värdena 'a', 'b'."
    assert translate_frame(text, "en") == text


def test_shell_completion_is_offered(tmp_path: Path) -> None:
    done = run_rus("--show-completion", "bash", cwd=tmp_path, env={"SHELL": "/bin/bash"})
    assert done.returncode == 0, done.stderr
    assert "_rus_completion" in done.stdout
