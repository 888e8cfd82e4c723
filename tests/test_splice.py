"""Edits of one item load and write only its lines, with the same result as editing the whole file;
``fmt`` reads only the items whose text changes with ruamel.yaml; edit commands find plans in
folders inside the plans folder."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from rus.plans.source import Source, parse_text
from rus.writing import editing, formatting
from rus.writing.splice import item_block, item_blocks
from tests.edit_helpers import PLANS, REPO, edits_never_local, spy_slow_reader

BASE = REPO / "tests" / "fixtures" / "base"

TEXT = """\
area: upplevelser
activities:
  # the first
  - id: A-1
    title: Ett  # eol
    description: >-
      lång
      text

  # the second
  - id: A-2
    title: Två
# after the list
vision: x
"""


def _block_text(text: str, key: str, index: int) -> str | None:
    source = parse_text(text, Source("t.yaml"))
    block = item_block(text, source.root, key, index)
    return None if block is None else text[block.start:block.stop]


def test_an_item_block_is_its_dash_line_to_its_last_line() -> None:
    assert _block_text(TEXT, "activities", 0) == "  - id: A-1\n    title: Ett  # eol\n    description: >-\n      lång\n      text\n"
    assert _block_text(TEXT, "activities", 1) == "  - id: A-2\n    title: Två\n"


def test_the_block_document_reads_as_the_item() -> None:
    source = parse_text(TEXT, Source("t.yaml"))
    block = item_block(TEXT, source.root, "activities", 0)
    assert block is not None
    alone = parse_text(block.document(TEXT), Source("t.yaml")).data
    assert alone == {"activities": [source.data["activities"][0]]}
    assert block.splice(TEXT, block.document(TEXT)) == TEXT


@pytest.mark.parametrize(("old", "new"), [
    ("    title: Ett  # eol\n", "    title: &t Ett\n"),  # an anchor may be used elsewhere
    ("    title: Ett  # eol\n", "    title: !!str Ett\n"),  # a tag
    ("    title: Ett  # eol\n", "    title:\tEtt\n"),  # a tab
    ("    description: >-\n", "    description: >+\n"),  # kept final line breaks
    ("  - id: A-1\n    title: Ett  # eol\n    description: >-\n      lång\n      text\n", "  - {id: A-1, title: Ett}\n"),  # flow style
    ("  - id: A-1\n", "  -\n    id: A-1\n"),  # the first key not on the dash's line
    ("area: upplevelser\n", "%YAML 1.2\n---\narea: upplevelser\n"),  # a directive
])
def test_items_that_may_read_differently_alone_are_not_cut_out(old: str, new: str) -> None:
    text = TEXT.replace(old, new)
    assert parse_text(text, Source("t.yaml")).root is not None
    assert _block_text(text, "activities", 0) is None


def test_the_last_item_of_the_file_without_a_line_break_is_not_cut_out() -> None:
    text = "activities:\n  - id: A-1\n    title: Ett"
    assert _block_text(text, "activities", 0) is None
    assert _block_text(text + "\n", "activities", 0) == "  - id: A-1\n    title: Ett\n"


def test_item_blocks_gives_one_per_item() -> None:
    source = parse_text(TEXT, Source("t.yaml"))
    blocks = item_blocks(TEXT, source.root, "activities")
    assert blocks is not None and [b.index for b in blocks if b is not None] == [0, 1]
    assert item_blocks(TEXT, source.root, "goals") is None


@pytest.fixture
def base(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    shutil.copytree(BASE, folder)
    return folder


def test_an_activity_edit_loads_only_its_lines(base: Path) -> None:
    doc, written = editing._load_entry(base, "activities", "upp-002")
    assert written == "UPP-002" and doc.block is not None
    assert doc.body.startswith("activities:\n  - id: UPP-002\n")
    assert "UPP-001" not in doc.body


EDITS = [
    ("fields", "UPP-001", ["progress=41"]),
    ("fields", "UPP-002", ["title=En mycket lång titel " + "som fortsätter " * 8, "period.end=2028-12-31"]),
    ("fields", "UPP-001", ["lead=rjh, miun", "sustainability.social=contributes", "description="]),
    ("status", "UPP-001", "completed"),
    ("actual", "UPP-I1", "2026-2"),
]


def _edit(folder: Path, kind: str, ident: str, value: object) -> editing.EditResult:
    if kind == "fields":
        assert isinstance(value, list)
        return editing.set_activity_fields(folder, ident, value, dry_run=True)
    if kind == "status":
        return editing.set_activity_status(folder, ident, str(value), end=date(2026, 12, 1), dry_run=True)
    return editing.record_actual(folder, ident, str(value), 151.0, municipality="are", dry_run=True)


@pytest.mark.parametrize("layout", ["as written", "canonical", "commented"])
@pytest.mark.parametrize(("kind", "ident", "value"), EDITS)
def test_an_edit_of_one_item_writes_what_editing_the_whole_file_writes(
    base: Path, monkeypatch: pytest.MonkeyPatch, layout: str, kind: str, ident: str, value: object,
) -> None:
    plan = base / "upplevelser.yaml"
    text = plan.read_text(encoding="utf-8")
    if layout == "canonical":
        text = formatting.format_text(text, plan.name)
    elif layout == "commented":
        text = text.replace("\n  - id: UPP-002\n", "\n  # nästa insats\n  - id: UPP-002\n    # om insatsen\n")
    plan.write_text(text, encoding="utf-8")
    by_item = _edit(base, kind, ident, value)
    monkeypatch.setattr(editing, "item_block", lambda *args: None)
    whole = _edit(base, kind, ident, value)
    assert by_item.changed
    assert by_item.after == whole.after
    assert [d.code for d in by_item.warnings] == [d.code for d in whole.warnings]


def test_an_edit_that_does_not_stay_in_its_lines_is_made_on_the_whole_file(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edits_never_local(monkeypatch)
    result = editing.set_activity_fields(base, "UPP-001", ["progress=43"])
    assert result.written
    assert "    progress: 43\n" in (base / "upplevelser.yaml").read_text(encoding="utf-8")


def test_a_bundled_plan_edit_by_item_matches_the_whole_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "plans"
    shutil.copytree(PLANS, folder)
    by_item = editing.set_activity_status(folder, "UPP-001", "ongoing", dry_run=True)
    monkeypatch.setattr(editing, "item_block", lambda *args: None)
    assert by_item.after == editing.set_activity_status(folder, "UPP-001", "ongoing", dry_run=True).after


def test_edit_commands_find_activities_in_folders_inside_the_plans_folder(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    (folder / "2026").mkdir(parents=True)
    shutil.copy(BASE / "actors.yaml", folder / "actors.yaml")
    shutil.copy(BASE / "upplevelser.yaml", folder / "2026" / "upplevelser.yaml")
    result = editing.set_activity_fields(folder, "UPP-001", ["progress=44"])
    assert result.written
    assert "    progress: 44\n" in (folder / "2026" / "upplevelser.yaml").read_text(encoding="utf-8")
    # checked with the registry of the plans folder: an unknown lead is refused
    with pytest.raises(editing.InvalidEditError) as caught:
        editing.set_activity_fields(folder, "UPP-001", ["lead=nobody-known"])
    assert [d.code for d in caught.value.diagnostics] == ["R003"]


def test_fmt_reads_only_the_changed_items_with_ruamel(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (PLANS / "upplevelser.yaml").read_text(encoding="utf-8")
    canonical = formatting.format_text(text, "upplevelser.yaml")
    moved = canonical.replace("\narea: ", "\narea:    ", 1)
    assert moved != canonical
    read = spy_slow_reader(monkeypatch)
    assert formatting.format_text(moved, "upplevelser.yaml") == canonical
    assert read and all("id: UPP-001" not in piece for piece in read)  # the activities are written the same


def test_fmt_still_finds_a_changed_value_inside_an_item(monkeypatch: pytest.MonkeyPatch) -> None:
    text = formatting.format_text((PLANS / "upplevelser.yaml").read_text(encoding="utf-8"), "upplevelser.yaml")
    real = formatting._Emitter.document

    def lossy(self: formatting._Emitter, root: object, model: object) -> str:
        out = real(self, root, model)  # type: ignore[arg-type]
        return out.replace("\n\n", "\n\n\n", 1).replace("progress: 45", "progress: 4", 1)

    monkeypatch.setattr(formatting._Emitter, "document", lossy)
    with pytest.raises(formatting.FormatError) as caught:
        formatting.format_text(text, "upplevelser.yaml")
    assert "activities[0].progress" in caught.value.message()


@pytest.mark.parametrize(("old", "new"), [
    ("progress: 45\n", "progress: 46\n"),
    ("  - id: UPP-001\n", "  - id: UPP-001\n    note: ny\n"),
    ("area: upplevelser\n", "area: upplevelser\nextra: 1\n"),
])
def test_the_diff_of_an_edit_is_difflibs_diff_of_the_whole_texts(old: str, new: str) -> None:
    import difflib

    from rus.base.fileio import unified_diff

    before = (PLANS / "upplevelser.yaml").read_text(encoding="utf-8")
    after = before.replace(old, new, 1)
    assert after != before
    whole = "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                         fromfile="a/p.yaml", tofile="b/p.yaml"))
    assert unified_diff(before, after, "p.yaml") == whole
    assert unified_diff(before, before, "p.yaml") == ""
