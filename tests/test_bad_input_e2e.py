"""Bad input never wins: each case through the ``rus`` command line, from the file on disk to the output.

The cases run in process (typer's CliRunner over the same app, ``rus_in_process``), where an
exception that escapes the command fails the test; the one case that could hang (a FIFO among the
plans) runs the installed ``rus`` in a subprocess with a time-out. A traceback, a hang or a silent
pass fails these tests.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import BASE, run_rus, rus_in_process


def _folder(tmp_path: Path, plan: bytes | None = None) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(BASE / "actors.yaml", folder / "actors.yaml")
    if plan is not None:
        (folder / "upplevelser.yaml").write_bytes(plan)
    return folder


def _codes(tmp_path: Path, folder: Path, *extra: str, subprocess: bool = False) -> list[tuple[str, int, int, str]]:
    args = ("validate", str(folder), "--format", "json", *extra)
    done = run_rus(*args, cwd=tmp_path, timeout=60) if subprocess else rus_in_process(*args, cwd=tmp_path)
    assert "Traceback" not in done.stderr + done.stdout
    data = json.loads(done.stdout)
    assert done.returncode == (1 if data["summary"]["errors"] else 0)
    return [(Path(d["path"]).name, d["line"], d["column"], d["code"]) for d in data["diagnostics"]]


BASE_TEXT = (BASE / "upplevelser.yaml").read_bytes()


def test_valid_plan_passes(tmp_path: Path) -> None:
    assert _codes(tmp_path, _folder(tmp_path, BASE_TEXT)) == []


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + BASE_TEXT.replace(b"\n", b"\r\n")
    assert _codes(tmp_path, _folder(tmp_path, data)) == []


def test_bom_and_crlf_positions_stay_right(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + BASE_TEXT.replace(b"    status: ongoing", b"    status: ongoign").replace(b"\n", b"\r\n")
    assert _codes(tmp_path, _folder(tmp_path, data)) == [("upplevelser.yaml", 55, 13, "S003")]


def test_latin1_names_the_encoding(tmp_path: Path) -> None:
    folder = _folder(tmp_path, BASE_TEXT.decode("utf-8").encode("cp1252"))
    done = rus_in_process("validate", str(folder), cwd=tmp_path)
    assert done.returncode == 1
    assert "upplevelser.yaml" in done.stdout
    assert "8:13" in done.stdout and "F002" in done.stdout
    assert "Windows-1252" in done.stdout
    assert "Traceback" not in done.stderr


def test_binary_file(tmp_path: Path) -> None:
    folder = _folder(tmp_path, b"\x7fELF\x02\x01\x01\0\0\0" + bytes(range(256)))
    assert _codes(tmp_path, folder) == [("upplevelser.yaml", 1, 1, "F003")]


def test_object_tags_are_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    evil = BASE_TEXT.replace(
        b"vision: En levande destination \xc3\xa5ret runt.",
        b'vision: !!python/object/apply:os.system ["touch ' + str(marker).encode() + b'"]',
    )
    codes = _codes(tmp_path, _folder(tmp_path, evil))
    assert ("upplevelser.yaml", 11, 9, "Y008") in codes
    assert not marker.exists()


def test_alias_bomb_is_bounded(tmp_path: Path) -> None:
    lines = ["area: upplevelser", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 12):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    folder = _folder(tmp_path, ("\n".join(lines) + "\n").encode())
    assert _codes(tmp_path, folder) == [("upplevelser.yaml", 1, 1, "Y009")]


def test_very_deep_nesting(tmp_path: Path) -> None:
    depth = 100_000
    folder = _folder(tmp_path, b"area: upplevelser\nvision: " + b"[" * depth + b"]" * depth + b"\n")
    # the mapping is level 1, so the 64th bracket (column 9 + 63) opens level 65
    assert _codes(tmp_path, folder) == [("upplevelser.yaml", 2, 72, "Y010")]


def test_deep_block_nesting(tmp_path: Path) -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(200))
    folder = _folder(tmp_path, text.encode())
    # the mapping of k64 on line 65, indented 128 spaces, is level 65
    assert _codes(tmp_path, folder) == [("upplevelser.yaml", 65, 129, "Y010")]


def test_very_large_file(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    with (folder / "upplevelser.yaml").open("wb") as handle:
        handle.write(BASE_TEXT)
        chunk = (b"# " + b"x" * 1021 + b"\n") * 1024
        for _ in range(26):
            handle.write(chunk)
    done = rus_in_process("validate", str(folder), cwd=tmp_path)
    assert done.returncode == 1
    assert "F004" in done.stdout and "larger than the limit of 25 MB" in done.stdout


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("tabs", BASE_TEXT.replace(b"    name: \xc3\x85ret", b"\tname: \xc3\x85ret"), ("upplevelser.yaml", 14, 1, "Y002")),
        ("duplicate", BASE_TEXT.replace(b"state: adopted\n", b"state: adopted\nstate: draft\n"), ("upplevelser.yaml", 6, 1, "Y003")),
        ("quote", BASE_TEXT.replace(b"  place: Fun", b'  place: "Fun'), ("upplevelser.yaml", 8, 10, "Y004")),
        ("conflict", BASE_TEXT.replace(b"state: adopted\n", b"<<<<<<< HEAD\nstate: adopted\n=======\n>>>>>>> x\n"), ("upplevelser.yaml", 5, 1, "Y005")),
        ("documents", BASE_TEXT + b"---\narea: upplevelser\n", ("upplevelser.yaml", 108, 1, "Y006")),
        ("list", b"- a\n- b\n", ("upplevelser.yaml", 1, 1, "Y007")),
        ("empty", b"", ("upplevelser.yaml", 1, 1, "F005")),
    ],
)
def test_yaml_syntax_cases(tmp_path: Path, name: str, text: bytes, expected: tuple[str, int, int, str]) -> None:
    assert _codes(tmp_path, _folder(tmp_path, text))[0] == expected


def test_fifo_does_not_hang(tmp_path: Path) -> None:
    folder = _folder(tmp_path, BASE_TEXT)
    os.mkfifo(folder / "pipe.yaml")
    assert _codes(tmp_path, folder, subprocess=True) == [("pipe.yaml", 1, 1, "F001")]
    text = run_rus("validate", str(folder), "--format", "text", cwd=tmp_path, timeout=60)
    assert text.returncode == 1
    assert "not a regular file" in text.stdout


def test_broken_link_is_reported(tmp_path: Path) -> None:
    folder = _folder(tmp_path, BASE_TEXT)
    (folder / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    assert _codes(tmp_path, folder) == [("gone.yaml", 1, 1, "F001")]


def test_unreadable_folder_entry(tmp_path: Path) -> None:
    folder = _folder(tmp_path, BASE_TEXT)
    (folder / "odd.yaml").mkdir()
    (folder / "odd.yaml" / "inner.yaml").write_bytes(BASE_TEXT.replace(b"UPP-", b"UPP-9"))
    codes = _codes(tmp_path, folder)
    assert codes and all(code[0] == "inner.yaml" for code in codes)


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    done = rus_in_process("validate", str(tmp_path / "nope"), cwd=tmp_path)
    assert done.returncode == 2
    assert "No such file or folder" in done.stderr
    assert "nope" in done.stderr


def test_unknown_option_is_a_usage_error(tmp_path: Path) -> None:
    done = rus_in_process("validate", "--frmat", "json", cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_swedish_from_the_locale(tmp_path: Path) -> None:
    folder = _folder(tmp_path, BASE_TEXT.replace(b"    status: ongoing", b"    status: ongoign"))
    env = {"LANG": "sv_SE.UTF-8", "RUS_LANG": ""}
    done = rus_in_process("validate", str(folder), cwd=tmp_path, env=env)
    assert done.returncode == 1
    assert "är inte ett tillåtet värde" in done.stdout
