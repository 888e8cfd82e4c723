"""The nesting-depth guard (Y010): its cheap line-prefix bound must never let a too-deep file through."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rus.plans.source import MAX_DEPTH, Source, _too_deep, parse_text
from tests.conftest import run_rus

PAD = "# " + "x" * 9000 + "\n"  # past the size below which no bound used to be computed


def _codes(text: str) -> list[str]:
    return [d.code for d in parse_text(text, Source("x.yaml")).diagnostics]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("compact sequences", "a:\n  " + "- " * 70 + "x\n"),
        ("block mappings", "".join("  " * i + f"k{i}:\n" for i in range(80)) + "  " * 80 + "x: 1\n"),
        ("anchored entries", "a:\n" + "".join("  " * i + f"- &a{i}\n" for i in range(70)) + "  " * 70 + "- x\n"),
        ("CR line breaks", "a: 1\r" + "".join("  " * i + f"k{i}:\r" for i in range(70)) + "  " * 70 + "x: 1\r"),
        ("flow brackets", "a: " + "[" * 70 + "]" * 70 + "\n"),
    ],
)
@pytest.mark.parametrize("pad", [False, True], ids=["short", "long"])
def test_too_deep_is_reported(name: str, text: str, pad: bool) -> None:
    text = PAD + text if pad else text
    assert _too_deep(text), name
    assert _codes(text) == ["Y010"]


@pytest.mark.parametrize(
    "text",
    [
        "a:\n  " + "- " * (MAX_DEPTH // 2) + "x\n",
        "".join("  " * i + f"k{i}:\n" for i in range(20)) + "  " * 20 + "x: &anchor 1\ny: *anchor\n",
        PAD + "a: [1, [2, [3]]]\nb: !!str 5\n",
    ],
)
def test_shallow_texts_pass(text: str) -> None:
    assert not _too_deep(text)
    assert "Y010" not in _codes(text)


def test_deep_compact_sequence_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    # 3,000 levels in 6 KB: once slipped past the guard and overflowed the builder's recursion.
    path = tmp_path / "deep.yaml"
    path.write_text("a:\n  " + "- " * 3000 + "x\n", encoding="utf-8")
    done = run_rus("validate", str(path), "--format", "json", cwd=tmp_path, timeout=60)
    assert "Traceback" not in done.stderr + done.stdout
    assert done.returncode == 1
    codes = [(d["line"], d["column"], d["code"]) for d in json.loads(done.stdout)["diagnostics"]]
    assert codes == [(2, 129, "Y010")]  # the mapping is level 1; the 64th "- " opens level 65
