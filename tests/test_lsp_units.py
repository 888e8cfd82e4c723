"""The parts of ``rus lsp`` that need no client: tokens, positions, the cursor's path, groups of files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lsprotocol import types

from rus.base.vocab import Area, Status
from rus.lsp import group as group_module
from rus.lsp.context import ITEM, cursor_at, slot
from rus.lsp.features import OpenFile, Units, completions, diagnostic_range, hover
from rus.lsp.group import Workspace, split_lines, token_end
from rus.plans.models import ActorRegistry, Plan
from tests.conftest import BASE


@pytest.mark.parametrize(
    ("line", "start", "token"),
    [
        ("    status: ongoing  # a comment", 12, "ongoing"),
        ('    title: "a \\" b" # c', 11, '"a \\" b"'),
        ("    title: 'it''s' # c", 11, "'it''s'"),
        ("    lead: [a, [b, c]], x", 10, "[a, [b, c]]"),
        ("    lead: [abc, def]", 11, "abc"),
        ("    title: Cykelleder i Åre", 11, "Cykelleder i Åre"),
        ("  - id: UPP-001", 2, "-"),
        ("key:", 4, ""),
    ],
)
def test_token_end_covers_the_token_at_a_column(line: str, start: int, token: str) -> None:
    assert line[start : token_end(line, start)] == token


def test_units_count_utf16_for_characters_outside_the_bmp() -> None:
    lines = ["a😋b: Åre"]
    units = Units()
    assert units.position(lines, 0, 2) == types.Position(line=0, character=3)
    assert units.column(lines, types.Position(line=0, character=3)) == (0, 2)
    assert Units("utf-8").position(lines, 0, 8).character == len("a😋b: Åre".encode())
    assert Units("utf-32").position(lines, 0, 8).character == 8
    assert Units("utf-32").position(lines, 0, 99).character == 8


def test_a_finding_without_an_end_underlines_the_token_at_its_column() -> None:
    from rus.base.diagnostics import Diagnostic

    lines = split_lines("meeting:\n  participants: [rjh, nobody]\n")
    d = Diagnostic("p.yaml", 2, 23, "R003")
    line, start, end_line, end = diagnostic_range(d, lines)
    assert lines[line][start:end] == "nobody" and end_line == line
    past = Diagnostic("p.yaml", 2, 99, "R003")
    line, start, _, end = diagnostic_range(past, lines)
    assert lines[line][start:end] == "participants: [rjh, nobody]"


HALF_TYPED = """area: upplevelser
activities:
  - id: UPP-001
    # a comment at another indentation
    title: "unclosed
    partners:
      - actor: miun
        ro
    sta
  - id: UPP-002
    sustainability:
      social:\x20
"""


def test_the_cursor_path_comes_from_indentation_even_in_broken_yaml() -> None:
    lines = split_lines(HALF_TYPED)
    role = cursor_at(lines, 7, 10, Plan)
    assert role is not None and role.mode == "key" and role.path == ("activities", ITEM, "partners", ITEM)
    assert role.word == "ro"
    status = cursor_at(lines, 8, 7, Plan)
    assert status is not None and status.mode == "key" and status.path == ("activities", ITEM)
    rating = cursor_at(lines, 11, 14, Plan)
    assert rating is not None and rating.mode == "value"
    assert rating.path == ("activities", ITEM, "sustainability", "social")
    assert slot(Plan, rating.path).enum is not None
    assert cursor_at(lines, 3, 10, Plan) is None  # in a comment


def test_the_ladder_holds_areas_as_keys_and_steps_as_values() -> None:
    lines = split_lines("actors:\n  - id: a\n    ladder:\n      upplevelser: does\n      \n")
    key = cursor_at(lines, 4, 6, ActorRegistry)
    assert key is not None and key.mode == "key"
    assert slot(ActorRegistry, key.path).key_enum is Area
    value = cursor_at(lines, 3, 19, ActorRegistry)
    assert value is not None and value.mode == "value"
    assert {m.value for m in slot(ActorRegistry, value.path).enum or []} >= {"does"}


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    shutil.copytree(BASE, tmp_path / "plans")
    return tmp_path / "plans"


def test_completion_while_the_file_is_broken_uses_what_it_last_defined(plans: Path) -> None:
    ws = Workspace([plans.parent])
    plan = (plans / "upplevelser.yaml").absolute()
    text = plan.read_text(encoding="utf-8")
    ws.buffers[plan] = text
    ws.check_for(plan)
    broken = text.replace("    goals: [UPP-M1]\n", '    goals: [UPP-\n    title: "x\n', 1)
    ws.buffers[plan] = broken
    group = ws.check_for(plan)
    assert any(d.code.startswith("Y") for d in group.files[plan].diagnostics)
    doc = OpenFile(plan, broken, group)
    row = next(i for i, line in enumerate(doc.lines) if line.startswith("    goals: [UPP-"))
    items = completions(doc, row, len(doc.lines[row]), "sv", Units())
    assert [i.label for i in items] == ["UPP-M1"]


def test_keys_are_offered_with_swedish_titles_and_without_those_written(plans: Path) -> None:
    ws = Workspace([plans.parent])
    plan = (plans / "upplevelser.yaml").absolute()
    text = plan.read_text(encoding="utf-8").replace("    progress: 40\n", "    \n", 1)
    ws.buffers[plan] = text
    doc = OpenFile(plan, text, ws.check_for(plan))
    row = doc.lines.index("    ")
    items = {i.label: i for i in completions(doc, row, 4, "sv", Units())}
    assert items["progress"].detail == "Framsteg (%)"
    assert "status" not in items and "title" not in items and "id" not in items


def test_hover_on_a_status_shows_both_labels(plans: Path) -> None:
    ws = Workspace([plans.parent])
    plan = (plans / "upplevelser.yaml").absolute()
    text = plan.read_text(encoding="utf-8")
    doc = OpenFile(plan, text, ws.check_for(plan))
    row = doc.lines.index("    status: ongoing")
    found = hover(doc, row, 14, "sv", Units())
    assert found is not None and isinstance(found.contents, types.MarkupContent)
    assert Status.ONGOING.label.sv in found.contents.value and Status.ONGOING.label.en in found.contents.value


def test_a_plan_is_checked_with_the_registry_in_a_folder_above(tmp_path: Path) -> None:
    (tmp_path / "plans" / "2026").mkdir(parents=True)
    shutil.copy(BASE / "actors.yaml", tmp_path / "plans" / "actors.yaml")
    shutil.copy(BASE / "upplevelser.yaml", tmp_path / "plans" / "2026" / "upplevelser.yaml")
    (tmp_path / "other").mkdir()
    shutil.copy(BASE / "upplevelser.yaml", tmp_path / "other" / "upplevelser.yaml")
    ws = Workspace([tmp_path])
    nested = (tmp_path / "plans" / "2026" / "upplevelser.yaml").absolute()
    assert ws.group_root(nested) == (tmp_path / "plans").absolute()
    assert ws.check_for(nested).files[nested].diagnostics == []
    alone = (tmp_path / "other" / "upplevelser.yaml").absolute()
    assert ws.group_root(alone) == alone.parent
    # without the registry, references to actors cannot be checked: R021, as rus validate says
    assert [d.code for d in ws.check_for(alone).files[alone].diagnostics] == ["R021"]


def test_files_not_open_are_parsed_once_while_unchanged(plans: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = Workspace([plans.parent])
    plan = (plans / "upplevelser.yaml").absolute()
    registry = (plans / "actors.yaml").absolute()
    ws.buffers[plan] = plan.read_text(encoding="utf-8")
    ws.check_for(plan)
    first = next(v for k, v in ws.parsed.items() if k[0] == registry)
    ws.check_for(plan)
    assert next(v for k, v in ws.parsed.items() if k[0] == registry) is first
    registry.write_text(registry.read_text(encoding="utf-8").replace("  - id: fjallbyn\n", "  - id: fjallby\n"), encoding="utf-8")
    found = ws.check_for(plan)
    assert next(v for k, v in ws.parsed.items() if k[0] == registry) is not first
    assert [d.code for d in found.files[plan].diagnostics] == ["R003"]
    monkeypatch.setattr(group_module, "PARSED_BUDGET", 10)
    ws.parsed.clear()
    ws.check_for(plan)
    assert ws.parsed == {}


def test_lines_are_split_as_an_editor_splits_them() -> None:
    assert split_lines("a\nb\r\nc\rd\n") == ["a", "b", "c", "d", ""]
    assert split_lines("a\nb") == ["a", "b"]
    assert split_lines("a\x0cb\u2028c") == ["a\x0cb\u2028c"]


def test_a_handled_notification_leaves_nothing_behind_in_the_server() -> None:
    from collections.abc import Iterator

    from rus.lsp.server import RusServer

    server = RusServer()

    @server.feature("rus/ping")
    def ping(ls: RusServer, params: object) -> Iterator[None]:
        yield from ()

    for _ in range(3):
        server.protocol._handle_notification("rus/ping", None)
    assert server.protocol._request_futures == {}


def test_a_folder_without_a_registry_is_not_searched_below(tmp_path: Path) -> None:
    (tmp_path / "deep" / "er").mkdir(parents=True)
    shutil.copy(BASE / "upplevelser.yaml", tmp_path / "upplevelser.yaml")
    (tmp_path / "deep" / "er" / "other.yaml").write_text("a: 1\n", encoding="utf-8")
    ws = Workspace([tmp_path])
    plan = (tmp_path / "upplevelser.yaml").absolute()
    assert ws.files(ws.group_root(plan)) == [plan]
    (tmp_path / "actors.yaml").write_text((BASE / "actors.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert (tmp_path / "deep" / "er" / "other.yaml").absolute() in ws.files(ws.group_root(plan))
