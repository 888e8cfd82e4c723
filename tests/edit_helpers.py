"""Helpers for the editing tests: a git repository holding a copy of the bundled plans, and diffs."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests import gitrepo

if TYPE_CHECKING:
    from rus.writing.editing import EditableFile

REPO = Path(__file__).resolve().parent.parent
PLANS = REPO / "plans"

#: The fixed identity and clock, for the environment of a ``rus`` that commits (``rus commit``, ``undo``).
GIT_ENV = {
    key: value
    for key, value in gitrepo.git_env(gitrepo.EDITOR).items()
    if key.startswith(("GIT_AUTHOR_", "GIT_COMMITTER_"))
}


def git(root: Path, *args: str) -> str:
    """Run git in ``root`` with a fixed author and clock; return its stdout (``tests.gitrepo.git``)."""
    return gitrepo.git(root, *args, identity=gitrepo.EDITOR)


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
        gitrepo.new_repo(made, gitrepo.EDITOR, branch=None).commit_all("plans")
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


def edits_never_local(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every edit of one item's lines fail its comment check as not local, so that the edit
    falls back to the whole file (which is then checked as usual)."""
    from rus.writing import editing

    real = editing._check_comments

    def not_local(doc: EditableFile, after: str) -> None:
        if doc.block is not None:
            raise editing.NotLocalError
        return real(doc, after)

    monkeypatch.setattr(editing, "_check_comments", not_local)


def spy_slow_reader(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts ``rus fmt``'s meaning check gives ruamel.yaml to read, as it reads them."""
    from rus.writing import formatting

    read: list[str] = []
    real = formatting._ruamel_data

    def spy(piece: str) -> object:
        read.append(piece)
        return real(piece)

    monkeypatch.setattr(formatting, "_ruamel_data", spy)
    return read
