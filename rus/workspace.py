"""Finding the plans: the repository you stand in, and its ``plans/`` folder."""

from __future__ import annotations

from pathlib import Path

from rus.codes import N_
from rus.errors import NotFoundError

PLANS_DIR = "plans"
SCHEMAS_DIR = "schemas"


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
