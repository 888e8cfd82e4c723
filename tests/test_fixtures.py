"""Data-driven invalid plans: each fixture yields exactly its expected (line, column, code) findings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rus.plans.validation import validate_paths
from tests.conftest import BASE, FIXTURES

INVALID = FIXTURES / "invalid"


def _expected() -> dict[str, list[tuple[int, int, str]]]:
    table: dict[str, list[tuple[int, int, str]]] = {}
    for raw in (INVALID / "EXPECTED").read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        name, *items = raw.split()
        table[name] = [(int(line), int(col), code) for line, col, code in (i.split(":") for i in items)]
    return table


EXPECTED = _expected()


def test_every_fixture_has_expectations() -> None:
    files = sorted(p.name for p in INVALID.glob("*.yaml"))
    assert files == sorted(EXPECTED)
    assert len(files) >= 40
    assert all(EXPECTED[name] for name in files), "every invalid fixture must have at least one finding"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_fixture(name: str, tmp_path: Path) -> None:
    shutil.copy(BASE / "actors.yaml", tmp_path / "actors.yaml")
    shutil.copy(INVALID / name, tmp_path / "upplevelser.yaml")
    result = validate_paths([tmp_path], display_root=tmp_path)
    found = [(d.line, d.column, d.code) for d in result.diagnostics]
    assert found == EXPECTED[name]
    assert result.failed(strict=True)
    for diagnostic in result.diagnostics:
        assert diagnostic.path in ("upplevelser.yaml", "actors.yaml")
        for lang in ("sv", "en"):
            assert diagnostic.message(lang)
            assert "{" not in diagnostic.message(lang), diagnostic.message(lang)
            assert "{" not in diagnostic.hint(lang), diagnostic.hint(lang)


def test_base_plan_is_valid(base_plans: Path) -> None:
    result = validate_paths([base_plans])
    assert result.diagnostics == []
