"""``rus init``: a new plans repository, so that any region can start from a working set-up.

It holds the region file (``region.yaml``: the one given, or a commented template), ``plans/`` with
one commented template per strength area of that region, an actor registry and a programme file, the JSON Schemas of
that region in ``schemas/``, a ``.gitignore``, an editor setting that binds the schemas to the files
(``.vscode/settings.json``), and a git repository with a first commit. Every template passes
``rus validate`` and ``rus fmt --check`` as it is.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from string import Template

from rus.base.codes import N_
from rus.base.errors import GitError, RegionError, UsageError, WriteError
from rus.base.i18n import os_reason
from rus.base.vocab import Area, Priority, RegionVocabularies, using_region
from rus.base.workspace import PLANS_DIR

TEMPLATES = Path(sys.modules["rus"].__file__ or "").parent / "templates"
SCHEMAS_DIR = "schemas"


@dataclass
class InitResult:
    """What ``rus init`` created."""

    root: Path
    files: list[Path] = field(default_factory=list)
    commit: str | None = None


def revision_for(day: date) -> str:
    """The revision a first meeting on ``day`` gives: spring (January to June) YYYY-1, autumn YYYY-2."""
    from rus.plans.revision import expected_for_meeting

    return expected_for_meeting(day)


def plan_template(area: Area, today: date) -> str:
    """The commented template of one area's plan (an area of the active region)."""
    text = (TEMPLATES / "plan.yaml.tmpl").read_text(encoding="utf-8")
    return Template(text).substitute(
        area=area.value,
        area_sv=area.text("sv"),
        prefix=area.prefix,
        revision=revision_for(today),
        date=today.isoformat(),
        year=today.year,
        target_year=today.year + 4,
        priority=next(iter(Priority)).value,
    )


def actors_template() -> str:
    """The commented template of the actor registry."""
    text = (TEMPLATES / "actors.yaml.tmpl").read_text(encoding="utf-8")
    ladder = "\n".join(f"      {area.value}: does" for area in Area)
    return Template(text).substitute(ladder=ladder)


def programme_template(today: date) -> str:
    """The commented template of the programme file, its criteria evidenced by the first area's meeting."""
    first = next(iter(Area))
    text = (TEMPLATES / "programme.yaml.tmpl").read_text(encoding="utf-8")
    return Template(text).substitute(area=first.value, prefix=first.prefix, revision=revision_for(today), year=today.year)


def editor_settings() -> str:
    """VS Code settings binding the schemas to the plan files (for the YAML extension)."""
    from rus.plans.region import REGION_FILE

    plans = [f"{PLANS_DIR}/{area.value}.yaml" for area in Area]
    settings = {
        "yaml.schemas": {
            f"./{SCHEMAS_DIR}/plan.schema.json": plans,
            f"./{SCHEMAS_DIR}/actors.schema.json": [f"{PLANS_DIR}/actors.yaml"],
            f"./{SCHEMAS_DIR}/programme.schema.json": [f"{PLANS_DIR}/programme.yaml"],
            f"./{SCHEMAS_DIR}/region.schema.json": [REGION_FILE],
        },
        "yaml.format.enable": False,
        "editor.insertSpaces": True,
        "[yaml]": {"editor.tabSize": 2, "editor.insertSpaces": True},
    }
    return json.dumps(settings, indent=2, ensure_ascii=False) + "\n"


def region_template() -> str:
    """The commented template of a region file, for a region that has none yet."""
    return (TEMPLATES / "region.yaml.tmpl").read_text(encoding="utf-8")


def region_text(region: Path | str | None) -> tuple[str, str]:
    """The text of the region file to start from, and what to call it in messages.

    ``region`` is a path to a region file, the name of a region file shipped with rus, or None
    for the commented template.
    """
    from rus.plans.region import bundled_regions

    if region is None:
        return region_template(), "region.yaml"
    path = Path(region)
    if not path.exists() and str(region) in bundled_regions():
        path = bundled_regions()[str(region)]
    try:
        return path.read_bytes().decode("utf-8-sig"), str(region)
    except FileNotFoundError:
        raise UsageError(N_("No such region file: {path}"), N_("Name a region file (region.yaml), or one shipped with rus: {names}."),
                         path=str(region), names=", ".join(bundled_regions()) or "—") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(N_("The region file {path} cannot be read: {reason}"), N_("Check that it is a UTF-8 text file you are allowed to read."),
                         path=str(region), reason=getattr(exc, "strerror", None) or str(exc)) from None


def checked_region(text: str, name: str) -> RegionVocabularies:
    """The vocabularies of a region file's text; :class:`RegionError` naming the first finding when it has errors."""
    from rus.plans.region import parse_region

    source, region = parse_region(text.encode("utf-8"), name)
    errors = [d for d in source.diagnostics if d.level == "error"]
    if region is None or errors:
        first = errors[0] if errors else None
        where = f"{first.path}:{first.line}:{first.column}: {first.message()}" if first else name
        raise RegionError(N_("The region file {path} cannot be used: {finding}"),
                          N_("Correct the region file and run `rus init` again; `rus validate` on it lists every finding."),
                          path=name, finding=where)
    return region


def scaffold_files(today: date, region: str | None = None) -> dict[str, str]:
    """Every file of a new plans repository, by path relative to its root.

    ``region`` is the text of the region file (None: the commented template); plans, registry and
    schemas are those of that region.
    """
    from rus.plans.region import REGION_FILE

    return _scaffold(today, region if region is not None else region_template(), REGION_FILE)


def _scaffold(today: date, text: str, name: str) -> dict[str, str]:
    """The files for a region file's text (its findings named by ``name``)."""
    with using_region(checked_region(text, name)):
        return _files(today, text)


def _files(today: date, region: str) -> dict[str, str]:
    from rus.plans.region import REGION_FILE
    from rus.plans.schema import SCHEMA_FILES, render

    files: dict[str, str] = {REGION_FILE: region}
    for area in Area:
        files[f"{PLANS_DIR}/{area.value}.yaml"] = plan_template(area, today)
    files[f"{PLANS_DIR}/actors.yaml"] = actors_template()
    files[f"{PLANS_DIR}/programme.yaml"] = programme_template(today)
    for name, model in SCHEMA_FILES.items():
        files[f"{SCHEMAS_DIR}/{name}"] = render(model, name)
    files[".gitignore"] = (TEMPLATES / "gitignore.tmpl").read_text(encoding="utf-8")
    files[".vscode/settings.json"] = editor_settings()
    return files


def init_repository(root: Path, *, today: date | None = None, git: bool = True, region: Path | str | None = None) -> InitResult:
    """Create a new plans repository in ``root`` (new, empty, or an empty git repository).

    ``region`` is the region file to start from (a path, or the name of one shipped with rus);
    None writes a commented template region file.
    """
    from rus.base.fileio import write_lock

    text, name = region_text(region)
    files = _scaffold(today or date.today(), text, name)

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
        return _create(root, files, git)


def _check_empty(root: Path) -> None:
    from rus.base.fileio import LOCK_NAME

    # A freshly cloned empty repository (only .git) is as good as an empty folder; the lock file
    # of another `rus init` running there is not content.
    if root.is_dir() and any(p.name not in (".git", f".{LOCK_NAME}") for p in root.iterdir()):
        raise UsageError(N_("{path} is not empty"), N_("Name a new or empty folder, so that nothing is overwritten."), path=str(root))


def _create(root: Path, files: dict[str, str], git: bool) -> InitResult:
    from rus.base.fileio import write_text_atomic

    result = InitResult(root)
    for relative, content in files.items():
        target = root / relative
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(target, content)
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

        from rus.base.repository import Repository
    except ImportError as exc:  # pragma: no cover - GitPython is a dependency
        raise GitError(N_("git is not available: {error}"), "", error=str(exc)) from None
    try:
        with Repository.init(root) as repository:
            repo = repository.repo
            # Through the git command itself, so that the user's configuration and GIT_* settings apply.
            repo.git.add("--", *paths)
            repo.git.commit("--quiet", "-m", "Start the plans repository (rus init)")
            sha = repo.head.commit.hexsha
    except (git.GitCommandError, git.GitError, OSError, ValueError) as exc:
        raise GitError(N_("git failed in {path}: {error}"), N_("Check that git is installed and configured (user.name, user.email)."),
                       path=str(root), error=str(exc)) from None
    return str(sha)


__all__ = [
    "InitResult",
    "actors_template",
    "checked_region",
    "editor_settings",
    "init_repository",
    "plan_template",
    "programme_template",
    "region_template",
    "region_text",
    "revision_for",
    "scaffold_files",
]
