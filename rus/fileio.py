"""Writing files atomically: a temporary file in the same folder, flushed, then renamed over the target.

An interrupted run therefore leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import tempfile
from pathlib import Path


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, keeping the file's permission bits.

    A link is written through: its target is replaced, and the link stays a link.
    """
    if path.is_symlink():
        path = path.resolve()
    mode: int | None
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            tmp.chmod(mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            tmp.chmod(0o666 & ~umask)
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def write_text_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with UTF-8 ``text`` atomically (no newline translation)."""
    write_bytes_atomic(path, text.encode("utf-8"))


def unified_diff(before: str, after: str, display: str) -> str:
    """A unified diff between two versions of a file's text, as ``git diff`` shows it."""
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{display}",
            tofile=f"b/{display}",
        )
    )


def write_output(path: Path, text: str, *, append: bool = False, make_parents: bool = False) -> None:
    """Write (or append to) an output file atomically; a WriteError when that is not possible.

    The folder is created only with ``make_parents``: a missing folder is otherwise a mistake to
    report (e.g. a CI variable naming a folder that does not exist).
    """
    from rus.codes import N_
    from rus.errors import WriteError

    try:
        if make_parents:
            path.parent.mkdir(parents=True, exist_ok=True)
        if append and path.is_file():
            before = path.read_text(encoding="utf-8")
            if before and not before.endswith("\n"):
                before += "\n"
            text = before + text
        write_text_atomic(path, text)
    except OSError as exc:
        from rus.i18n import os_reason

        raise WriteError(
            N_("Cannot write {path}: {reason}"),
            N_("Check that the folder exists and that you may write to it."),
            path=str(path),
            reason=os_reason(exc),
        ) from None
