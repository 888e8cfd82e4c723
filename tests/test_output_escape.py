"""The escaping of plan text for every output: terminals, CI logs, JSON, GitHub Markdown, excerpts."""

from __future__ import annotations

import html
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rus.render.escape import (
    EXCERPT_WIDTH,
    excerpt,
    github_data,
    github_property,
    json_dumps,
    markdown_code,
    markdown_text,
    one_line,
    visible,
)
from tests.output_helpers import HOSTILE, UNSAFE, live_markdown, markdown

#: Text as plans hold it: any character, control and bidi characters included (no surrogates,
#: which a decoded file cannot hold).
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)


@pytest.mark.parametrize(
    ("char", "shown"),
    [
        ("\x1b", "\\x1b"),
        ("\x00", "\\x00"),
        ("\x7f", "\\x7f"),
        ("\x85", "\\x85"),  # NEL: a line break for YAML 1.1 and some terminals
        ("\x9b", "\\x9b"),  # CSI: starts an escape sequence on its own
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
        ("\u202e", "\\u202e"),  # right-to-left override (Trojan Source)
        ("\u2067", "\\u2067"),  # right-to-left isolate
        ("\ufffe", "\\ufffe"),
        ("\udcff", "\\udcff"),  # a lone surrogate, from a byte that did not decode
        ("\r", "\\r"),
    ],
)
def test_unsafe_characters_are_shown_escaped_everywhere(char: str, shown: str) -> None:
    assert one_line(f"a{char}b") == f"a{shown}b"
    assert visible(f"a{char}b") == f"a{shown}b"


def test_line_breaks_are_shown_on_one_line_and_kept_in_multi_line_text() -> None:
    assert one_line("a\nb\r\nc\td") == "a\\nb\\r\\nc\td"
    assert visible("a\nb\r\nc\rd\te") == "a\nb\nc\\rd\te"
    assert one_line("Region Jämtland Härjedalen — «Åre»") == "Region Jämtland Härjedalen — «Åre»"


@given(ANY_TEXT)
def test_escaped_text_is_always_safe(text: str) -> None:
    assert not UNSAFE.search(one_line(text)) and "\n" not in one_line(text)
    assert not UNSAFE.search(visible(text))
    assert "\r" not in visible(text)


@given(st.dictionaries(ANY_TEXT, ANY_TEXT, max_size=4))
def test_json_keeps_the_data_and_writes_nothing_unsafe(data: dict[str, str]) -> None:
    text = json_dumps(data)
    assert json.loads(text) == data
    assert not UNSAFE.search(text)


def test_github_workflow_commands_escape_as_the_actions_toolkit() -> None:
    # @actions/core command.ts: escapeData % \r \n; escapeProperty also : and ,
    assert github_data("50% off") == "50%25 off"
    assert github_property("a,b:c%") == "a%2Cb%3Ac%25"
    # a line break never reaches the log: it is shown, so no command can start a line
    assert github_data("x\n::stop-commands::tok") == "x\\n::stop-commands::tok"
    assert github_property("x\r\n::error::y") == "x\\r\\n%3A%3Aerror%3A%3Ay"
    assert "\x1b" not in github_data("\x1b[31mred")


def test_a_short_line_is_shown_whole_with_the_caret_under_the_column() -> None:
    assert excerpt("status: plannned\n", 9) == ("status: plannned", 9)
    assert excerpt("\tkey: x", 2) == (" key: x", 2)  # a tab is one column, as YAML counts


def test_a_long_line_is_cut_around_the_column() -> None:
    line = "a" * 100_000 + "X" + "b" * 100_000
    shown, caret = excerpt(line, 100_001)
    assert shown.startswith("…") and shown.endswith("…")
    assert len(shown) == EXCERPT_WIDTH + 2
    assert shown[caret - 1] == "X"
    start, caret = excerpt("X" + "b" * 10_000, 1)
    assert start.endswith("…") and not start.startswith("…") and caret == 1
    end, caret = excerpt("a" * 10_000 + "X", 10_001)
    assert end.startswith("…") and not end.endswith("…") and end[caret - 1] == "X"


def test_the_caret_counts_the_escapes_before_the_column() -> None:
    shown, caret = excerpt("\x1b\x1b[2J: bogus", 8)
    assert shown == "\\x1b\\x1b[2J: bogus"
    assert shown[caret - 1 :].startswith("bogus")


@given(st.text(max_size=400), st.integers(min_value=1, max_value=420))
def test_the_caret_is_always_under_the_character_at_the_column(line: str, column: int) -> None:
    line = line.replace("\n", "").replace("\r", "")
    shown, caret = excerpt(line, column, width=40)
    assert "\n" not in shown and not UNSAFE.search(shown)
    assert len(shown) <= 40 * 4 + 2  # each character escaped as at most \uXXXX, two ellipses
    text = line.expandtabs(1)
    if column <= len(text):
        assert shown[caret - 1 :].startswith(one_line(text[column - 1]))


HOSTILE_MARKDOWN = [
    HOSTILE,
    "`<img src=https://evil.example/i.png> @octocat`",
    "<script>alert(1)</script><!-- x -->",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1)) ![i](https://e.example/x.png) [ref][1]\n\n[1]: https://e.example",
    "https://evil.example www.evil.example http://x.example/a?b=c <https://e.example> a@b.example",
    "@octocat @org/team @@x (@y) x@y",
    "#12 GH-34 owner/repo#56",
    "| a | b |\n|---|---|\n| c | d |",
    "- list\n1. ordered\n> quote\n# heading\n=== \n---",
    "*em* **strong** _u_ ~~del~~ `code` ``a`b`` \\` \\\\",
    "&lt;b&gt; &amp; &#64;octocat &#x40;x",
    "$x^2$ $$y$$",
    "line\\\nbreak  \nhard",
    "<details><summary>x</summary>y</details>",
]


@pytest.mark.parametrize("text", HOSTILE_MARKDOWN)
def test_markdown_text_leaves_nothing_live(text: str) -> None:
    for document in (
        markdown_text(text),
        f"- {markdown_text(text)}",
        f"## {markdown_text(text)}",
        f"| a | b |\n|---|---|\n| {markdown_text(text)} | {markdown_code(text)} |",
    ):
        assert live_markdown(document) == [], document
    rows = markdown().parse(f"| a | b |\n|---|---|\n| {markdown_text(text)} | {markdown_code(text)} |")
    assert [t.type for t in rows].count("td_open") == 2  # no cell added by a pipe


def _rendered_text(markup: str) -> str:
    rendered = markdown().renderInline(markup)
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).replace("\u200b", "")


@pytest.mark.parametrize("text", HOSTILE_MARKDOWN)
def test_markdown_text_reads_as_written(text: str) -> None:
    assert _rendered_text(markdown_text(text)) == one_line(text)


@given(st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\u200b"), max_size=60))
def test_any_text_reads_as_written_in_markdown(text: str) -> None:
    shown = markdown_text(text)
    assert live_markdown(f"- {shown}") == []
    assert _rendered_text(shown).strip() == one_line(text).strip()


@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=40))
def test_markdown_code_is_one_code_span_holding_the_text(text: str) -> None:
    (inline,) = markdown().parseInline(markdown_code(text, in_table=False))
    children = inline.children or []
    assert [child.type for child in children] == ["code_inline"]
    shown = one_line(text)
    # CommonMark strips one space of padding on each side, unless the span is only spaces
    assert children[0].content in (shown, f" {shown} ")
