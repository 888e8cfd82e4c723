"""Editions of the file formats and ``rus migrate``: old files upgraded on disk (comments kept) and in
memory (validation, history), so that a diff across the upgrade shows only real changes."""

from __future__ import annotations

import io
import os
import re
import shutil
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from rus.cli import app
from rus.plans.editions import (
    CURRENT_EDITION,
    STEPS,
    edition_of,
    needs_upgrade,
    register,
    stamp,
    upgrade,
)
from rus.plans.validation import validate_paths
from rus.timeline.changes import diff_plansets
from rus.timeline.history import History
from rus.writing.migration import migrate_paths
from tests.conftest import BASE, REGION, run_rus
from tests.edit_helpers import git, plans_repo

EDITION_LINE = re.compile(r"(?m)^schema_version: 2\n")


def _old(text: str) -> str:
    """A file as edition 1 wrote it: without its schema_version line."""
    return EDITION_LINE.sub("", text, count=1)


def _old_plans(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    shutil.copytree(BASE, folder)
    for path in folder.glob("*.yaml"):
        path.write_text(_old(path.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


# --- editions -----------------------------------------------------------------------------------


def test_a_file_without_schema_version_is_the_first_edition() -> None:
    assert edition_of({"area": "x"}) == 1
    assert edition_of({"schema_version": 2}) == 2
    assert edition_of({"schema_version": "two"}) is None
    assert edition_of({"schema_version": True}) is None
    assert needs_upgrade({"actors": []}) and not needs_upgrade({"schema_version": CURRENT_EDITION})


def test_upgrading_a_plain_mapping_puts_the_edition_first() -> None:
    data: dict[str, Any] = {"area": "upplevelser", "revision": "2026-1"}
    changes = upgrade(data, "plan")
    assert list(data) == ["schema_version", "area", "revision"]
    assert data["schema_version"] == CURRENT_EDITION
    assert changes == [("marked the file as edition {edition} (schema_version: {edition})", {"edition": 2})]
    assert upgrade(data, "plan") == []  # current: nothing to do


def test_upgrading_a_ruamel_mapping_keeps_the_comments() -> None:
    yaml = YAML(typ="rt")
    data = yaml.load("# the comment above\nactors:  # after the key\n  - id: rjh\n")
    upgrade(data, "actors")
    out = io.StringIO()
    yaml.dump(data, out)
    assert out.getvalue() == "# the comment above\nschema_version: 2\nactors:  # after the key\n- id: rjh\n"


def test_a_misplaced_edition_moves_first_and_a_newer_one_is_left_alone() -> None:
    data: dict[str, Any] = {"area": "x", "schema_version": 1}
    upgrade(data, "plan")
    assert list(data) == ["schema_version", "area"] and data["schema_version"] == 2
    newer: dict[str, Any] = {"schema_version": 3, "area": "x"}
    assert upgrade(newer, "plan") == [] and newer == {"schema_version": 3, "area": "x"}
    stamp(newer, 2)
    assert newer == {"schema_version": 2, "area": "x"}


def test_registered_steps_run_before_the_stamp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(STEPS, "actors", {})

    def rename(data: MutableMapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        data["actors"] = data.pop("people")
        return [("renamed {old} to {new}", {"old": "people", "new": "actors"})]

    register("actors", 1, rename)
    data: dict[str, Any] = {"people": []}
    assert [message for message, _ in upgrade(data, "actors")] == [
        "renamed {old} to {new}", "marked the file as edition {edition} (schema_version: {edition})"]
    assert data == {"schema_version": 2, "actors": []}
    with pytest.raises(ValueError):
        register("actors", CURRENT_EDITION, rename)


# --- validation ----------------------------------------------------------------------------------


def test_validate_says_to_migrate_and_still_checks_the_upgraded_data(tmp_path: Path) -> None:
    folder = _old_plans(tmp_path)
    plan = folder / "upplevelser.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("progress: 40", "progress: 400"), encoding="utf-8")
    found = [(d.path, d.line, d.code) for d in validate_paths([folder], display_root=folder).diagnostics]
    assert ("actors.yaml", 2, "M001") in found and ("upplevelser.yaml", 2, "M001") in found
    assert any(code == "S007" for _, _, code in found)  # the data is checked, not only the edition


def test_a_newer_edition_is_not_checked_further(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    shutil.copytree(BASE, folder)
    plan = folder / "upplevelser.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("schema_version: 2", "schema_version: 3")
                    .replace("progress: 40", "progress: 400"), encoding="utf-8")
    found = [(d.path, d.line, d.column, d.code) for d in validate_paths([folder], display_root=folder).diagnostics]
    assert found == [("upplevelser.yaml", 2, 17, "M002")]


def test_the_edition_belongs_first(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    shutil.copytree(BASE, folder)
    registry = folder / "actors.yaml"
    text = _old(registry.read_text(encoding="utf-8"))
    registry.write_text(text + "schema_version: 2\n", encoding="utf-8")
    found = [(d.path, d.line, d.column, d.code) for d in validate_paths([folder], display_root=folder).diagnostics]
    assert found == [("actors.yaml", len(text.splitlines()) + 1, 1, "M003")]


def test_an_old_region_file_is_read_upgraded_and_reported(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    shutil.copytree(BASE, folder)
    (tmp_path / ".git").mkdir()
    region = tmp_path / "region.yaml"
    region.write_text(REGION.read_text(encoding="utf-8").replace("schema_version: 2", "schema_version: 1"), encoding="utf-8")
    found = [(d.path, d.code) for d in validate_paths([folder], display_root=tmp_path).diagnostics]
    assert found == [("region.yaml", "M001")]
    assert [(d.path, d.code) for d in validate_paths([folder], display_root=tmp_path).diagnostics] == found  # every time


# --- rus migrate ---------------------------------------------------------------------------------


def test_migrate_rewrites_old_files_keeping_comments_and_nothing_else(tmp_path: Path) -> None:
    folder = _old_plans(tmp_path)
    before = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.yaml")}
    dry = migrate_paths([folder], dry_run=True)
    assert {m.path.name for m in dry if m.changed} == {"actors.yaml", "upplevelser.yaml"}
    assert {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.yaml")} == before
    done = migrate_paths([folder])
    assert all(m.written for m in done if m.changed)
    for name in before:
        assert (folder / name).read_text(encoding="utf-8") == (BASE / name).read_text(encoding="utf-8")
    assert [m for m in migrate_paths([folder]) if m.changed] == []


def test_migrate_check_and_dry_run_through_the_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _old_plans(tmp_path)
    monkeypatch.chdir(tmp_path)
    checked = CliRunner().invoke(app, ["migrate", "--check", "plans", "--lang", "en"])
    assert checked.exit_code == 1
    assert "plans/upplevelser.yaml would be migrated from edition 1 to 2:" in checked.stdout
    assert "  - marked the file as edition 2 (schema_version: 2)" in checked.stdout
    dry = CliRunner().invoke(app, ["migrate", "--dry-run", "plans", "--lang", "sv"])
    assert dry.exit_code == 0 and "+schema_version: 2" in dry.stdout
    assert "skulle migreras från utgåva 1 till 2" in dry.stdout
    assert "schema_version" not in (folder / "upplevelser.yaml").read_text(encoding="utf-8")
    done = CliRunner().invoke(app, ["migrate", "plans", "--lang", "en"])
    assert done.exit_code == 0 and "plans/actors.yaml migrated from edition 1 to 2:" in done.stdout
    again = CliRunner().invoke(app, ["migrate", "--check", "plans", "--lang", "en"])
    assert again.exit_code == 0 and again.stdout == ""


# --- history across the upgrade ------------------------------------------------------------------


def test_a_diff_across_the_migration_shows_only_real_changes(tmp_path: Path) -> None:
    root = plans_repo(tmp_path, _old_plans(tmp_path / "old"))
    (root / "region.yaml").write_text(REGION.read_text(encoding="utf-8").replace("schema_version: 2", "schema_version: 1"), encoding="utf-8")
    git(root, "add", "region.yaml")
    git(root, "commit", "-q", "-m", "region, edition 1")
    git(root, "tag", "-a", "upplevelser/2026-2", "-m", "2026-2")
    done = migrate_paths([root / "plans"])
    assert {m.path.name for m in done if m.written} == {"actors.yaml", "upplevelser.yaml", "region.yaml"}
    plan = root / "plans" / "upplevelser.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("title: Cykelleder i Åre", "title: Cykelleder i Åre och Duved"), encoding="utf-8")
    git(root, "commit", "-q", "-am", "migrated, and one real change")
    with History(root) as history:
        old, new = history.load("upplevelser/2026-2"), history.load("HEAD")
    changes = diff_plansets(old, new)
    assert [(a.area.value, a.metadata, len(a.items)) for a in changes.areas] == [("upplevelser", (), 1)]
    (changed,) = changes.areas[0].items
    assert changed.id == "UPP-001" and [c.field for c in changed.changes] == ["title"]
    monkeypatch_dir = Path.cwd()
    try:
        os.chdir(root)
        shown = CliRunner().invoke(app, ["diff", "upplevelser/2026-2", "HEAD", "--lang", "en"])
    finally:
        os.chdir(monkeypatch_dir)
    assert shown.exit_code == 0, shown.stdout
    assert "Cykelleder i Åre och Duved" in shown.stdout and "schema_version" not in shown.stdout


@pytest.mark.slow
def test_rus_migrate_end_to_end(tmp_path: Path) -> None:
    folder = _old_plans(tmp_path)
    assert run_rus("migrate", "--check", "plans", cwd=tmp_path).returncode == 1
    done = run_rus("migrate", "plans", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "2 files migrated, 0 files already of edition 2" in done.stderr
    assert (folder / "upplevelser.yaml").read_text(encoding="utf-8") == (BASE / "upplevelser.yaml").read_text(encoding="utf-8")
    assert run_rus("migrate", "--check", "plans", cwd=tmp_path).returncode == 0


def test_fmt_puts_the_edition_first() -> None:
    from rus.writing.formatting import format_text

    text = (BASE / "upplevelser.yaml").read_text(encoding="utf-8")
    moved = text.replace("schema_version: 2\narea: upplevelser\n", "area: upplevelser\nschema_version: 2\n", 1)
    formatted = format_text(moved, "upplevelser.yaml")
    keys = [line.split(":")[0] for line in formatted.splitlines() if line and not line.startswith(("#", " "))]
    assert keys[:2] == ["schema_version", "area"]
