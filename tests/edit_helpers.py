"""Helpers for the editing tests: a git repository holding a copy of the bundled plans, and diffs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PLANS = REPO / "plans"

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Person",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test Person",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_AUTHOR_DATE": "2026-11-01T10:00:00+01:00",
    "GIT_COMMITTER_DATE": "2026-11-01T10:00:00+01:00",
}


def git(root: Path, *args: str) -> str:
    """Run git in ``root`` with a fixed author and clock; return its stdout."""
    import os

    env = {**os.environ, **GIT_ENV}
    done = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def plans_repo(tmp_path: Path, source: Path = PLANS) -> Path:
    """A git repository with a copy of ``source`` (the bundled plans) as plans/, committed; returns its root.

    The repository is made once per process and ``source`` content, then copied (``.git`` too): the
    same commit, as the author and clock are fixed.
    """
    root = tmp_path / "repo"
    shutil.copytree(_template(source), root, symlinks=True)
    return root


#: Repositories made by :func:`plans_repo`, by the source folder and the state of its files.
_TEMPLATES: dict[tuple[object, ...], Path] = {}


def _template(source: Path) -> Path:
    files = sorted(p for p in source.rglob("*") if p.is_file())
    key = (source, *((str(p.relative_to(source)), p.stat().st_size, p.stat().st_mtime_ns) for p in files))
    made = _TEMPLATES.get(key)
    if made is None:
        import atexit
        import tempfile

        made = Path(tempfile.mkdtemp(prefix="rus-plans-repo-")) / "repo"
        atexit.register(shutil.rmtree, made.parent, True)
        shutil.copytree(source, made / "plans")
        git(made, "init", "-q")
        git(made, "config", "user.name", "Test Person")
        git(made, "config", "user.email", "test@example.org")
        git(made, "add", "plans")
        git(made, "commit", "-q", "-m", "plans")
        _TEMPLATES[key] = made
    return made


def changed_lines(root: Path) -> tuple[list[str], list[str]]:
    """The removed and added lines of the working tree against HEAD (``git diff``)."""
    removed: list[str] = []
    added: list[str] = []
    for line in git(root, "diff", "--unified=0").splitlines():
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("-"):
            removed.append(line[1:])
        elif line.startswith("+"):
            added.append(line[1:])
    return removed, added


def comment_lines(text: str) -> list[str]:
    """The lines of a text that are, or end in, a comment (a rough check independent of rus)."""
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]
