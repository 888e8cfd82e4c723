"""The bottom of the package (rus.base.vocab) finds the region through a finder the region file installs,
instead of importing rus.plans.regionfile (which would import upward and close a cycle)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import rus.plans.models  # noqa: F401 - the plan model installs the region finder
from rus.base import vocab
from rus.plans import regionfile


def test_the_plan_model_installs_the_region_files_finder() -> None:
    assert vocab._finder is regionfile.default_region


def test_the_finder_is_asked_when_no_region_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    found = vocab.active_region()
    asked: list[bool] = []

    def finder() -> vocab.RegionVocabularies:
        asked.append(True)
        return found

    monkeypatch.setattr(vocab, "_finder", finder)
    previous = vocab.set_region(None)
    try:
        assert vocab.active_region() is found
        assert asked == [True]
        vocab.set_region(None)
        monkeypatch.setattr(vocab, "_finder", None)
        with pytest.raises(RuntimeError, match="no region"):
            vocab.active_region()
    finally:
        vocab.set_region(previous)


def test_vocab_imports_nothing_of_rus() -> None:
    tree = ast.parse(Path(vocab.__file__).read_text(encoding="utf-8"))
    imported = [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    imported += [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    assert [name for name in imported if name and name.split(".")[0] == "rus"] == []
