"""Tabs and YAML messages: only tabs used as indentation are Y002, and every Y finding is in plain words.

The libyaml problems are every message of libyaml's scanner.c and parser.c (github.com/yaml/libyaml)
and of PyYAML's composer, as PyYAML raises them; none may reach a facilitator as it is.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from rus.plans.source import Source, _syntax_error, parse_text
from rus.writing.formatting import format_text
from tests.conftest import BASE, rus_in_process


def _found(text: str) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.code) for d in parse_text(text, Source("x.yaml")).diagnostics]


def _data(text: str) -> object:
    source = parse_text(text, Source("x.yaml"))
    assert source.diagnostics == [], [d.message() for d in source.diagnostics]
    return source.data


# --- tabs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("foo: 1\n\t\nbar: 2\n", {"foo": 1, "bar": 2}),  # the YAML test suite's DK95 (4)
        (" \t\nfoo: 1\n", {"foo": 1}),  # DK95 (3)
        ("a:\n  b: 1\n\t# a comment after a tab\n  c: 2\n", {"a": {"b": 1, "c": 2}}),
        ("a: 1\r\n\t \t\r\nb: 2\r\n", {"a": 1, "b": 2}),
        ("a: |\n  x\n  \ty\nb: 2\n", {"a": "x\n\ty\n", "b": 2}),
        ("a: |\n  \tx\nb: 2\n", {"a": "\tx\n", "b": 2}),  # libyaml alone cannot read this one
        ("k:\n  - a: >-  # c\n      \tx\n      y\n", {"k": [{"a": "\tx\ny"}]}),
        ("foo: |\n \t\nbar: 1\n", {"foo": "\t\n", "bar": 1}),  # Y79Y (1)
        ('foo: "bar\n  \tbaz"\n', {"foo": "bar baz"}),  # DK95 (2)
    ],
    ids=["tab-only line", "blank then tab", "tab before a comment", "CRLF", "block text", "block text's first line",
         "folded in a list", "block text of a tab", "quoted"],
)
def test_tabs_that_are_not_indentation_are_no_finding(text: str, data: object) -> None:
    assert _data(text) == data


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a:\n\tb: 1\n", [(2, 1, "Y002")]),
        ("a: |\n  x\n  \ty\nb: 2\nc:\n\td: 1\n", [(6, 1, "Y002")]),  # not the tab inside the block text
        ("a:\n  b: 1\n\t\n  c: 2\nd:\n\t  e: 1\n", [(6, 1, "Y002")]),  # not the tab-only line
        ("foo: |\n\t\nbar: 1\n", [(2, 1, "Y002")]),  # Y79Y (0): inside the block text, a tab as indentation
        ("a:\n  b: 1\n  \tc: 2\n", [(3, 3, "Y002")]),  # DK95 (6)
    ],
)
def test_tabs_used_as_indentation_are_y002(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert _found(text) == expected


def test_plan_with_a_tab_only_line_validates(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(BASE / "actors.yaml", folder / "actors.yaml")
    text = (BASE / "upplevelser.yaml").read_text(encoding="utf-8")
    (folder / "upplevelser.yaml").write_text(text.replace("sub_areas:\n", "\t\nsub_areas:\n", 1), encoding="utf-8")
    done = rus_in_process("validate", str(folder), "--format", "parsable", cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    assert done.stdout == ""


# --- messages ------------------------------------------------------------------------------------

#: (context, problem) as libyaml and PyYAML's composer say them.
LIBYAML_PROBLEMS = [
    (None, "block sequence entries are not allowed in this context"),
    (None, "mapping keys are not allowed in this context"),
    (None, "mapping values are not allowed in this context"),
    ("while parsing a tag", "did not find URI escaped octet"),
    ("while parsing a tag", "did not find expected tag URI"),
    ("while parsing a tag", "found an incorrect leading UTF-8 octet"),
    ("while parsing a tag", "found an incorrect trailing UTF-8 octet"),
    ("while parsing a %TAG directive", "did not find expected tag URI"),
    ("while parsing a tag directive", "did not find expected '!'"),
    ("while scanning a %TAG directive", "did not find expected whitespace"),
    ("while scanning a %TAG directive", "did not find expected whitespace or line break"),
    ("while scanning a %YAML directive", "did not find expected digit or '.' character"),
    ("while scanning a %YAML directive", "did not find expected version number"),
    ("while scanning a %YAML directive", "found extremely long version number"),
    ("while scanning a block scalar", "did not find expected comment or line break"),
    ("while scanning a block scalar", "found an indentation indicator equal to 0"),
    ("while scanning a directive", "could not find expected directive name"),
    ("while scanning a directive", "did not find expected comment or line break"),
    ("while scanning a directive", "found unexpected non-alphabetical character"),
    ("while scanning a directive", "found unknown directive name"),
    ("while scanning a plain scalar", "found unexpected ':'"),
    ("while scanning a quoted scalar", "found unexpected document indicator"),
    ("while scanning a simple key", "could not find expected ':'"),
    ("while scanning a tag", "did not find expected whitespace or line break"),
    ("while scanning a tag", "did not find the expected '>'"),
    ("while scanning an anchor", "did not find expected alphabetic or numeric character"),
    ("while scanning an alias", "did not find expected alphabetic or numeric character"),
    ("while scanning for the next token", "found character that cannot start any token"),
    ("while scanning for the next token", "found character '@' that cannot start any token"),
    (None, "did not find expected <document start>"),
    (None, "did not find expected <stream-start>"),
    (None, "found duplicate %TAG directive"),
    (None, "found duplicate %YAML directive"),
    (None, "found incompatible YAML document"),
    ("while parsing a block collection", "did not find expected '-' indicator"),
    ("while parsing a block mapping", "did not find expected key"),
    ("while parsing a block node", "did not find expected node content"),
    ("while parsing a flow node", "did not find expected node content"),
    ("while parsing a flow mapping", "did not find expected ',' or '}'"),
    ("while parsing a flow sequence", "did not find expected ',' or ']'"),
    ("while parsing a node", "found undefined tag handle"),
    (None, "found undefined alias"),
    ("found duplicate anchor; first occurrence", "second occurrence"),
    (None, "found unexpected end of stream"),
    (None, "something a later libyaml may say"),
]

#: Words of libyaml's that a facilitator should never have to read.
JARGON = ("did not find", "found ", "expected <", "scalar", "token", "octet", "occurrence", "in this context",
          "directive name", "node content", "URI", "indicator equal")


@pytest.mark.parametrize(("context", "problem"), LIBYAML_PROBLEMS, ids=lambda value: str(value))
def test_every_libyaml_problem_is_said_in_plain_words_in_both_languages(context: str | None, problem: str) -> None:
    mark = yaml.Mark("x.yaml", 5, 1, 5, None, None)
    found = Source("x.yaml")
    _syntax_error(found, yaml.MarkedYAMLError(context, mark, problem, mark), "a: 1\nb: 2\n")
    [diagnostic] = found.diagnostics
    assert (diagnostic.line, diagnostic.column) == (2, 6)
    english, swedish = diagnostic.message("en"), diagnostic.message("sv")
    assert not any(word in english for word in JARGON), english
    assert problem not in english and problem not in swedish
    assert swedish != english and "{" not in swedish + english


@pytest.mark.parametrize(
    ("text", "expected", "words"),
    [
        ("a: &x 1\nb: &x 2\n", (2, 4, "Y001"), "an anchor name (&name) is used twice"),
        ("a: 1\n- b\n", (2, 1, "Y001"), "the indentation does not line up with the keys above"),
        ("a: |x\n  y\n", (1, 5, "Y001"), "after | or > only a digit, - or + may follow"),
        ("a: |0\n  y\n", (1, 5, "Y001"), "the number after | or >"),
        ("%FOO bar\n---\na: 1\n", (1, 5, "Y001"), "a line starting with % is not a valid directive"),
        ("%YAML 2.0\n---\na: 1\n", (1, 1, "Y001"), "names a YAML version rus does not read"),
        ('a: "x\n---\ny"\n', (2, 1, "Y001"), "a line inside a quoted text starts with --- or ..."),
        ("a: & x\n", (1, 5, "Y001"), "an anchor (&) or alias (*) needs a name"),
        ("a: !<x y\n", (1, 7, "Y001"), "a tag (!…) is not written correctly"),
        ("a: 1\n...\nb: 2\n", (3, 1, "Y001"), "a new document must start with a line ---"),
        ("a: ?x\nb: ? y\n", (2, 4, "Y001"), "a question mark (?) cannot start a value here"),
        ('a: "\\x4"\n', (1, 5, "Y014"), "starts an escape YAML does not know (`\\x4\"`)"),
    ],
)
def test_yaml_errors_a_facilitator_can_meet(text: str, expected: tuple[int, int, str], words: str) -> None:
    [diagnostic] = parse_text(text, Source("x.yaml")).diagnostics
    assert (diagnostic.line, diagnostic.column, diagnostic.code) == expected
    assert words in diagnostic.message("en")
    assert diagnostic.message("sv") != diagnostic.message("en")


@pytest.mark.parametrize("text", ["...\n", "# only a comment\n...\n", "...\n...\n"])
def test_a_file_of_only_document_ends_is_empty(text: str) -> None:
    assert _found(text) == [(1, 1, "F005")]


def test_fmt_formats_a_plan_with_a_tab_only_line(tmp_path: Path) -> None:
    # ruamel.yaml, the second reader of fmt's check, stops at such a tab as libyaml does
    plan = tmp_path / "upplevelser.yaml"
    text = (BASE / "upplevelser.yaml").read_text(encoding="utf-8")
    plan.write_text(text.replace("sub_areas:\n", "\t\nsub_areas:\n", 1), encoding="utf-8")
    done = rus_in_process("fmt", str(plan), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert plan.read_text(encoding="utf-8") == format_text(text, "upplevelser.yaml")


@pytest.mark.parametrize("word", ["._", ".__", "-._"])
def test_a_float_of_underscores_only_is_text_not_a_crash(word: str) -> None:
    assert _data(f"k: {word}\n") == {"k": word}
