"""`rus fmt` never changes what a file means: odd line breaks, U+2028, and a property test.

The property test generates valid YAML documents with anchors and aliases, flow collections,
comments, every scalar style (plain, single- and double-quoted on one or several lines, literal and
folded block scalars with each chomping) and each line break (LF, CRLF, CR, CR CR LF). Three
readers that share no parsing code read each document: the checking reader (libyaml, in C),
PyYAML's pure-Python parser with the same YAML 1.2 values, and ruamel.yaml. When they agree about
the input, `format_text` must succeed, and all three must read the same data from its output.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from yaml.composer import Composer
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

from rus.plans.source import Source, _Builder, _Resolver, parse_text
from rus.writing.formatting import FormatError, comments_of, format_text
from tests.conftest import BASE, examples, rus_in_process


class _PureLoader(Reader, Scanner, Parser, Composer, _Resolver):
    """PyYAML's pure-Python parser (no libyaml), resolving values as the checking reader does."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _Resolver.__init__(self)


def _plain(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if type(value).__name__ == "ScalarBoolean":
        return bool(value)
    if isinstance(value, float):
        return "nan" if math.isnan(value) else float(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value)


def _fast(text: str) -> Any:
    source = parse_text(text.removeprefix("\ufeff"), Source("x.yaml"))
    assert source.root is not None, [d.message() for d in source.diagnostics]
    return _plain(source.data)


def _pure(text: str) -> Any:
    loader = _PureLoader(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    return _plain(_Builder(Source("x.yaml", text=text), budget=10**6).build(root))


def _ruamel(text: str) -> Any:
    return _plain(YAML(typ="rt").load(io.StringIO(text)))


READERS = {"libyaml": _fast, "pure-python": _pure, "ruamel": _ruamel}


def _readings(text: str) -> dict[str, Any]:
    readings: dict[str, Any] = {}
    for name, read in READERS.items():
        try:
            readings[name] = read(text)
        except Exception as exc:  # a reader that cannot read the text: its reading is the failure
            readings[name] = ("cannot read", type(exc).__name__)
    return readings


# --- documents -------------------------------------------------------------------------------------

PLAIN = ["text", "två ord", "yes", "no", "on", "12", "0x1F", "1_000", "1.5", ".inf", "null", "~", "true",
         "2026-10-08", "a#b", "https://x.se/#a", "1:20", "-x", "Åre", "a: b-c", "x?"]
FLOW_PLAIN = ["text", "två ord", "yes", "12", "1.5", "null", "~", "2026-10-08", "a#b", "-x", "Åre"]
SINGLE = st.text(alphabet=st.sampled_from("ab åÖ#:\"\\-,[]{}!&*"), min_size=0, max_size=12)
DOUBLE_PIECES = ["a", "b", " ", "å", "#", ":", "\\n", "\\t", '\\"', "\\\\", "\\L", "\\u00e5", "\\x41", "\u2028", "'"]
BLOCK_HEADERS = ["|", "|-", "|+", ">", ">-", ">+"]
WORDS = ["alfa", "beta gamma", "  indragen", "#ingen kommentar", "x: y", "- z", "'q'"]


class _Doc:
    """Builds the lines of one document, with anchors it may refer back to."""

    def __init__(self, draw: Any) -> None:
        self.draw = draw
        self.anchors: list[str] = []
        self.pending: list[str] = []

    def comment(self) -> str:
        return self.draw(st.sampled_from(["", "", "  # note", " #n"]))

    def props(self) -> str:
        """An anchor, or nothing; it can be referred to once its value is written (see done)."""
        if self.draw(st.integers(0, 5)) == 0:
            self.pending.append(f"a{len(self.anchors) + len(self.pending)}")
            return f"&{self.pending[-1]} "
        return ""

    def done(self) -> None:
        self.anchors += self.pending
        self.pending = []

    def inline_scalar(self) -> str:
        kind = self.draw(st.sampled_from(["plain", "single", "double", "alias"]))
        if kind == "alias" and self.anchors:
            return "*" + self.draw(st.sampled_from(self.anchors))
        if kind == "single":
            return "'" + self.draw(SINGLE).replace("'", "''") + "'"
        if kind == "double":
            return '"' + "".join(self.draw(st.lists(st.sampled_from(DOUBLE_PIECES), max_size=8))) + '"'
        return self.draw(st.sampled_from(PLAIN))

    def flow_scalar(self) -> str:
        scalar = self.inline_scalar()
        return scalar if scalar[0] in "'\"*" else self.draw(st.sampled_from(FLOW_PLAIN))

    def flow(self, depth: int) -> str:
        items = []
        for _ in range(self.draw(st.integers(0, 3))):
            choice = self.draw(st.integers(0, 3)) if depth < 2 else 0
            if choice == 1:
                items.append(self.flow(depth + 1))
            elif choice == 2:
                items.append("{" + ", ".join(f"f{i}: {self.flow_scalar()}" for i in range(self.draw(st.integers(0, 2)))) + "}")
            else:
                items.append(self.flow_scalar())
        return "[" + ", ".join(items) + "]"

    def value_after_key(self, indent: int, depth: int) -> tuple[str, list[str]]:
        """What follows ``key:`` on its line, and the lines below it."""
        kinds = ["inline", "inline", "flow", "multi", "block"] + (["map", "seq", "seq0"] if depth < 3 else [])
        kind = self.draw(st.sampled_from(kinds))
        if kind == "inline":
            scalar = self.inline_scalar()
            props = self.props() if not scalar.startswith("*") else ""
            self.done()
            return " " + props + scalar + self.comment(), []
        props = self.props()
        lines = self._value_lines(kind, props, indent, depth)
        self.done()
        return lines

    def _value_lines(self, kind: str, props: str, indent: int, depth: int) -> tuple[str, list[str]]:
        pad = " " * (indent + 2)
        if kind == "flow":
            return " " + props + self.flow(0) + self.comment(), []
        if kind == "multi":
            quote = self.draw(st.sampled_from(["'", '"']))
            words = self.draw(st.lists(st.sampled_from(["ett", "två", "", "tre fyra"]), min_size=2, max_size=4))
            first, *rest = words
            return f" {props}{quote}{first}", [pad + w for w in rest[:-1]] + [pad + rest[-1] + quote + self.comment()]
        if kind == "block":
            header = self.draw(st.sampled_from(BLOCK_HEADERS))
            body = self.draw(st.lists(st.sampled_from([*WORDS, ""]), min_size=1, max_size=5))
            if not any(line.strip() for line in body):
                body.append("slut")
            first_text = next(i for i, line in enumerate(body) if line.strip())
            if body[first_text].startswith(" "):
                body[first_text] = body[first_text].strip()  # the first line sets the indentation
            return f" {props}{header}{self.comment()}", [(pad + line) if line else "" for line in body]
        if kind == "map":
            return (" " + props.strip() if props else "") + self.comment(), self.mapping(indent + 2, depth + 1)
        dash_indent = indent + 2 if kind == "seq" else indent
        return (" " + props.strip() if props else "") + self.comment(), self.sequence(dash_indent, depth + 1)

    def mapping(self, indent: int, depth: int) -> list[str]:
        lines: list[str] = []
        for index in range(self.draw(st.integers(1, 3))):
            if self.draw(st.integers(0, 4)) == 0:
                lines.append(" " * indent + "# om k" + str(index))
            head, below = self.value_after_key(indent, depth)
            lines.append(f"{' ' * indent}k{index}:{head}")
            lines += below
        return lines

    def sequence(self, indent: int, depth: int) -> list[str]:
        lines: list[str] = []
        for _ in range(self.draw(st.integers(1, 3))):
            kind = self.draw(st.sampled_from(["scalar", "flow", "map"] if depth < 3 else ["scalar", "flow"]))
            if kind == "map":
                inner = self.mapping(indent + 2, depth + 1)
                lines.append(" " * indent + "- " + inner[0][indent + 2:] if not inner[0].lstrip().startswith("#") else " " * indent + "-")
                lines += inner[1:] if not inner[0].lstrip().startswith("#") else inner
            elif kind == "flow":
                lines.append(" " * indent + "- " + self.flow(0) + self.comment())
            else:
                lines.append(" " * indent + "- " + self.inline_scalar() + self.comment())
        return lines


@st.composite
def documents(draw: Any) -> str:
    """A valid YAML document (a mapping at the top), written with one kind of line break."""
    lines = _Doc(draw).mapping(0, 0)
    if draw(st.booleans()):
        lines.insert(0, "# huvud")
    line_break = draw(st.sampled_from(["\n", "\r\n", "\r", "\r\r\n"]))
    return line_break.join(lines) + line_break


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(documents())
@example("k0: >\r\r\n  a\r\r\n\r\r\n  b\r\r\nk1: x\r\r\n")
@example('k0: "Fler\u2028gästnätter"\n# kommentar\nk1: x\n')
@example("k0: &a0 [x, 'y']\nk1: *a0\nk2: |+\n  t\n\nk3: 'ett\n  två'\n")
def test_fmt_keeps_the_meaning_to_three_readers(text: str) -> None:
    before = _readings(text)
    try:
        out = format_text(text, "x.yaml")
    except FormatError:
        # a refusal is allowed only where the two readers fmt answers to do not agree on the input
        assert before["libyaml"] != before["ruamel"], before
        return
    after = _readings(out)
    for name, reading in before.items():
        if not (isinstance(reading, tuple) and reading[0] == "cannot read"):
            assert after[name] == reading, (name, out)
    assert sorted(comments_of(out)) == sorted(comments_of(text))
    assert format_text(out, "x.yaml") == out


# --- the cases of the issue ------------------------------------------------------------------------


def test_cr_cr_lf_keeps_the_leading_line_break_of_a_folded_text() -> None:
    text = "area: upplevelser\r\r\nvision: >\r\r\n  a\r\r\n\r\r\n  b\r\r\n"
    assert _fast(text)["vision"] == "\na\n\n\nb\n"
    out = format_text(text, "x.yaml")
    assert _readings(out) == _readings(text)


def test_raw_line_separator_in_double_quotes_is_formatted_as_an_escape() -> None:
    plan = (BASE / "upplevelser.yaml").read_text(encoding="utf-8")
    text = plan.replace("title: Cykelleder i Åre", 'title: "Cykelleder\u2028i Åre"', 1)
    assert text != plan
    out = format_text(text, "upplevelser.yaml")
    assert 'title: "Cykelleder\\Li Åre"' in out
    assert _readings(out) == _readings(text)


def test_fmt_check_passes_a_valid_plan_with_a_line_separator(tmp_path: Path) -> None:
    plan = tmp_path / "upplevelser.yaml"
    original = (BASE / "upplevelser.yaml").read_text(encoding="utf-8")
    plan.write_text(original.replace("title: Cykelleder i Åre", 'title: "Cykelleder\u2028i Åre"', 1), encoding="utf-8")
    assert rus_in_process("fmt", str(plan), cwd=tmp_path).returncode == 0
    assert rus_in_process("fmt", "--check", str(plan), cwd=tmp_path).returncode == 0
    assert "\\L" in plan.read_text(encoding="utf-8")


def test_a_change_of_meaning_is_refused_naming_the_value(monkeypatch: pytest.MonkeyPatch) -> None:
    # Make the layout drop a character, as a bug in it would: the check must catch it and say where.
    import rus.writing.formatting as formatting

    real = formatting._Emitter.document

    def lossy(self: Any, root: Any, model: Any) -> str:
        return str(real(self, root, model)).replace("Cykelleder", "Cykelled")

    monkeypatch.setattr(formatting._Emitter, "document", lossy)
    text = (BASE / "upplevelser.yaml").read_text(encoding="utf-8").replace("\n\n", "\n")
    with pytest.raises(FormatError) as caught:
        format_text(text, "upplevelser.yaml")
    assert "the value at `activities[0].title` would change" in caught.value.message("en")
    assert "värdet vid `activities[0].title` skulle ändras" in caught.value.message("sv")


def test_a_file_the_edit_reader_cannot_read_is_refused_saying_so(monkeypatch: pytest.MonkeyPatch) -> None:
    import rus.writing.formatting as formatting

    def unreadable(text: str) -> Any:
        mark = yaml.Mark("x.yaml", 4, 0, 4, None, None)
        raise yaml.MarkedYAMLError("while scanning", mark, "found a tab character", mark)

    monkeypatch.setattr(formatting, "_ruamel_data", unreadable)
    with pytest.raises(FormatError) as caught:
        format_text("k:   x\n", "x.yaml")
    assert caught.value.message("en") == (
        "x.yaml cannot be formatted safely: the reader of the edit commands (ruamel.yaml) cannot read it (line 1)")
    assert caught.value.message("sv") == (
        "x.yaml kan inte formateras säkert: läsaren som redigeringskommandona använder (ruamel.yaml) kan inte läsa filen (rad 1)")

