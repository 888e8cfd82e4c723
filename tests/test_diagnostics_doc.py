"""docs/diagnostics.md's table of codes is generated from rus.base.codes and kept in step."""

from __future__ import annotations

import pytest

from rus.base import diagnostics_doc
from rus.base.codes import CODES


def test_committed_table_is_fresh() -> None:
    assert diagnostics_doc.main(["--check"]) == 0, "run `python -m rus.base.diagnostics_doc`"


def test_every_code_has_one_anchored_row() -> None:
    lines = diagnostics_doc.table().splitlines()
    rows = lines[3 : lines.index("")]
    assert [row.split("`")[1] for row in rows] == sorted(CODES, key=lambda c: ("FYSRHGMP".find(c[0]) % 99, c))
    for code in CODES:
        assert f'<a id="{code.lower()}"></a>' in diagnostics_doc.table()


def test_a_changed_code_makes_the_document_stale() -> None:
    current = diagnostics_doc.DOC.read_text(encoding="utf-8")
    edited = current.replace("| `F001` | `unreadable` |", "| `F001` | `unreadable-old` |")
    assert edited != current
    assert diagnostics_doc.updated(edited) == current  # regenerating restores the table
    assert diagnostics_doc.updated(current) == current


def test_cells_cannot_break_the_table() -> None:
    assert diagnostics_doc._cell("a | b\nc") == "a \\| b c"


def test_missing_markers_are_an_error() -> None:
    with pytest.raises(ValueError):
        diagnostics_doc.updated("# no table here\n")
