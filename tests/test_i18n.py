"""Swedish and English: every message translated, the compiled catalog in step, language choice."""

from __future__ import annotations

import gettext
import io

import pytest

from rus.codes import CODES
from rus.diagnostics import Diagnostic
from rus.i18n import (
    compile_mo,
    extract_msgids,
    merged_entries,
    mo_path,
    read_po,
    resolve_lang,
    translate,
)


def test_every_message_has_a_swedish_translation() -> None:
    catalog = merged_entries("sv")
    missing = {msgid: where for msgid, where in extract_msgids().items() if not catalog.get(msgid)}
    assert missing == {}


def test_translations_keep_placeholders() -> None:
    import string

    catalog = merged_entries("sv")
    formatter = string.Formatter()
    for msgid, msgstr in catalog.items():
        if not msgid:
            continue
        try:
            names = {f for _, f, _, _ in formatter.parse(msgid) if f}
        except ValueError:  # not a template (e.g. a parameter text with a lone brace)
            continue
        assert names == {f for _, f, _, _ in formatter.parse(msgstr) if f}, msgid


def test_compiled_catalog_is_up_to_date() -> None:
    assert mo_path("sv").read_bytes() == compile_mo(merged_entries("sv")), "run `python -m rus.i18n`"


def test_compiled_catalog_reads_back_through_gettext() -> None:
    entries = {"": "Content-Type: text/plain; charset=UTF-8\n", "error": "fel", "Åre {n}": "Åre {n} st"}
    catalog = gettext.GNUTranslations(io.BytesIO(compile_mo(entries)))
    assert catalog.gettext("error") == "fel"
    assert catalog.gettext("Åre {n}") == "Åre {n} st"
    assert catalog.gettext("untranslated") == "untranslated"


def test_read_po_handles_continuations_and_escapes() -> None:
    text = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n# c\nmsgid "a \\"b\\""\nmsgstr ""\n"x"\n"y"\n'
    assert read_po(text) == {"": "Content-Type: text/plain; charset=UTF-8\n", 'a "b"': "xy"}


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_renders_in_both_languages(code: str) -> None:
    info = CODES[code]
    assert translate(info.message, "sv") != info.message, "Swedish message missing"
    assert translate(info.hint, "sv") != info.hint, "Swedish hint missing"


@pytest.mark.parametrize(
    ("option", "env", "expected"),
    [
        ("sv", {"RUS_LANG": "en"}, "sv"),
        (None, {"RUS_LANG": "sv"}, "sv"),
        (None, {"RUS_LANG": "en", "LANG": "sv_SE.UTF-8"}, "en"),
        (None, {"LANG": "sv_SE.UTF-8"}, "sv"),
        (None, {"LC_ALL": "sv_FI.UTF-8", "LANG": "en_US.UTF-8"}, "sv"),
        (None, {"LANG": "C.UTF-8"}, "en"),
        (None, {}, "en"),
    ],
)
def test_language_choice(option: str | None, env: dict[str, str], expected: str) -> None:
    assert resolve_lang(option, env) == expected


def test_diagnostic_parameters_are_translated() -> None:
    diagnostic = Diagnostic("p.yaml", 1, 1, "R003", {"ref": "x", "what": "@goal in this plan", "known": "A"})
    assert diagnostic.message("sv") == "`x` hänvisar inte till något mål i den här planen"
    assert diagnostic.message("en") == "`x` does not refer to any goal in this plan"


def test_every_command_and_option_help_is_translated() -> None:
    import click
    import typer.main

    from rus.cli import HELP_LANG, app

    if HELP_LANG != "en":
        pytest.skip("help texts were built in Swedish for this process (RUS_LANG or the locale)")
    catalog = merged_entries("sv")
    untranslated: list[str] = []

    def visit(command: click.Command, name: str) -> None:
        texts = [command.help or ""] + [getattr(p, "help", None) or "" for p in command.params]
        for text in texts:
            if text and text not in ("Show this message and exit.",) and not catalog.get(text):
                untranslated.append(f"{name}: {text}")
        if isinstance(command, click.Group):
            for sub_name, sub in command.commands.items():
                visit(sub, f"{name} {sub_name}")

    visit(typer.main.get_command(app), "rus")
    assert untranslated == []
