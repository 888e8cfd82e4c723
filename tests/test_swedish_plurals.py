"""Counts are said with gettext's plural rules in both languages, not by hand ("1 rättelser gjorda")."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import BASE, rus_in_process


def _one_misspelling(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    shutil.copytree(BASE, folder)
    plan = folder / "upplevelser.yaml"
    text = plan.read_text(encoding="utf-8")
    assert "    status: ongoing\n" in text
    plan.write_text(text.replace("    status: ongoing\n", "    status: ongoingg\n", 1), encoding="utf-8")
    return folder


def test_fix_counts_one_repair_in_the_singular(tmp_path: Path) -> None:
    folder = _one_misspelling(tmp_path)
    done = rus_in_process("fix", "--dry-run", str(folder), cwd=tmp_path, env={"RUS_LANG": "sv"})
    assert "1 rättelse skulle göras (inget skrevs)" in done.stderr
    done = rus_in_process("fix", str(folder), cwd=tmp_path, env={"RUS_LANG": "sv"})
    assert "1 rättelse gjord" in done.stderr
    done = rus_in_process("fix", str(folder), cwd=tmp_path)
    assert "0 repairs made" in done.stderr


def test_fmt_counts_files(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    shutil.copytree(BASE, folder)  # the base fixtures are not in the canonical layout
    done = rus_in_process("fmt", "--check", str(folder), cwd=tmp_path, env={"RUS_LANG": "sv"})
    assert "2 filer skulle formateras om, 0 redan formaterade" in done.stderr
    done = rus_in_process("fmt", str(folder / "actors.yaml"), cwd=tmp_path, env={"RUS_LANG": "sv"})
    assert "1 fil omformaterad, 0 redan formaterade" in done.stderr
    done = rus_in_process("fmt", "--check", str(folder / "actors.yaml"), cwd=tmp_path)
    assert "0 files would be reformatted, 1 already formatted" in done.stderr


def test_validate_counts_errors(tmp_path: Path) -> None:
    folder = _one_misspelling(tmp_path)
    done = rus_in_process("validate", str(folder), cwd=tmp_path, env={"RUS_LANG": "sv"})
    assert "1 fel, 0 varningar i 1 fil (2 filer kontrollerade)" in done.stdout
    done = rus_in_process("validate", str(folder), cwd=tmp_path)
    assert "1 error, 0 warnings in 1 file (2 files checked)" in done.stdout
