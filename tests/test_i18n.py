"""Swedish and English: every message translated, the compiled catalog in step, language choice."""

from __future__ import annotations

import gettext
import io
from pathlib import Path
from typing import Any

import pytest

from rus.base.codes import CODES
from rus.base.diagnostics import Diagnostic
from rus.base.i18n import (
    check,
    compile_catalog,
    merged_catalog,
    mo_path,
    ngettext,
    resolve_lang,
    translate,
)


def _translations() -> dict[str, str]:
    """Every singular message id with its translation (the first form for plural entries)."""
    found: dict[str, str] = {}
    for message in merged_catalog("sv"):
        if message.id:
            key = message.id[0] if message.pluralizable else message.id
            found[key] = message.string[0] if message.pluralizable else message.string
    return found


def test_the_catalogs_pass_the_check() -> None:
    """Every message in the source has a translation; nothing fuzzy, obsolete or stale."""
    assert check("sv") == []


def test_translations_keep_placeholders() -> None:
    import string

    formatter = string.Formatter()
    for msgid, msgstr in _translations().items():
        try:
            names = {f for _, f, _, _ in formatter.parse(msgid) if f}
        except ValueError:  # not a template (e.g. a parameter text with a lone brace)
            continue
        assert names == {f for _, f, _, _ in formatter.parse(msgstr) if f}, msgid


def test_compiled_catalog_is_up_to_date() -> None:
    """The shipped .mo says exactly what the .po files say (run `python -m rus.base.i18n` if not)."""
    shipped = gettext.GNUTranslations(io.BytesIO(mo_path("sv").read_bytes()))
    for message in merged_catalog("sv"):
        if not message.id or message.fuzzy:
            continue
        if message.pluralizable:
            for count, form in ((1, 0), (2, 1)):
                said = shipped.npgettext(message.context, *message.id, count) if message.context else shipped.ngettext(*message.id, count)
                assert said == message.string[form], message.id
        else:
            said = shipped.pgettext(message.context, message.id) if message.context else shipped.gettext(message.id)
            assert said == message.string, message.id


def test_swedish_plurals() -> None:
    assert ngettext("{n} repair made", "{n} repairs made", 1, "sv") == "{n} rättelse gjord"
    assert ngettext("{n} repair made", "{n} repairs made", 2, "sv") == "{n} rättelser gjorda"
    assert ngettext("{n} repair made", "{n} repairs made", 0, "sv") == "{n} rättelser gjorda"
    assert ngettext("{n} repair made", "{n} repairs made", 1, "en") == "{n} repair made"


_SOURCE = '''
from rus.base.codes import N_, NP_

def f(lang, n):
    translate(N_("hello"), lang)
    label = "@a parameter text"
    plural = NP_("{n} apple", "{n} apples")
    return f"{translate(N_('inside an f-string'), lang)}"
'''

_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'


def _package(tmp_path: Path) -> Path:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "mod.py").write_text(_SOURCE, encoding="utf-8")
    return package


def _po(tmp_path: Path, body: str) -> list[Path]:
    po = tmp_path / "sv.po"
    po.write_text(_HEADER + body, encoding="utf-8")
    return [po]


_GOOD = (
    'msgid "hello"\nmsgstr "hej"\n\n'
    'msgid "a parameter text"\nmsgstr "en parametertext"\n\n'
    'msgid "inside an f-string"\nmsgstr "i en f-sträng"\n\n'
    'msgid "{n} apple"\nmsgid_plural "{n} apples"\nmsgstr[0] "{n} äpple"\nmsgstr[1] "{n} äpplen"\n'
)


def test_check_passes_a_complete_catalog(tmp_path: Path) -> None:
    assert check("sv", _package(tmp_path), _po(tmp_path, _GOOD)) == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda t: t.replace('msgstr "hej"', 'msgstr ""'), "'hello' is not translated"),
        (lambda t: t.replace('msgid "hello"', '#, fuzzy\nmsgid "hello"'), "'hello' is fuzzy"),
        (lambda t: t + '\n#~ msgid "tag"\n#~ msgstr "tagg"\n', "obsolete entry 'tag'"),
        (lambda t: t + '\nmsgid "gone"\nmsgstr "borta"\n', "'gone' is no longer in the source"),
        (lambda t: t.replace('msgid "hello"\nmsgstr "hej"\n\n', ""), "'hello' (pkg/mod.py:5) has no entry"),
        (lambda t: t.replace('msgstr[1] "{n} äpplen"', 'msgstr[1] ""'), "'{n} apple' is not translated"),
        (lambda t: t.replace('msgid_plural "{n} apples"\nmsgstr[0] "{n} äpple"\nmsgstr[1] "{n} äpplen"', 'msgstr "{n} äpple"'),
         "'{n} apple' should have a plural form"),
        (lambda t: t.replace('msgstr[0] "{n} äpple"', 'msgstr[0] "{count} äpple"'), "placeholders"),
    ],
)
def test_check_fails_on_each_kind_of_problem(tmp_path: Path, change: Any, problem: str) -> None:
    problems = check("sv", _package(tmp_path), _po(tmp_path, change(_GOOD)))
    assert any(problem in p for p in problems), problems


def test_compile_leaves_out_fuzzy_entries_and_keeps_contexts_and_plurals(tmp_path: Path) -> None:
    body = (
        '#, fuzzy\nmsgid "hello"\nmsgstr "hej"\n\n'
        'msgctxt "status"\nmsgid "Planned"\nmsgstr "Planerad"\n\n'
        'msgctxt "funding"\nmsgid "Planned"\nmsgstr "Planerat"\n\n'
        'msgid "{n} apple"\nmsgid_plural "{n} apples"\nmsgstr[0] "{n} äpple"\nmsgstr[1] "{n} äpplen"\n'
    )
    catalog = gettext.GNUTranslations(io.BytesIO(compile_catalog("sv", _po(tmp_path, body))))
    assert catalog.gettext("hello") == "hello"
    assert catalog.pgettext("status", "Planned") == "Planerad"
    assert catalog.pgettext("funding", "Planned") == "Planerat"
    assert catalog.ngettext("{n} apple", "{n} apples", 1) == "{n} äpple"
    assert catalog.ngettext("{n} apple", "{n} apples", 5) == "{n} äpplen"


def test_the_check_command_passes() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "rus.base.i18n", "check"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout


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
    catalog = _translations()
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
