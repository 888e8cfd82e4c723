"""Diagnostics say where what they point at ends (for editors that underline a range)."""

from __future__ import annotations

from pathlib import Path

from rus.base.diagnostics import Diagnostic
from rus.plans.validation import validate_sources, validate_texts
from tests.conftest import BASE


def _texts(**changes: tuple[str, str]) -> dict[str, str]:
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(BASE.glob("*.yaml"))}
    for name, (old, new) in changes.items():
        name = name.replace("_", "-") + ".yaml"
        assert old in texts[name]
        texts[name] = texts[name].replace(old, new, 1)
    return texts


def _only(texts: dict[str, str], code: str) -> Diagnostic:
    found = [d for d in validate_texts(texts).diagnostics if d.code == code]
    assert len(found) == 1, found
    return found[0]


def _span(texts: dict[str, str], d: Diagnostic) -> str:
    assert d.end_line == d.line and d.end_column is not None
    return texts[d.path].splitlines()[d.line - 1][d.column - 1 : d.end_column - 1]


def test_an_unknown_key_is_spanned_from_its_start_to_its_end() -> None:
    texts = _texts(upplevelser=("    progress: 40\n", "    progres: 40\n"))
    d = _only(texts, "S002")
    assert _span(texts, d) == "progres"


def test_a_wrong_value_is_spanned_whole_even_when_quoted() -> None:
    texts = _texts(upplevelser=("    status: ongoing\n", '    status: "on going"\n'))
    d = _only(texts, "S003")
    assert _span(texts, d) == '"on going"'


def test_a_value_in_a_flow_list_is_spanned_alone() -> None:
    texts = _texts(upplevelser=("    goals: [UPP-M1]\n", "    goals: [UPP-M1, UPP-M9]\n"))
    d = _only(texts, "R003")
    assert _span(texts, d) == "UPP-M9"


def test_a_multi_line_value_ends_on_its_last_line() -> None:
    texts = _texts(upplevelser=("    title: Cykelleder i Åre\n", "    title: Cykelleder i Åre\n    progres: |\n      a\n      b\n"))
    d = _only(texts, "S002")
    assert (d.end_line, d.end_column) == (d.line, d.column + len("progres"))


def test_a_syntax_error_has_no_end() -> None:
    texts = _texts(upplevelser=("    status: ongoing\n", '    status: "ongoing\n'))
    d = next(d for d in validate_texts(texts).diagnostics if d.code == "Y004")
    assert d.end_line is None and d.end_column is None


def test_validate_sources_reads_each_file_once_in_the_order_given_and_shows_it() -> None:
    from rus.plans.source import Source, parse_text

    texts = _texts(upplevelser=("    lead: [fjallbyn]\n", "    lead: [nobody-here]\n"))
    read: list[str] = []
    seen: list[tuple[str, bool]] = []

    def reader(name: str) -> Source:
        read.append(name)
        return parse_text(texts[name], Source(name))

    result = validate_sources(reader, ["actors.yaml", "upplevelser.yaml"],
                              lambda source, checked: seen.append((source.path, source.root is not None)))
    assert read == ["actors.yaml", "upplevelser.yaml"]
    assert seen == [("actors.yaml", True), ("upplevelser.yaml", True)]
    assert [d.code for d in result.diagnostics] == ["R003"]
    assert result.diagnostics == validate_texts(texts).diagnostics
    assert Path(result.diagnostics[0].path).name == "upplevelser.yaml"
