"""Finding the plans: the repository you stand in, its ``plans/`` folder, and what may be read there.

Plans are read only from inside their repository (or, outside any repository, from inside the
folder given): a plan, actor file or folder that is a symbolic link leading elsewhere, or into the
repository's ``.git`` folder, is never opened (:func:`leads_outside`). A pull request could
otherwise add ``plans/x.yaml -> ../.git/config`` and have CI print the checkout's token.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from rus.base.codes import N_
from rus.base.errors import NotFoundError

PLANS_DIR = "plans"
SCHEMAS_DIR = "schemas"
GIT_DIR = ".git"

#: Where a link that is not followed leads (message ids, rendered in the diagnostic's language).
OUTSIDE_REPOSITORY = "@outside the repository"
OUTSIDE_FOLDER = "@outside the folder given"
INTO_GIT = "@into the repository's .git folder"


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that is a git repository's root (has ``.git``)."""
    current = start.resolve()
    for folder in (current, *current.parents):
        if (folder / ".git").exists():
            return folder
    return None


def project_root(start: Path) -> Path:
    """The repository root above ``start``, else ``start`` itself (a plain folder of plans)."""
    return find_root(start) or start.resolve()


def default_plans_dir(start: Path) -> Path:
    """The ``plans/`` folder of the repository you stand in (walking up to its root)."""
    root = find_root(start)
    for base in ([root] if root else []) + [start.resolve()]:
        candidate = base / PLANS_DIR
        if candidate.is_dir():
            return candidate
    raise NotFoundError(
        N_("No plans/ folder found in {start} or in the root of its git repository"),
        N_("Stand in a plans repository, name the files or folders to check, or create one with `rus init`."),
        start=str(start),
    )


def display_path(path: Path, root: Path | None) -> str:
    """``path`` as shown to people: relative to ``root`` where it lies below it, else as given.

    ``absolute()`` is tried before ``resolve()``, so that a link is shown under its own name.
    """
    if root is not None:
        for inner, outer in ((path.absolute(), root.absolute()), (path.absolute(), root.resolve()), (path.resolve(), root.resolve())):
            try:
                return str(inner.relative_to(outer))
            except ValueError:
                continue
    return str(path)


def git_dir(root: Path) -> Path | None:
    """The git folder of the repository at ``root``: ``.git``, or where a ``.git`` file points (worktrees, submodules)."""
    dot_git = root / GIT_DIR
    if dot_git.is_dir():
        return dot_git
    try:
        first = dot_git.read_text(encoding="utf-8", errors="replace").splitlines()[0]
    except (OSError, IndexError):
        return None
    if not first.startswith("gitdir:"):
        return None
    found = (root / first.removeprefix("gitdir:").strip()).resolve()
    return found if found.is_dir() else None


# --- what may be read ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Boundary:
    """Where the plans reached from a path given may lie: its repository, else the folder given."""

    #: The root as written (absolute, links not followed), to name the link that leads out.
    given: Path
    #: The same root with every link followed: what the plans must resolve to lie under.
    real: Path
    repository: bool


@dataclass(frozen=True)
class Outside:
    """A path that leads out of its :class:`Boundary` (through a symbolic link) or into ``.git``; it is not read."""

    path: Path
    #: The link that leads out: ``path`` itself, or a folder above it (``plans`` may be the link);
    #: None for a path into ``.git`` with no link on the way (``plans/../.git/config``).
    link: Path | None
    #: Where the link points, as written in it.
    target: str
    #: Where that is, as a message id (``@…``): outside the repository or folder, or into ``.git``.
    where: str


def boundary_of(given: Path) -> Boundary:
    """The boundary of a path named on the command line (or found as the default plans folder).

    Inside a git repository it is the repository's root, found from the path as written, so that
    ``plans`` being a link out of the repository is caught. Outside any repository it is the folder
    given (for a file: the folder it is in).
    """
    absolute = Path(os.path.abspath(given))  # noqa: PTH100 - as written: resolve() would follow the links
    for folder in (absolute, *absolute.parents):
        if (folder / GIT_DIR).exists():
            return Boundary(folder, Path(os.path.realpath(folder)), True)
    base = absolute if absolute.is_dir() else absolute.parent
    return Boundary(base, Path(os.path.realpath(base)), False)


def leads_outside(path: Path, boundary: Boundary, *, writing: bool = False) -> Outside | None:
    """How ``path`` leads out of ``boundary`` through a link (None: it lies inside and may be used).

    For reading, a link whose destination does not exist is left to the reader, which reports it as
    a file that cannot be read (nothing is there to leak). For ``writing`` it leads out all the
    same: writing through it would create its destination.
    """
    real = Path(os.path.realpath(path))
    try:
        inside = real.relative_to(boundary.real)
    except ValueError:
        where = OUTSIDE_REPOSITORY if boundary.repository else OUTSIDE_FOLDER
    else:
        if GIT_DIR not in inside.parts:
            return None
        where = INTO_GIT
    if not writing and not real.exists():
        return None
    link = _first_link(Path(os.path.abspath(path)), boundary.given)  # noqa: PTH100 - links not followed
    if link is None and where == INTO_GIT:
        return Outside(path, None, str(real), where)  # named into .git, no link on the way
    link = link or path
    try:
        target = str(link.readlink())
    except OSError:
        target = str(real)
    return Outside(path, link, target, where)


def neighbour_texts(path: Path) -> dict[str, str]:
    """The texts of the plan files and actor registry beside ``path``, by file name (what a check of
    one file needs to see its plan set); files that lead outside or cannot be read are left out."""
    texts: dict[str, str] = {}
    boundary = boundary_of(path.parent)
    for other in sorted(path.parent.iterdir()):
        if other.suffix in (".yaml", ".yml") and other.is_file() and other.name != path.name \
                and leads_outside(other, boundary) is None:
            try:
                texts[other.name] = other.read_bytes().decode("utf-8")
            except (OSError, UnicodeDecodeError):
                continue
    return texts

def _first_link(path: Path, base: Path) -> Path | None:
    """The first symbolic link on the way from ``base`` down to ``path`` (None when there is none)."""
    try:
        steps = path.relative_to(base).parts
    except ValueError:
        return path if path.is_symlink() else None
    current = base
    for step in steps:
        current = current / step
        if current.is_symlink():
            return current
    return None
