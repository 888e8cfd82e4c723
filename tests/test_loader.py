"""The one loader (rus.plans.loader): kinds, editions, located schema findings, and its readers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rus.base.diagnostics import Severity
from rus.lsp.group import Workspace
from rus.plans.loader import load_bytes, load_path, load_source, load_text
from rus.plans.models import ActorRegistry, Plan
from rus.plans.source import Source, parse_text
from rus.plans.validation import validate_paths
from tests.conftest import BASE

PLAN = (BASE / "upplevelser.yaml").read_text(encoding="utf-8")
REGISTRY = (BASE / "actors.yaml").read_text(encoding="utf-8")
#: The plan in the first edition: no ``schema_version`` (what ``rus migrate`` upgrades).
FIRST_EDITION = PLAN.replace("schema_version: 2\n", "", 1)


def test_a_valid_plan_loads_to_its_model_without_findings() -> None:
    loaded = load_bytes(PLAN.encode(), "plans/upplevelser.yaml")
    assert loaded.kind == "plan"
    assert isinstance(loaded.model, Plan)
    assert loaded.model.area.value == "upplevelser"
    assert (loaded.upgraded, loaded.schema_failed, loaded.diagnostics) == (False, False, [])
    assert loaded.path == "plans/upplevelser.yaml"
    assert loaded.text == PLAN


def test_the_kind_comes_from_the_content_and_else_from_the_name() -> None:
    assert isinstance(load_text(REGISTRY, "a/b.yaml").model, ActorRegistry)
    empty_registry = load_text("schema_version: 2\nactors: []\n", "x.yaml")
    assert empty_registry.kind == "actors"
    assert load_text("{}\n", "actors.yaml").kind == "actors"
    unknown = load_text("hello: world\n", "notes.yaml")
    assert unknown.kind is None and unknown.model is None
    assert [d.code for d in unknown.diagnostics] == ["F006"]


def test_a_syntax_error_stops_before_the_kind() -> None:
    loaded = load_text("area: [upplevelser\n", "p.yaml")
    assert loaded.kind is None and loaded.model is None
    first = loaded.first_error()
    assert first is not None and first.code.startswith("Y")


def test_unreadable_bytes_are_a_finding_not_an_exception(tmp_path: Path) -> None:
    latin = tmp_path / "plan.yaml"
    latin.write_bytes("area: upplevelser\nvision: Året runt\n".encode("cp1252"))
    loaded = load_path(latin, "plan.yaml")
    assert [d.code for d in loaded.diagnostics] == ["F002"]
    assert load_path(tmp_path / "missing.yaml").first_error() is not None


def test_schema_findings_are_located_with_their_end_and_only_the_first_when_asked() -> None:
    wrong = PLAN.replace("state: adopted", "state: adoptd", 1).replace("kind: result", "kind: resultat", 1)
    every = load_text(wrong, "p.yaml")
    assert every.model is None and every.schema_failed
    codes = [(d.code, d.line) for d in every.diagnostics]
    assert codes == [("S003", 5), ("S003", 24)]
    state = every.diagnostics[0]
    assert (state.line, state.column, state.end_line, state.end_column) == (5, 8, 5, 14)
    first = load_text(wrong, "p.yaml", all_errors=False)
    assert [d.code for d in first.diagnostics] == ["S003"]
    assert first.first_error() == first.diagnostics[0]


def test_an_older_edition_is_upgraded_on_a_copy_and_reported() -> None:
    source = parse_text(FIRST_EDITION, Source("p.yaml"))
    written = source.data
    loaded = load_source(source)
    assert loaded.upgraded and isinstance(loaded.model, Plan)
    assert [(d.code, d.level) for d in loaded.diagnostics] == [("M001", Severity.WARNING)]
    assert loaded.data["schema_version"] == 2
    # the data as parsed is left as written: a parse kept in a cache still reads as the older edition
    assert "schema_version" not in written


def test_a_newer_edition_is_not_read() -> None:
    loaded = load_text(PLAN.replace("schema_version: 2", "schema_version: 9", 1), "p.yaml")
    assert loaded.model is None and not loaded.schema_failed
    assert [d.code for d in loaded.diagnostics] == ["M002"]


def test_without_validation_only_the_kind_is_told() -> None:
    loaded = load_text(FIRST_EDITION.replace("state: adopted", "state: adoptd", 1), "p.yaml", validate=False)
    assert loaded.kind == "plan"
    assert (loaded.model, loaded.upgraded, loaded.diagnostics) == (None, False, [])
    assert "schema_version" not in loaded.data


def test_validation_keeps_the_models_only_when_asked(tmp_path: Path) -> None:
    shutil.copytree(BASE, tmp_path / "plans")
    plain = validate_paths([tmp_path / "plans"])
    assert [f.model for f in plain.files] == [None, None]
    kept = validate_paths([tmp_path / "plans"], keep_models=True)
    assert [type(f.model) for f in kept.files] == [ActorRegistry, Plan]


def test_the_language_server_keeps_reporting_an_older_edition_of_a_file_not_open(tmp_path: Path) -> None:
    # The language server keeps the parse of files not open while they are unchanged on disk; the
    # upgrade to the current edition once changed that kept parse in place, so that from the second
    # check on the file read as current and its M001 was gone.
    plans = tmp_path / "plans"
    shutil.copytree(BASE, plans)
    old = (plans / "upplevelser.yaml").absolute()
    old.write_text(FIRST_EDITION, encoding="utf-8")
    registry = (plans / "actors.yaml").absolute()
    ws = Workspace([tmp_path])
    ws.buffers[registry] = REGISTRY
    for _ in range(2):
        group = ws.check_for(registry)
        assert "M001" in [d.code for d in group.files[old].diagnostics]


@pytest.mark.parametrize("name", ["actors.yaml", "programme.yaml", "plan.yaml"])
def test_a_file_whose_content_says_nothing_is_read_as_its_name_says(name: str) -> None:
    loaded = load_text("schema_version: 2\n", name)
    expected = {"actors.yaml": "actors", "programme.yaml": "programme", "plan.yaml": None}[name]
    assert loaded.kind == expected


def test_the_report_reads_an_area_split_over_two_files_whole(tmp_path: Path) -> None:
    # load_plans read each file again and kept one plan per area: the last file read won, so a
    # report on an area whose plan is split over two files left out the first file's activities.
    from rus.base.vocab import Area
    from rus.reporting.report_sources import load_plans

    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "actors.yaml").write_text(REGISTRY, encoding="utf-8")
    start, end = PLAN.index("  - id: UPP-002\n"), PLAN.index("consultations:\n")
    header = PLAN[: PLAN.index("sub_areas:\n")]
    (plans / "upplevelser-a.yaml").write_text(PLAN[:start] + PLAN[end:], encoding="utf-8")
    own = "sub_areas:\n  - id: UPP-D2\n    name: Kulturarv\n    needs: [Guider]\n" \
          "goals:\n  - id: UPP-M2\n    title: Fler besök\n    sub_areas: [UPP-D2]\n"
    second = PLAN[start:end].replace("UPP-D1", "UPP-D2").replace("UPP-M1", "UPP-M2")
    (plans / "upplevelser-b.yaml").write_text(header + own + "activities:\n" + second, encoding="utf-8")
    assert validate_paths([plans]).errors == 0
    loaded = load_plans(plans, display_root=tmp_path)
    assert [a.id for a in loaded.plans[Area("upplevelser")].activities] == ["UPP-001", "UPP-002"]
    assert [g.id for g in loaded.plans[Area("upplevelser")].goals] == ["UPP-M1", "UPP-M2"]


def test_the_history_keeps_the_first_error_and_names_a_newer_edition() -> None:
    from rus.base.diagnostics import Diagnostic
    from rus.timeline.history import BLOB_CACHE, ParsedFile, parse_file

    BLOB_CACHE.clear()
    wrong = PLAN.replace("state: adopted", "state: adoptd", 1).replace("kind: result", "kind: resultat", 1)
    first = parse_file("plans/upplevelser.yaml", wrong.encode())
    assert isinstance(first, Diagnostic) and (first.code, first.line, first.end_column) == ("S003", 5, 14)
    # a file of an edition this rus does not know is named as such (it was an unknown value before)
    newer = parse_file("plans/upplevelser.yaml", PLAN.replace("schema_version: 2", "schema_version: 3", 1).encode())
    assert isinstance(newer, Diagnostic) and newer.code == "M002"
    older = parse_file("plans/upplevelser.yaml", FIRST_EDITION.encode())
    assert isinstance(older, ParsedFile) and isinstance(older.model, Plan)
    assert parse_file("plans/upplevelser.yaml", FIRST_EDITION.encode()) is older  # cached by blob id
