"""Output formats are a registry: every format a command offers is one entry that loads and renders."""

from __future__ import annotations

import functools
import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from rus.cli.ci import CiFormat
from rus.cli.history import DiffFormat
from rus.cli.validate import Format
from rus.plans.validation import validate_paths
from rus.render.registry import CHANGES, CI, VALIDATION, Output, Registry, auto_format


def _same(console: Console) -> Console:
    return console


def test_each_command_offers_exactly_its_registry() -> None:
    assert [f.value for f in Format if f.value != "auto"] == VALIDATION.names()
    assert sorted(f.value for f in CiFormat if f.value != "auto") == sorted(CI.names())
    assert sorted(f.value for f in DiffFormat) == sorted(CHANGES.names())


@pytest.mark.parametrize("registry", [VALIDATION, CI, CHANGES], ids=lambda r: r.what)
def test_every_renderer_loads(registry: Registry[object]) -> None:
    for name in registry.names():
        assert callable(registry[name].load()), name


def test_validation_formats_render_the_same_findings(tmp_path: Path) -> None:
    plan = tmp_path / "upplevelser.yaml"
    plan.write_text("area: upplevelser\nrevision: 2026-2\n  state: adopted\n", encoding="utf-8")
    result = validate_paths([plan], display_root=tmp_path)
    written: dict[str, str] = {}
    for name in VALIDATION.names():
        chunks: list[str] = []
        screen = io.StringIO()
        made = Console(file=screen, width=100, color_system=None)
        out = Output(functools.partial(_same, made), strict=True, write=chunks.append)
        VALIDATION[name](result, "en", out)
        written[name] = "".join(chunks) or screen.getvalue()
    assert json.loads(written["json"])["diagnostics"][0]["code"] == "Y001"
    assert all("Y001" in text for text in written.values()), written
    assert written["github"].startswith("::error ")


def test_auto_picks_github_annotations_only_inside_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert auto_format(VALIDATION, "auto") == "text"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert auto_format(VALIDATION, "auto") == "github"
    assert auto_format(CHANGES, "auto") == "text"  # no annotations for changes
    assert auto_format(VALIDATION, "sarif") == "sarif"
