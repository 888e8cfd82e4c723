"""`rus commit` says which plan files `rus fmt --check` would reject without proving their layout
safe (the slow reader reads nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from rus.writing import formatting
from tests.conftest import rus_in_process
from tests.edit_helpers import GIT_ENV, PLANS, git, plans_repo, spy_slow_reader

ENV = {"RUS_LANG": "en", **GIT_ENV}


def _rewritten(root: Path) -> Path:
    """upplevelser.yaml written again by another YAML writer: every item's lines change."""
    plan = root / "plans" / "upplevelser.yaml"
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    data["activities"][0]["progress"] = 5
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    return plan


def test_commit_names_a_file_out_of_layout_without_reading_it_with_ruamel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = plans_repo(tmp_path)
    _rewritten(root)
    read = spy_slow_reader(monkeypatch)
    done = rus_in_process("commit", cwd=root, env=ENV)
    assert done.returncode == 0, done.stderr
    assert "plans/upplevelser.yaml is not in the canonical layout" in done.stderr
    assert "plans/digitala-losningar.yaml" not in done.stderr  # in the layout: not named
    assert read == []
    assert "progress: 5" in git(root, "show", "HEAD:plans/upplevelser.yaml")
    # `rus fmt` (and `commit --fmt`) still prove the layout safe before writing it:
    # tests/test_splice.py::test_fmt_reads_only_the_changed_items_with_ruamel


def test_in_layout_agrees_with_format_text() -> None:
    text = (PLANS / "upplevelser.yaml").read_text(encoding="utf-8")
    assert formatting.in_layout(text, "upplevelser.yaml")
    moved = text.replace("\narea: ", "\narea:    ", 1)
    assert formatting.format_text(moved, "upplevelser.yaml") != moved
    assert not formatting.in_layout(moved, "upplevelser.yaml")
    with pytest.raises(formatting.FormatError):
        formatting.in_layout("a: [\n", "upplevelser.yaml")
