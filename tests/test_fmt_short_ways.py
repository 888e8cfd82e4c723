"""`rus fmt` takes short ways on large files and gives what the long ways give.

- Comments are attached by visiting only the nodes that reach a line with a ``#`` (and the lines
  around it); the result must be that of visiting every node.
- The laid-out text is not read again whole: list items written unchanged are replaced by
  stand-ins in both texts, and only the shortened texts are read. A wrong claim about where an item
  was written must not pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from yaml.nodes import MappingNode

import rus.writing.formatting as formatting
from rus.plans.source import Source, parse_text
from rus.writing.formatting import FormatError, comments_of, format_text
from rus.writing.splice import Block
from tests.conftest import examples
from tests.edit_helpers import PLANS
from tests.test_fmt_meaning import documents

PLAN = PLANS / "upplevelser.yaml"


def _layouts(text: str) -> tuple[Any, Any, Any] | None:
    """The comments of ``text`` attached by the short visit (None when it declines) and by the visit of
    every node, and the node tree; None when the text is not a mapping without findings."""
    body = formatting._normalise(text)[0]
    source = parse_text(body, Source("x.yaml"))
    if not isinstance(source.root, MappingNode) or source.diagnostics:
        return None
    lines = formatting._lines(body)
    wanted = formatting._lines_that_matter(lines)
    short = formatting._collect_lines(lines, source.root, wanted, aliases="*" in body)
    full = formatting._collect_lines(lines, source.root, None, aliases="*" in body)
    return short, full, source


def _written(body: str, layout: Any, root: Any) -> str:
    return formatting._Emitter(body, layout).document(root, None)


def _comments(layout: Any) -> list[tuple[int, list[str], list[str]]]:
    return [(e.line, [c for c in e.leading if c is not None], list(e.eol))
            for e in layout.entries.values() if e.eol or any(c is not None for c in e.leading)]


def _count_readings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The lengths of the texts ``rus fmt`` gives the checking reader, as it reads them."""
    read: list[int] = []
    real = formatting.parse_text

    def counting(body: str, source: Source) -> Source:
        read.append(len(body))
        return real(body, source)

    monkeypatch.setattr(formatting, "parse_text", counting)
    return read


@settings(max_examples=examples(80), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(documents())
@example("a: 1\n\nb: 2\nc: 3\n# slut\n")
@example("a: 1\nb: 2\n\n\n# slut\n")
@example("a: 'x\n  y'\n# c\nb: 1\n")
@example("k: [a,\n  # c\n  ]\nz: 1\nw: 2\n")
@example("k: |\n  text\n\n  # inte en kommentar\nz: 2\n\n\nw: 3\n# slut\n")
@example("lista:\n  - a: 1\n    b: 2\n\n  - a: 3  # tre\n    b: 4\n\n  - a: 5\n    b: 6\n")
def test_the_short_visit_attaches_comments_as_the_visit_of_every_node(text: str) -> None:
    found = _layouts(text)
    if found is None:
        return
    short, full, source = found
    if short is None:
        return  # declined: fmt visits every node then
    assert _comments(short) == _comments(full)
    assert [c for c in short.trailing if c is not None] == [c for c in full.trailing if c is not None]
    body = formatting._normalise(text)[0]
    assert _written(body, short, source.root) == _written(body, full, source.root)


def test_the_short_visit_declines_where_a_comment_waits_for_a_line_it_did_not_visit() -> None:
    # the comment in the brackets belongs to `z` (the next entry), whose line is not near any `#`
    found = _layouts("k: [a,\n  # c\n  ]\nz: 1\nw: 2\n")
    assert found is not None
    assert found[0] is None
    assert _comments(found[1]) == [(3, [" c"], [])]


def test_a_plan_with_few_comments_is_visited_only_near_them() -> None:
    text = PLAN.read_text(encoding="utf-8")
    source = parse_text(text, Source("x.yaml"))
    assert source.root is not None
    layout = formatting._collect(text, source.root)
    every = formatting._collect_lines(formatting._lines(text), source.root, None, aliases=False)
    assert every is not None
    assert len(layout.entries) * 5 < len(every.entries)
    assert _comments(layout) == _comments(every)


def test_unchanged_items_are_not_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    canonical = PLAN.read_text(encoding="utf-8")
    text = canonical.replace("\n\n# Läge:", "\n# Läge:", 1)  # the layout puts the blank line back
    assert text != canonical
    read = _count_readings(monkeypatch)
    assert format_text(text, "upplevelser.yaml") == canonical
    assert read[0] == len(text)  # the one whole reading, that of the file as it is
    assert read[1:] and all(size * 4 < len(text) for size in read[1:]), read


def test_lists_in_another_order_than_the_models_are_formatted() -> None:
    # Before, the items written the same were cut out of both texts in the order of the laid-out
    # text, which garbled the file as it was: fmt refused it as unreadable.
    canonical = PLAN.read_text(encoding="utf-8")
    indicators = canonical.index("\nindicators:")
    activities = canonical.index("\nactivities:")
    after = canonical.index("\nconsultations:")
    assert indicators < activities < after
    text = canonical[:indicators] + canonical[activities:after] + canonical[indicators:activities] + canonical[after:]
    out = format_text(text, "upplevelser.yaml")
    assert out.index("\nindicators:") < out.index("\nactivities:")
    assert parse_text(out, Source("x")).data == parse_text(text, Source("x")).data
    assert sorted(comments_of(out)) == sorted(comments_of(text))
    assert format_text(out, "upplevelser.yaml") == out


BEFORE = "activities:\n  - id: A\n    title: x\n\n  - id: B\n    title: y\n"


def _same(after: str, written: list[Block]) -> tuple[str, str] | None:
    source = parse_text(BEFORE, Source("x.yaml"))
    return formatting._same_by_parts(BEFORE, source, after, {"activities": written})


def test_the_parts_prove_an_unchanged_list_the_same() -> None:
    after = "activities:\n  - id: A\n    title: x\n  - id: B\n    title: y\n"
    cut = _same(after, [Block("activities", 0, 12, 35), Block("activities", 1, 35, 58)])
    assert cut == ("activities:\n  - rus-stand-in-0\n", "activities:\n  - rus-stand-in-0\n")


@pytest.mark.parametrize("after", [
    # a deeper line after an unchanged item runs on into it
    "activities:\n  - id: A\n    title: x\n      more\n  - id: B\n    title: y\n",
    # a key added to an unchanged item
    "activities:\n  - id: A\n    title: x\n    extra: 1\n  - id: B\n    title: y\n",
    # the unchanged items moved into a block text
    "activities: []\nintro: |\n  - id: A\n    title: x\n  - id: B\n    title: y\n",
])
def test_a_wrong_claim_about_where_items_were_written_is_not_proved(after: str) -> None:
    # The claimed items are the texts of A and B in the file as it was, wherever they stand in `after`.
    blocks = []
    for index, item in enumerate(("  - id: A\n    title: x\n", "  - id: B\n    title: y\n")):
        start = after.rindex(item)
        blocks.append(Block("activities", index, start, start + len(item)))
    assert _same(after, blocks) is None


def test_a_wrong_claim_of_the_layout_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    # Make the layout add a deeper line after the first activity, and claim the activity ends before it.
    real_document = formatting._Emitter.document
    real_items = formatting._Emitter.written_items
    line = "      och mer\n"

    def document(self: Any, root: Any, model: Any) -> str:
        out = str(real_document(self, root, model))
        self.inserted_at = real_items(self, out)["activities"][0].stop
        return out[:self.inserted_at] + line + out[self.inserted_at:]

    def written_items(self: Any, text: str) -> dict[str, list[Block]]:
        shift = len(line)
        return {key: [block if block.start < self.inserted_at else
                      Block(block.key, block.index, block.start + shift, block.stop + shift) for block in blocks]
                for key, blocks in real_items(self, text[:self.inserted_at] + text[self.inserted_at + shift:]).items()}

    monkeypatch.setattr(formatting._Emitter, "document", document)
    monkeypatch.setattr(formatting._Emitter, "written_items", written_items)
    text = PLAN.read_text(encoding="utf-8").replace("\n\n# Läge:", "\n# Läge:", 1)
    with pytest.raises(FormatError):
        format_text(text, "upplevelser.yaml")
    seen: list[tuple[str, str] | None] = []
    real_same = formatting._same_by_parts
    monkeypatch.setattr(formatting, "_same_by_parts", lambda *args: seen.append(real_same(*args)) or seen[-1])
    with pytest.raises(FormatError):
        format_text(text, "upplevelser.yaml")
    assert seen == [None]  # refused by the parts, then by the whole reading


def test_the_stand_in_text_in_a_file_takes_the_long_way(monkeypatch: pytest.MonkeyPatch) -> None:
    text = PLAN.read_text(encoding="utf-8").replace("\n\n# Läge:", "\n# rus-stand-in-0 Läge:", 1)
    read = _count_readings(monkeypatch)
    out = format_text(text, "upplevelser.yaml")
    assert "# rus-stand-in-0 Läge:" in out
    assert any(size * 2 > len(text) for size in read[1:]), read  # the laid-out text was read whole
    assert parse_text(out, Source("x")).data == parse_text(text, Source("x")).data


def test_large_generated_plan_is_formatted_the_same_by_both_ways(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import generate  # the benchmarks' generator

    written = generate.generate_corpus(tmp_path / "corpus", 1, 60)
    text = written[1].read_text(encoding="utf-8")
    out = format_text(text, written[1].name)
    found = _layouts(text)
    assert found is not None
    short, full, source = found
    assert short is not None
    assert _written(text, short, source.root) == _written(text, full, source.root)
    assert parse_text(out, Source("x")).data == source.data
    assert sorted(comments_of(out)) == sorted(comments_of(text))
