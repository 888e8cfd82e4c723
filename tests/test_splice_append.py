"""Appends (an activity, an actor) and edits of the first top-level keys (a meeting) or of one actor
(a ladder step) load and write only the lines they touch, with the same result as editing the whole
file."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rus.plans.source import Source, parse_text
from rus.writing import editing, formatting, splice
from rus.writing.editing import EditableFile
from tests.edit_helpers import PLANS, REPO, edits_never_local

BASE = REPO / "tests" / "fixtures" / "base"

NEW_ACTIVITY: dict[str, Any] = {
    "title": "Ny", "sub_area": "UPP-D1", "period": {"start": date(2027, 1, 1)}, "phase": "analysis",
    "status": "idea", "whole_county": True,
    "sustainability": {"social": "unknown", "economic": "unknown", "environmental": "unknown"},
    "sami": {"relevance": "none"},
}

Edit = Callable[[Path], editing.EditResult]

EDITS: dict[str, Edit] = {
    "activity add": lambda folder: editing.add_activity(folder, "UPP", NEW_ACTIVITY, dry_run=True),
    "actor add": lambda folder: editing.add_actor(folder, "nybolag", "Nytt bolag AB", "business", municipality="berg",
                                                   ladder={"UPP": "sees-hears"}, dry_run=True),
    "meeting, same date": lambda folder: editing.record_meeting(
        folder, "UPP", when=date(2026, 10, 8), place="Östersund", participants=["rjh", "miun"], notes="Nya anteckningar",
        dry_run=True),
    "meeting, a new one": lambda folder: editing.record_meeting(
        folder, "UPP", when=date(2027, 3, 12), place="Åre", participants=["miun"], cycle=["analysis"], dry_run=True),
    "ladder, new area": lambda folder: editing.set_ladder_step(folder, "gaaltije", "UPP", "understands", dry_run=True),
    "ladder, known area": lambda folder: editing.set_ladder_step(folder, "MIUN", "UPP", "does", dry_run=True),
}

COMMENTED = [
    ("upplevelser.yaml", "\nconsultations:\n", "\n    # sist i insatsen\n\n# Konsultationer\nconsultations:\n"),
    ("upplevelser.yaml", "\nmeeting:\n", "\n# Mötet\nmeeting:\n  # när och var\n"),
    ("upplevelser.yaml", "\nvision: ", "\n\n# Visionen\nvision: "),
    ("actors.yaml", "  - id: gaaltije\n", "  # samiska organisationer\n  - id: gaaltije\n"),
]


def _layout(folder: Path, layout: str) -> None:
    if layout == "canonical":
        for path in folder.glob("*.yaml"):
            path.write_text(formatting.format_text(path.read_text(encoding="utf-8"), path.name), encoding="utf-8")
    elif layout == "commented":
        for name, old, new in COMMENTED:
            path = folder / name
            text = path.read_text(encoding="utf-8")
            assert old in text
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
        actors = folder / "actors.yaml"
        actors.write_text(actors.read_text(encoding="utf-8") + "# slut på registret\n", encoding="utf-8")
    elif layout == "activities last":
        plan = folder / "upplevelser.yaml"
        text = plan.read_text(encoding="utf-8")
        plan.write_text(text[: text.index("consultations:\n")] + "# slut på filen\n", encoding="utf-8")


def _whole_file_only(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("item_block", "last_item_block", "head_block"):
        monkeypatch.setattr(editing, name, lambda *args: None)


def _spy_whole(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files loaded whole with ruamel.yaml, from now on."""
    loaded: list[str] = []
    real = EditableFile._whole

    def whole(path: Path, shown: str, *args: Any) -> EditableFile:
        loaded.append(path.name)
        return real(path, shown, *args)

    monkeypatch.setattr(EditableFile, "_whole", whole)
    return loaded


@pytest.fixture
def base(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    shutil.copytree(BASE, folder)
    return folder


#: Each edit in the layouts that can tell its lines from the whole file's ("activities last": the list
#: an activity is appended to ends the file, with a comment after it).
CASES = [
    ("activity add", "as written"), ("activity add", "canonical"), ("activity add", "commented"),
    ("activity add", "activities last"),
    ("actor add", "as written"), ("actor add", "canonical"), ("actor add", "commented"),
    ("meeting, same date", "as written"), ("meeting, same date", "commented"),
    ("meeting, a new one", "as written"), ("meeting, a new one", "canonical"), ("meeting, a new one", "commented"),
    ("ladder, new area", "as written"), ("ladder, new area", "commented"), ("ladder, known area", "canonical"),
]


@pytest.mark.parametrize(("kind", "layout"), CASES)
def test_an_append_or_head_edit_writes_what_editing_the_whole_file_writes(
    base: Path, monkeypatch: pytest.MonkeyPatch, layout: str, kind: str,
) -> None:
    _layout(base, layout)
    loaded = _spy_whole(monkeypatch)
    by_lines = EDITS[kind](base)
    assert loaded == []  # only the touched lines were loaded with ruamel.yaml
    _whole_file_only(monkeypatch)
    whole = EDITS[kind](base)
    assert loaded  # and now the whole file was
    assert by_lines.changed
    assert by_lines.after == whole.after
    assert by_lines.summary == whole.summary and by_lines.params == whole.params
    assert [d.code for d in by_lines.warnings] == [d.code for d in whole.warnings]


# (a meeting recorded in a bundled plan: tests/test_edit_commands.py checks the lines it writes)
@pytest.mark.parametrize("kind", ["activity add", "actor add", "ladder, new area"])
def test_bundled_plans_edited_by_lines_match_the_whole_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    folder = tmp_path / "plans"
    shutil.copytree(PLANS, folder)
    edit: dict[str, Edit] = {
        "activity add": EDITS["activity add"],
        "actor add": lambda f: editing.add_actor(f, "nybolag", "Nytt bolag AB", "business", municipality="are", dry_run=True),
        "ladder, new area": lambda f: editing.set_ladder_step(f, "rjh", "DIG", "wants", dry_run=True),
    }
    loaded = _spy_whole(monkeypatch)
    by_lines = edit[kind](folder)
    assert loaded == []
    _whole_file_only(monkeypatch)
    assert by_lines.changed
    assert by_lines.after == edit[kind](folder).after


def test_the_new_id_counts_every_activity_of_the_file(base: Path) -> None:
    plan = base / "upplevelser.yaml"
    text = plan.read_text(encoding="utf-8")
    assert "id: UPP-001" in text and "id: UPP-002" in text
    plan.write_text(text.replace("id: UPP-001", "id: UPP-041", 1), encoding="utf-8")  # the highest is not last
    result = editing.add_activity(base, "UPP", NEW_ACTIVITY)
    assert result.params["id"] == "UPP-042"
    assert "  - id: UPP-042\n" in plan.read_text(encoding="utf-8")


def test_an_actor_already_in_the_registry_is_refused_though_only_the_last_is_loaded(base: Path) -> None:
    before = (base / "actors.yaml").read_bytes()
    with pytest.raises(editing.EditError) as caught:
        editing.add_actor(base, "RJH", "Region", "public")
    assert "rjh" in caught.value.message().lower()
    assert (base / "actors.yaml").read_bytes() == before


def test_an_unknown_actor_is_not_found(base: Path) -> None:
    with pytest.raises(editing.NotFoundError):
        editing.set_ladder_step(base, "nobody", "UPP", "does")


def test_an_append_that_reads_back_differently_is_made_on_the_whole_file(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edits_never_local(monkeypatch)
    loaded = _spy_whole(monkeypatch)
    result = editing.add_activity(base, "UPP", NEW_ACTIVITY)
    assert result.written and loaded == ["upplevelser.yaml"]
    assert "  - id: UPP-003\n" in (base / "upplevelser.yaml").read_text(encoding="utf-8")


# --- the blocks themselves ----------------------------------------------------------------------

TEXT = """\
# a plan
schema_version: 2
area: upplevelser
revision: 2026-2  # the revision
meeting:
  date: 2026-10-08
  # where
  place: Åre

# the vision
vision: x
activities:
  - id: A-1
    title: Ett
  - id: A-2
    title: Två

# after the list
goals: []
"""


def _root(text: str) -> Any:
    return parse_text(text, Source("t.yaml")).root


def test_the_head_block_ends_before_the_comments_of_the_next_key() -> None:
    block = splice.head_block(TEXT, _root(TEXT), ("meeting", "revision"))
    assert block is not None and block.head
    assert TEXT[block.start:block.stop] == TEXT[: TEXT.index("\n\n# the vision") + 1]
    assert block.document(TEXT) == TEXT[block.start:block.stop]
    assert block.splice(TEXT, block.document(TEXT)) == TEXT
    small = parse_text(block.document(TEXT), Source("t.yaml")).data
    whole = parse_text(TEXT, Source("t.yaml")).data
    assert block.expected(whole, small) == whole


@pytest.mark.parametrize(("text", "keys"), [
    (TEXT, ("nothing",)),  # a key that is not there
    (TEXT, ("goals",)),  # the last key: nothing follows to end the block at
    (TEXT, ()),
    (TEXT.replace("place: Åre", "place: &p Åre"), ("meeting",)),  # an anchor may be used below
    (TEXT.replace("place: Åre", "place: >+\n    Åre"), ("meeting",)),  # keeps its final line breaks
    ("{meeting: {date: 2026-10-08}, vision: x}\n", ("meeting",)),  # flow style
    ("---\n" + TEXT, ("meeting",)),  # a document marker
])
def test_no_head_block_where_the_lines_may_read_differently_alone(text: str, keys: tuple[str, ...]) -> None:
    assert splice.head_block(text, _root(text), keys) is None


def test_the_last_item_block_is_where_an_append_goes() -> None:
    block = splice.last_item_block(TEXT, _root(TEXT), "activities")
    assert block is not None and block.index == 1
    assert TEXT[block.start:block.stop] == "  - id: A-2\n    title: Två\n"
    appended = block.document(TEXT) + "  - id: A-3\n    title: Tre\n"
    after = block.splice(TEXT, appended)
    assert after.index("  - id: A-3\n") < after.index("\n# after the list")
    small = parse_text(appended, Source("t.yaml")).data
    assert block.expected(parse_text(TEXT, Source("t.yaml")).data, small) == parse_text(after, Source("t.yaml")).data
    assert splice.last_item_block(TEXT, _root(TEXT), "goals") is None  # an empty list
    assert splice.last_item_block(TEXT, _root(TEXT), "sub_areas") is None  # no such list


def test_a_small_document_of_other_keys_is_not_taken_for_the_block() -> None:
    root = _root(TEXT)
    whole = parse_text(TEXT, Source("t.yaml")).data
    head = splice.head_block(TEXT, root, ("meeting",))
    item = splice.last_item_block(TEXT, root, "activities")
    assert head is not None and item is not None
    with pytest.raises(ValueError):
        head.expected(whole, {"vision": "x"})  # not the file's first keys
    with pytest.raises(ValueError):
        item.expected(whole, {"goals": [1]})
    with pytest.raises(ValueError):
        item.expected(whole, {"activities": []})


# --- the validation of an edit ------------------------------------------------------------------


def test_an_edit_parses_each_other_file_once_though_validated_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import rus.plans.source as source_module

    folder = tmp_path / "plans"
    shutil.copytree(PLANS, folder)
    parsed: list[str] = []
    real = source_module.parse_text

    def counting(text: str, source: Source) -> Source:
        parsed.append(Path(source.path).name)
        return real(text, source)

    monkeypatch.setattr(source_module, "parse_text", counting)
    monkeypatch.setattr(editing, "parse_text", counting)
    result = editing.add_activity(folder, "UPP", {**NEW_ACTIVITY, "whole_county": False, "municipalities": ["are"]}, dry_run=True)
    assert result.changed
    assert result.warnings  # the edited plan has findings: its findings before the edit were looked up too
    others = [p.name for p in folder.glob("*.yaml") if p.name != "upplevelser.yaml"]
    assert all(parsed.count(name) <= 2 for name in others), parsed  # finding the plan, and validating
    assert [d.code for d in result.warnings] == [d.code for d in _warnings_validated_apart(folder, result.after)]


def _warnings_validated_apart(folder: Path, after: str) -> list[Any]:
    """The findings of the edited plan that it did not have before, by ``rus validate`` of both texts."""
    from collections import Counter

    from rus.plans.validation import validate_texts

    texts = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.yaml")}
    before = Counter((d.code, d.message()) for d in validate_texts(texts).diagnostics if d.path == "upplevelser.yaml")
    texts["upplevelser.yaml"] = after
    new = []
    for d in validate_texts(texts).diagnostics:
        if d.path == "upplevelser.yaml":
            if before[(d.code, d.message())] > 0:
                before[(d.code, d.message())] -= 1
            else:
                new.append(d)
    return new
