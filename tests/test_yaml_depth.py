"""Y010: more than 64 levels, block or flow alike, located where the 65th level begins.

Both PyYAML releases in use are covered: 6.0.3 (libyaml 0.2.5, no limit of its own) and 6.0.4
(libyaml 0.2.6, which stops at 1,000 levels with "exceeded maximum nesting depth"); the second is
simulated where the installed release is the first.
"""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from rus.plans import source as source_module
from rus.plans.source import MAX_DEPTH, Source, _deep_position, _too_deep, parse_text
from tests.conftest import examples


def _found(text: str) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.code) for d in parse_text(text, Source("x.yaml")).diagnostics]


def _block_mappings(levels: int) -> str:
    return "".join("  " * i + f"k{i}:\n" for i in range(levels - 1)) + "  " * (levels - 1) + "x: 1\n"


def _flow_lists(levels: int) -> str:
    return "a: " + "[" * (levels - 1) + "]" * (levels - 1) + "\n"


def _flow_pairs(levels: int) -> str:
    # "[b: " opens a list and a one-pair mapping: two levels
    pairs = (levels - 1) // 2
    return "a: " + "[b: " * pairs + ("[]" if (levels - 1) % 2 else "1") + "]" * pairs + "\n"


def _indentless(levels: int) -> str:
    # a list at its key's indentation is a level of its own: "- k:" adds two
    pairs = (levels - 1) // 2
    body = "".join("  " * i + "- k:\n" for i in range(pairs))
    return "a:\n" + body + "  " * pairs + ("- x\n" if (levels - 1) % 2 else "x\n")


SHAPES = {"block mappings": _block_mappings, "flow lists": _flow_lists, "flow pairs": _flow_pairs,
          "lists at the key's indentation": _indentless}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_64_levels_pass_and_65_do_not(shape: str) -> None:
    make = SHAPES[shape]
    assert _deep_position(make(MAX_DEPTH)) is None  # the text really is 64 levels deep, no more
    assert "Y010" not in [code for _, _, code in _found(make(MAX_DEPTH))]
    deeper = make(MAX_DEPTH + 1)
    assert _deep_position(deeper) is not None
    assert [code for _, _, code in _found(deeper)] == ["Y010"]


@pytest.mark.parametrize(
    ("text", "position"),
    [
        # the top mapping is level 1: the 64th bracket opens level 65
        ("area: x\nvision: " + "[" * 100 + "]" * 100 + "\n", (2, 9 + 63)),
        ("\n" * 926 + "area: x\nvision: " + "{a: " * 70 + "1" + "}" * 70 + "\n", (928, 9 + 63 * 4)),
        (_block_mappings(200), (65, 129)),
        ("a:\n  " + "- " * 3000 + "x\n", (2, 3 + 63 * 2)),
    ],
    ids=["flow", "flow on line 928", "block", "compact lists"],
)
def test_y010_is_located_where_the_nesting_goes_too_deep(text: str, position: tuple[int, int]) -> None:
    assert _found(text) == [(*position, "Y010")]


def test_libyaml_limit_of_its_own_is_reported_as_y010_where_our_limit_is_passed(monkeypatch: pytest.MonkeyPatch) -> None:
    # PyYAML 6.0.4: libyaml raises at the 1,000th level before yielding any event of that text.
    text = "area: x\nvision: " + "[" * 1500 + "]" * 1500 + "\n"
    real = source_module._deep_position
    cut = text.index("[") + 999

    def like_libyaml_026(scanned: str) -> tuple[int, int] | None:
        if len(scanned) > cut:
            mark = yaml.Mark("<unicode string>", cut, 1, cut - 8, None, None)
            raise yaml.scanner.ScannerError("while increasing flow level", mark, "exceeded maximum nesting depth", mark)
        return real(scanned)

    monkeypatch.setattr(source_module, "_deep_position", like_libyaml_026)
    assert _too_deep(text) == (2, 72)
    assert _found(text) == [(2, 72, "Y010")]


def test_libyaml_limit_met_while_parsing_is_y010_not_a_syntax_error() -> None:
    mark = yaml.Mark("<unicode string>", 1010, 926, 1002, None, None)
    error = yaml.scanner.ScannerError("while increasing flow level", mark, "exceeded maximum nesting depth", mark)
    found = Source("x.yaml")
    source_module._syntax_error(found, error, "x" * 2000)
    assert [(d.line, d.column, d.code, d.params) for d in found.diagnostics] == [(927, 1003, "Y010", {"limit": MAX_DEPTH})]


_LEVEL = st.sampled_from(["block", "flow", "pair", "indentless", "brace"])


def _nest(kinds: list[str]) -> str:
    """A text that nests the given kinds of collection, outermost first, under a top mapping."""
    lines = ["top:"]
    indent = 2
    flow = ""
    for kind in kinds:
        if flow:  # inside brackets everything stays flow
            flow += {"block": "[", "flow": "[", "pair": "[p: ", "indentless": "[", "brace": "{q: "}[kind]
            continue
        if kind == "block":
            lines.append(" " * indent + "k:")
            indent += 2
        elif kind == "indentless":
            lines.append(" " * indent + "k:")
            lines.append(" " * indent + "- j:")
            indent += 2
        else:
            flow = {"flow": "[", "pair": "[p: ", "brace": "{q: "}[kind]
    if flow:
        closing = "".join("]" if ch == "[" else "}" for ch in flow if ch in "[{")[::-1]
        lines.append(" " * indent + "v: " + flow + "0" + closing)
    else:
        lines.append(" " * indent + "v: 0")
    return "\n".join(lines) + "\n"


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(_LEVEL, min_size=0, max_size=70))
def test_cheap_bound_never_lets_a_deep_text_through(kinds: list[str]) -> None:
    text = _nest(kinds)
    assert _too_deep(text) == _deep_position(text)
