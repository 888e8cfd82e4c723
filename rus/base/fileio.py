"""Writing plan files safely: atomically, and one writer at a time.

A file is written to a temporary file in the same folder, flushed, then renamed over the target,
so an interrupted run leaves either the old file or the new one, never half of one.

Every command that writes plan files (the edit commands, ``fmt``, ``fix``, ``init``, ``commit``)
holds the plans' write lock (:func:`write_lock`) from before it reads them until it has written,
so that two edits at the same time are made one after the other and neither is lost. The lock is
an advisory lock (``flock``) on ``rus.lock`` in the repository's git folder (outside a repository:
``.rus.lock`` in the plans folder); the kernel releases it when its process ends, however it ends,
so no lock is ever left behind. A writer waits for it at most ``RUS_LOCK_TIMEOUT`` seconds
(default 10), then gives up with exit code 5 having written nothing.
"""

from __future__ import annotations

import contextlib
import difflib
import errno
import math
import os
import re
import secrets
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, keeping the file's permission bits.

    A link is written through: its target is replaced, and the link stays a link.
    """
    if path.is_symlink():
        path = path.resolve()
    mode: int
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    if _holds_lock(path):
        _remove_leftovers(path)
    tmp = _written_aside(path, data, mode)
    try:
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def _written_aside(path: Path, data: bytes, mode: int) -> Path:
    """A new file beside ``path`` holding ``data``, on disk, under a temporary name.

    Where the system allows it (Linux), the file is written without a name (``O_TMPFILE``) and
    named only once it is complete, just before it is renamed over the target: a run killed while
    it writes leaves nothing behind.
    """
    if hasattr(os, "O_TMPFILE"):
        try:
            fd = os.open(path.parent, os.O_TMPFILE | os.O_WRONLY | os.O_CLOEXEC, 0o600)
        except OSError:  # a file system without unnamed files: write under a name instead
            fd = -1
        if fd >= 0:
            try:
                _fill(fd, data, mode)
                name = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
                with contextlib.suppress(OSError):  # no /proc: write under a name instead
                    _name_unnamed(fd, name)
                    return name
            finally:
                os.close(fd)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        _fill(fd, data, mode)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    finally:
        os.close(fd)
    return tmp


def _name_unnamed(fd: int, name: Path) -> None:
    """Give the unnamed file open as ``fd`` a name: ``linkat(…, AT_SYMLINK_FOLLOW)`` on its /proc entry.

    ``os.link`` calls plain ``link()``, which would link the /proc entry itself (EXDEV), unless
    it is given a folder descriptor; then it calls ``linkat`` with the flag.
    """
    folder = os.open(name.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_CLOEXEC)
    try:
        os.link(f"/proc/self/fd/{fd}", name.name, src_dir_fd=folder, dst_dir_fd=folder, follow_symlinks=True)
    finally:
        os.close(folder)


def _fill(fd: int, data: bytes, mode: int) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    if sys.platform != "win32":
        os.fchmod(fd, mode)
    os.fsync(fd)


def _holds_lock(path: Path) -> bool:
    counts: dict[str, int] = getattr(_held, "counts", {})
    return bool(counts) and bool(counts.get(str(lock_file(path))))


def _remove_leftovers(path: Path) -> None:
    """Remove the temporary files that writes of ``path`` killed midway left beside it.

    Called only under the plans' write lock, when no other rus command writes the file.
    """
    prefix = f".{path.name}."
    with contextlib.suppress(OSError):
        for other in path.parent.iterdir():
            if other.name.startswith(prefix) and other.name.endswith(".tmp") and other.is_file() and not other.is_symlink():
                with contextlib.suppress(OSError):
                    other.unlink()


def write_text_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with UTF-8 ``text`` atomically (no newline translation)."""
    write_bytes_atomic(path, text.encode("utf-8"))


def unified_diff(before: str, after: str, display: str) -> str:
    """A unified diff between two versions of a file's text, as ``git diff`` shows it.

    Only the lines between the first and the last that differ (and three of context around them)
    are compared: an edit of one line in a large plan does not have difflib match its whole text.
    """
    old = before.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    skip, keep_end = max(start - _CONTEXT, 0), max(end - _CONTEXT, 0)
    lines = difflib.unified_diff(old[skip:len(old) - keep_end], new[skip:len(new) - keep_end],
                                 fromfile=f"a/{display}", tofile=f"b/{display}")
    if not skip:
        return "".join(lines)
    return "".join(_HUNK.sub(lambda m: _shifted(m, skip), line) if line.startswith(_HUNK_MARK) else line for line in lines)


_CONTEXT = 3  # difflib's lines of context
_HUNK_MARK = "@" * 2  # (not written "@@": a text beginning with "@" is a message id to rus.base.i18n)
_HUNK = re.compile(r"^@@ -([0-9]+)(,[0-9]+)? \+([0-9]+)(,[0-9]+)? @@")


def _shifted(match: re.Match[str], lines: int) -> str:
    """A hunk header of a diff of a part of two texts, for the whole texts (``lines`` before the part)."""
    old, old_count, new, new_count = match.groups()
    return f"{_HUNK_MARK} -{int(old) + lines}{old_count or ''} +{int(new) + lines}{new_count or ''} {_HUNK_MARK}"


def write_output(path: Path, text: str, *, append: bool = False, make_parents: bool = False) -> None:
    """Write (or append to) an output file atomically; a WriteError when that is not possible.

    The folder is created only with ``make_parents``: a missing folder is otherwise a mistake to
    report (e.g. a CI variable naming a folder that does not exist).
    """
    from rus.base.codes import N_
    from rus.base.errors import WriteError

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
        from rus.base.i18n import os_reason

        raise WriteError(
            N_("Cannot write {path}: {reason}"),
            N_("Check that the folder exists and that you may write to it."),
            path=str(path),
            reason=os_reason(exc),
        ) from None


# --- one writer at a time ------------------------------------------------------------------------

#: Seconds a writer waits for the lock before it gives up (``RUS_LOCK_TIMEOUT`` overrides it).
LOCK_TIMEOUT = 10.0
#: The lock file's name in the git folder (outside a repository: hidden, in the plans folder).
LOCK_NAME = "rus.lock"

#: Set by a command that holds the lock for the programs it runs (git's hooks during ``rus commit``,
#: which may run ``rus fmt``): a rus command that finds its own lock file named here does not wait
#: for it, as its parent holds it on its behalf.
LOCK_ENV = "RUS_LOCK_HELD"

# Locks this process holds, by lock file, with how often each is held: an edit that calls another
# (cancel calls status) takes the lock once. Per thread, as flock is per open file.
_held = threading.local()


def lock_timeout() -> float:
    """The seconds to wait for the lock: ``RUS_LOCK_TIMEOUT``, else :data:`LOCK_TIMEOUT`."""
    from rus.base.codes import N_
    from rus.base.errors import UsageError

    raw = os.environ.get("RUS_LOCK_TIMEOUT", "").strip()
    if not raw:
        return LOCK_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not (math.isfinite(value) and value >= 0):
        raise UsageError(N_("RUS_LOCK_TIMEOUT must be a number of seconds, not `{value}`"),
                         N_("E.g. RUS_LOCK_TIMEOUT=30 to wait up to 30 seconds."), value=raw)
    return value


def lock_file(target: Path) -> Path:
    """The lock file of the plans at ``target`` (a plan file or a folder).

    One lock per repository (an edit reads the files beside the one it writes, and ``rus commit``
    reads them all), kept in its git folder, where it is never committed; outside a repository, one
    per folder of plans.
    """
    return _lock_place(target)[0]


def _lock_place(target: Path) -> tuple[Path, Path]:
    """The lock file of the plans at ``target``, and the repository or folder it guards."""
    from rus.base.workspace import find_root, git_dir

    folder = target if target.is_dir() else target.parent
    root = find_root(folder)
    if root is None:
        return folder.resolve() / f".{LOCK_NAME}", folder.resolve()
    git = git_dir(root)
    return (git / LOCK_NAME if git is not None else root / f".{LOCK_NAME}"), root


@contextlib.contextmanager
def write_lock(target: Path, timeout: float | None = None) -> Iterator[Path]:
    """Hold the write lock of the plans at ``target`` (waiting at most ``timeout`` seconds for it).

    Read what you are going to change only once you hold it. Raises
    :class:`~rus.base.errors.LockedError` when another process keeps it for longer than the wait.
    """
    path, guarded = _lock_place(target)
    held: dict[str, int] = _held.__dict__.setdefault("counts", {})
    key = str(path)
    if held.get(key) or os.environ.get(LOCK_ENV) == key:
        held[key] = held.get(key, 0) + 1
        try:
            yield path
        finally:
            held[key] -= 1
            if not held[key]:
                del held[key]
        return
    fd = _acquire(path, guarded, lock_timeout() if timeout is None else timeout)
    if fd < 0:
        yield path
        return
    held[key] = 1
    try:
        yield path
    finally:
        del held[key]
        _release(path, fd)


def _acquire(path: Path, guarded: Path, timeout: float) -> int:
    from rus.base.codes import N_
    from rus.base.errors import LockedError

    deadline = time.monotonic() + timeout
    pause = 0.005
    while True:
        fd = _open_lock(path, beside_plans=path.parent == guarded)
        if fd < 0:
            return fd
        if _try_lock(fd, path):
            if _same_file(fd, path):
                return fd
            os.close(fd)  # its last holder removed it meanwhile: lock the one at the path now
            continue
        os.close(fd)
        left = deadline - time.monotonic()
        if left <= 0:
            raise LockedError(
                N_("Another rus command is writing the plans in {folder}; after waiting {seconds} s, nothing was written"),
                N_("Run the command again when the other one has finished. RUS_LOCK_TIMEOUT sets how many seconds to wait."),
                folder=str(guarded), seconds=f"{timeout:g}",
            )
        time.sleep(min(pause, left))
        pause = min(pause * 2, 0.1)


def _open_lock(path: Path, *, beside_plans: bool) -> int:
    """The lock file, opened (created if need be); -1 for a plans folder outside git that no one may write in."""
    from rus.base.codes import N_
    from rus.base.errors import WriteError

    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        return os.open(path, flags, 0o644)
    except OSError as exc:
        if beside_plans and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return -1  # nothing can be written there, so nothing to guard: `rus fmt` on a read-only folder finds nothing to do
        # worded as the write that would fail next: the lock file goes where the plans' folder or git folder is
        raise WriteError(N_("{path} cannot be written: {reason}"),
                         N_("Check that the folder exists and that you are allowed to write in it."),
                         path=str(path), reason=exc.strerror or str(exc)) from None


def _cannot_lock(path: Path, exc: OSError) -> Exception:
    from rus.base.codes import N_
    from rus.base.errors import WriteError

    return WriteError(N_("The lock file {path} cannot be locked: {reason}"),
                      N_("Keep the plans on a local disk, or on a network share that supports file locks."),
                      path=str(path), reason=exc.strerror or str(exc))


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int, path: Path) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except PermissionError:
            return False
        except OSError as exc:
            if exc.errno in (13, 36):  # EACCES, EDEADLOCK: held by another process
                return False
            os.close(fd)
            raise _cannot_lock(path, exc) from None
        return True

    def _same_file(fd: int, path: Path) -> bool:
        return True  # Windows does not remove an open file, so the lock file is never replaced

    def _release(path: Path, fd: int) -> None:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        finally:
            os.close(fd)

else:
    import fcntl

    def _try_lock(fd: int, path: Path) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError as exc:  # e.g. a file system without locks
            os.close(fd)
            raise _cannot_lock(path, exc) from None
        return True

    def _same_file(fd: int, path: Path) -> bool:
        try:
            now = path.lstat()
        except FileNotFoundError:
            return False
        held = os.fstat(fd)
        return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)

    def _release(path: Path, fd: int) -> None:
        # Removed while still locked, so that no lock file is left behind; a waiter that opened it
        # before sees that it is gone (_same_file) and locks the path anew.
        try:
            with contextlib.suppress(OSError):
                path.unlink()
        finally:
            os.close(fd)
