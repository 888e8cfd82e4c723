"""Invalid YAML that libyaml reads anyway is a Y finding, and `rus fmt` refuses it.

The inputs are cases of the YAML test suite (github.com/yaml/yaml-test-suite, MIT licence) marked
``error: true`` that libyaml, and so PyYAML, accepts; the ids are the suite's. Where a case's top
level is not a mapping (which is Y007 anyway), it is placed under a key, as in a plan.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rus.plans.source import Source, parse_text
from rus.writing.formatting import FormatError, format_text
from tests.conftest import rus_in_process

#: suite id -> (text, the findings expected: line, column, code)
SUITE_ERRORS: dict[str, tuple[str, list[tuple[int, int, str]]]] = {
    # the six that used to pass as YAML
    "9C9N": ("---\nflow: [a,\nb,\nc]\n", [(3, 1, "Y001"), (4, 1, "Y001")]),
    "DK95-01": ('foo: "bar\n\tbaz"\n', [(2, 1, "Y002")]),
    "QB6E": ('---\nquoted: "a\nb\nc"\n', [(3, 1, "Y001"), (4, 1, "Y001")]),
    "S98Z": ("empty block scalar: >\n \n  \n   \n # comment\n", [(4, 1, "Y001")]),
    "SU5Z": ('key: "value"# invalid comment\n', [(1, 13, "Y001")]),
    "X4QW": ("block: ># comment\n  scalar\n", [(1, 9, "Y001")]),
    # the others libyaml accepts, under a key
    "9JBA": ("k: [ a, b, c, ]#invalid\n", [(1, 16, "Y001")]),
    "CVW2": ("k: [ a, b, c,#invalid\n  ]\n", [(1, 14, "Y001")]),
    "G5U8": ("k:\n- [-, -]\n", [(2, 4, "Y001"), (2, 7, "Y001")]),
    "MUS6-00": ("%YAML 1.1#...\n---\nk: v\n", [(1, 10, "Y001")]),
    "Y79Y-03": ("k:\n- [\n\tfoo,\n foo\n ]\n", [(3, 1, "Y002")]),
    "YJV2": ("k: [-]\n", [(1, 5, "Y001")]),
    # a directive after a document without "..." is the start of a second document
    "RHX7": ("---\nkey: value\n%YAML 1.2\n---\n", [(4, 1, "Y006")]),
}

#: Valid YAML near those cases: no finding (the suite's ids where the text is one of its cases).
VALID = {
    "DK95-02": 'foo: "bar\n  \tbaz"\n',
    "DK95-08": 'foo: "bar\n \t \t baz \t \t "\n',
    "one space is enough": 'foo: "bar\n baz"\n',
    "brackets indented": "k: [a,\n  b,\n  c\n  ]\nl: {a: 1,\n    b: 2}\n",
    "comment line in brackets": "k: [a,\n# note\n  b]\n",
    "list item": "a:\n  - title: 'x\n     y'\n",
    "hash inside texts": "url: https://example.se/plan#mål\nq: 'a'  # note \"b\"#c\nr: \"x#y\"\ns: a,#b\n",
    "hash in a comment": "a: b  # see \"x\"#y, [z]#w\n# \"q\"#r\n",
    "block text with empty lines": "a: >\n\n  x\n  y\nb: |\n  \n  z\nc: |2\n     \n  w\n",
    "explicit indentation": "a: |1\n   \n  x\n",
    "line breaks CR": 'a:\r  b: "c\r   d"\r',
}


def _codes(text: str) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.code) for d in parse_text(text, Source("x.yaml")).diagnostics]


@pytest.mark.parametrize("case", sorted(SUITE_ERRORS))
def test_invalid_yaml_that_libyaml_accepts_is_a_y_finding(case: str) -> None:
    text, expected = SUITE_ERRORS[case]
    assert _codes(text) == expected
    source = parse_text(text, Source("x.yaml"))
    if expected[0][2] != "Y006":  # (a second document leaves the first one readable)
        assert source.root is None and source.data is None  # nothing is read from it
    for diagnostic in source.diagnostics:
        for lang in ("en", "sv"):
            assert "{" not in diagnostic.message(lang)


@pytest.mark.parametrize("case", sorted(SUITE_ERRORS))
def test_fmt_refuses_invalid_yaml_that_libyaml_accepts(case: str) -> None:
    with pytest.raises(FormatError):
        format_text(SUITE_ERRORS[case][0], "x.yaml")


@pytest.mark.parametrize("case", sorted(VALID))
def test_valid_yaml_near_those_cases_has_no_finding(case: str) -> None:
    assert _codes(VALID[case]) == []


def test_validate_names_the_yaml_error_and_fmt_leaves_the_file(tmp_path: Path) -> None:
    plan = tmp_path / "upplevelser.yaml"
    text = 'area: upplevelser\nvision: "En levande destination"# reviderad\n'
    plan.write_text(text, encoding="utf-8")
    done = rus_in_process("validate", str(plan), "--format", "parsable", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "upplevelser.yaml:2:33: [error] YAML syntax error: a comment (#) must be separated by a space from what comes before it (Y001)"
    ]
    formatted = rus_in_process("fmt", str(plan), cwd=tmp_path)
    assert formatted.returncode == 1
    assert "not valid YAML (line 2" in formatted.stderr + formatted.stdout
    assert plan.read_text(encoding="utf-8") == text
    swedish = rus_in_process("validate", str(plan), "--format", "parsable", cwd=tmp_path, env={"RUS_LANG": "sv"})
    assert "en kommentar (#) måste skiljas med ett mellanslag från det som står före den" in swedish.stdout
