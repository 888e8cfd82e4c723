"""``rus init``: a new plans repository, so that another region can start from a working set-up.

It holds ``plans/`` with one commented template per strength area and an actor registry, the JSON
Schemas in ``schemas/``, a ``.gitignore``, an editor setting that binds the schemas to the plan
files (``.vscode/settings.json``), and a git repository with a first commit. Every template passes
``rus validate`` and ``rus fmt --check`` as it is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from string import Template

from rus.codes import N_
from rus.errors import GitError, UsageError, WriteError
from rus.i18n import os_reason
from rus.vocab import AREA_PREFIX, Area

TEMPLATES = Path(__file__).parent / "templates"
PLANS_DIR = "plans"
SCHEMAS_DIR = "schemas"


@dataclass
class InitResult:
    """What ``rus init`` created."""

    root: Path
    files: list[Path] = field(default_factory=list)
    commit: str | None = None


def revision_for(day: date) -> str:
    """The revision a meeting on ``day`` gives: spring (January to June) YYYY-1, autumn YYYY-2."""
    return f"{day.year}-{1 if day.month <= 6 else 2}"


def plan_template(area: Area, today: date) -> str:
    """The commented template of one area's plan."""
    text = (TEMPLATES / "plan.yaml.tmpl").read_text(encoding="utf-8")
    return Template(text).substitute(
        area=area.value,
        area_sv=area.text("sv"),
        prefix=AREA_PREFIX[area],
        revision=revision_for(today),
        date=today.isoformat(),
        year=today.year,
        target_year=today.year + 4,
    )


def actors_template() -> str:
    """The commented template of the actor registry."""
    text = (TEMPLATES / "actors.yaml.tmpl").read_text(encoding="utf-8")
    ladder = "\n".join(f"      {area.value}: does" for area in Area)
    return Template(text).substitute(ladder=ladder)


def editor_settings() -> str:
    """VS Code settings binding the schemas to the plan files (for the YAML extension)."""
    plans = [f"{PLANS_DIR}/{area.value}.yaml" for area in Area]
    settings = {
        "yaml.schemas": {
            f"./{SCHEMAS_DIR}/plan.schema.json": plans,
            f"./{SCHEMAS_DIR}/actors.schema.json": [f"{PLANS_DIR}/actors.yaml"],
        },
        "yaml.format.enable": False,
        "editor.insertSpaces": True,
        "[yaml]": {"editor.tabSize": 2, "editor.insertSpaces": True},
    }
    return json.dumps(settings, indent=2, ensure_ascii=False) + "\n"


def scaffold_files(today: date) -> dict[str, str]:
    """Every file of a new plans repository, by path relative to its root."""
    from rus.schema import SCHEMA_FILES, render

    files: dict[str, str] = {}
    for area in Area:
        files[f"{PLANS_DIR}/{area.value}.yaml"] = plan_template(area, today)
    files[f"{PLANS_DIR}/actors.yaml"] = actors_template()
    for name, model in SCHEMA_FILES.items():
        files[f"{SCHEMAS_DIR}/{name}"] = render(model, name)
    files[".gitignore"] = (TEMPLATES / "gitignore.tmpl").read_text(encoding="utf-8")
    files[".vscode/settings.json"] = editor_settings()
    return files


def init_repository(root: Path, *, today: date | None = None, git: bool = True) -> InitResult:
    """Create a new plans repository in ``root`` (new, empty, or an empty git repository)."""
    from rus.fileio import write_lock

    if root.exists() and not root.is_dir():
        raise UsageError(N_("{path} exists and is not a folder"), N_("Name a new or empty folder."), path=str(root))
    _check_empty(root)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(N_("{path} cannot be written: {reason}"),
                         N_("Check that the folder exists and that you are allowed to write in it."),
                         path=str(root), reason=os_reason(exc)) from None
    # Under the write lock, checked once more: of two `rus init` at once, the second finds the
    # folder taken instead of writing over the first.
    with write_lock(root):
        _check_empty(root)
        return _create(root, today, git)


def _check_empty(root: Path) -> None:
    from rus.fileio import LOCK_NAME

    # A freshly cloned empty repository (only .git) is as good as an empty folder; the lock file
    # of another `rus init` running there is not content.
    if root.is_dir() and any(p.name not in (".git", f".{LOCK_NAME}") for p in root.iterdir()):
        raise UsageError(N_("{path} is not empty"), N_("Name a new or empty folder, so that nothing is overwritten."), path=str(root))


def _create(root: Path, today: date | None, git: bool) -> InitResult:
    from rus.fileio import write_text_atomic

    result = InitResult(root)
    for relative, text in scaffold_files(today or date.today()).items():
        target = root / relative
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(target, text)
        except OSError as exc:
            raise WriteError(N_("{path} cannot be written: {reason}"),
                             N_("Check that the folder exists and that you are allowed to write in it."),
                             path=str(target), reason=os_reason(exc)) from None
        result.files.append(target)
    if git:
        result.commit = _first_commit(root, [str(p.relative_to(root)) for p in result.files])
    return result


def _first_commit(root: Path, paths: list[str]) -> str:
    try:
        import git
    except ImportError as exc:  # pragma: no cover - GitPython is a dependency
        raise GitError(N_("git is not available: {error}"), "", error=str(exc)) from None
    try:
        repo = git.Repo.init(root)
        # Through the git command itself, so that the user's configuration and GIT_* settings apply.
        repo.git.add("--", *paths)
        repo.git.commit("--quiet", "-m", "Start the plans repository (rus init)")
        commit = repo.head.commit
    except (git.GitCommandError, git.GitError, OSError, ValueError) as exc:
        raise GitError(N_("git failed in {path}: {error}"), N_("Check that git is installed and configured (user.name, user.email)."),
                       path=str(root), error=str(exc)) from None
    return str(commit.hexsha)


__all__ = ["InitResult", "actors_template", "editor_settings", "init_repository", "plan_template", "revision_for", "scaffold_files"]
