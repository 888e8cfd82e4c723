"""Pull-request checks: the plans validated against the base they will be merged into.

:func:`run_ci` finds the base (an explicit revision, the pull request's target from the CI
environment, else the merge base with the default branch), validates the plans of the working tree
with the transition rules against the base, computes the semantic difference, and records which
lines the pull request changed, so that annotations can be put where the reviewer looks. Nothing
here prints or exits; :mod:`rus.render.ci` renders the result and ``rus ci`` writes it out.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rus.base.codes import N_
from rus.base.diagnostics import Diagnostic, Severity
from rus.base.errors import GitError, NotFoundError, RusError
from rus.base.repository import Repository, not_a_repository, unknown_revision
from rus.base.workspace import PLANS_DIR
from rus.plans.validation import ValidationResult

if TYPE_CHECKING:
    from git import Repo

    from rus.timeline.changes import ChangeSet

#: Environment variables that name the pull request's target branch, with the CI that sets them.
BASE_VARIABLES: tuple[tuple[str, str], ...] = (
    ("GITHUB_BASE_REF", "github"),
    ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "gitlab"),
)
#: Branch names tried, in order, when the remote does not say which branch is the default.
DEFAULT_BRANCHES = ("main", "master")

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


@dataclass(frozen=True)
class Base:
    """The revision a pull request is checked against."""

    name: str  # as asked for or detected: "main", "origin/main", a commit
    ref: str  # what git resolved it through: "origin/main"
    commit: str  # the merge base of ``ref`` and HEAD: where the pull request's changes start
    source: str  # "option", "github", "gitlab" or "default-branch"
    at_tip: bool = True  # whether the merge base is where ``ref`` points

    @property
    def short(self) -> str:
        """The merge base's abbreviated commit id."""
        return self.commit[:7]

    @property
    def label(self) -> str:
        """How findings and changes name the base: the ref when it is the merge base, else the commit."""
        return self.ref if self.at_tip else self.short


@dataclass
class CiResult:
    """What ``rus ci`` found: findings (with transitions), the changes, and the lines changed."""

    base: Base
    head: str  # the commit checked (the working tree is taken to be this commit, as in CI)
    validation: ValidationResult
    changes: ChangeSet | None
    changed_lines: dict[str, frozenset[int] | None] = field(default_factory=dict)
    #: Why there is no semantic difference: the plans at the base cannot be read.
    base_unreadable: RusError | None = None
    #: Why there is no semantic difference: the plans of the pull request have errors that stop it.
    head_unreadable: bool = False

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Every finding, ordered by file and position."""
        return self.validation.diagnostics

    def is_changed(self, diagnostic: Diagnostic) -> bool:
        """Whether the finding is on a line the pull request added or changed."""
        lines = self.changed_lines.get(diagnostic.path, frozenset())
        return lines is None or diagnostic.line in lines

    def annotated(self) -> list[Diagnostic]:
        """The findings worth an annotation: all on changed lines, and errors anywhere.

        Warnings on lines the pull request did not touch were there before it; they stay in the
        summary but do not clutter the review.
        """
        return [d for d in self.diagnostics if d.level is Severity.ERROR or self.is_changed(d)]

    def failed(self, strict: bool = False) -> bool:
        """Whether the check fails: any error, or under ``strict`` any warning."""
        return self.validation.failed(strict)


# --- the base --------------------------------------------------------------------------------------


def _resolve(repo: Repo, name: str) -> str | None:
    """The first of ``origin/NAME`` and ``NAME`` that names a commit (remote first: in CI the local
    branch of that name, if any, is rarely up to date)."""
    from git.exc import GitCommandError

    candidates = [name] if name.startswith(("origin/", "refs/")) else [f"origin/{name}", name]
    for candidate in candidates:
        try:
            repo.git.rev_parse("--verify", "--quiet", "--end-of-options", f"{candidate}^{{commit}}")
        except GitCommandError:
            continue
        return candidate
    return None


def default_branch(repo: Repo) -> str | None:
    """The default branch: where ``origin/HEAD`` points, else the first of main, master that exists."""
    from git.exc import GitCommandError

    try:
        head = str(repo.git.symbolic_ref("--quiet", "refs/remotes/origin/HEAD")).strip()
    except GitCommandError:
        head = ""
    if head:
        return head.removeprefix("refs/remotes/")
    for name in DEFAULT_BRANCHES:
        if _resolve(repo, name) is not None:
            return name
    return None


def requested_base(rev: str | None, environ: Mapping[str, str]) -> tuple[str | None, str]:
    """The base asked for: the option, else the CI's target branch, else None (the default branch)."""
    if rev:
        return rev, "option"
    for variable, source in BASE_VARIABLES:
        value = environ.get(variable, "").strip()
        if value:
            return value, source
    return None, "default-branch"


def _too_shallow(name: str) -> GitError:
    # ``git fetch origin <branch>`` takes the branch as the remote names it: ``origin/main`` -> ``main``
    branch = name.removeprefix("refs/remotes/").removeprefix("origin/")
    return GitError(
        N_("The clone is too shallow to reach the base `{base}`"),
        N_(
            "Fetch the whole history: with actions/checkout set `fetch-depth: 0`; in GitLab CI set the "
            "variable `GIT_DEPTH: 0` and `git fetch origin {branch}`; elsewhere run `git fetch --unshallow`."
        ),
        base=name,
        branch=branch,
    )


def resolve_base(
    repository: Repository, rev: str | None = None, environ: Mapping[str, str] | None = None
) -> Base:
    """Where the pull request's changes start: the merge base of HEAD and the requested base."""
    from git.exc import GitCommandError

    repo = repository.repo
    env = os.environ if environ is None else environ
    name, source = requested_base(rev, env)
    shallow = repository.is_shallow()
    if name is None:
        name = default_branch(repo)
        if name is None:
            if shallow:
                raise _too_shallow("main")
            raise NotFoundError(
                N_("No base to compare with: there is no main or master branch"),
                N_("Name the base with --base, e.g. `rus ci --base origin/develop`."),
            )
    ref = _resolve(repo, name)
    if ref is None:
        if shallow:
            raise _too_shallow(name)
        raise unknown_revision(name)
    try:
        commit = str(repo.git.merge_base(ref, "HEAD")).strip()
    except GitCommandError:
        if shallow:
            raise _too_shallow(name) from None
        raise GitError(
            N_("`{base}` and HEAD have no history in common"),
            N_(
                "Check that the pull request was branched from `{base}`, or name another base with --base."
            ),
            base=name,
        ) from None
    tip = str(repo.git.rev_parse("--verify", f"{ref}^{{commit}}")).strip()
    return Base(name=name, ref=ref, commit=commit, source=source, at_tip=tip == commit)


# --- the lines a pull request changed --------------------------------------------------------------


def parse_changed_lines(diff: str) -> dict[str, frozenset[int] | None]:
    """The new-side lines of a ``git diff -U0`` per file (None: a new file, every line counts)."""
    changed: dict[str, set[int] | None] = {}
    current: str | None = None
    new_file = False
    for line in diff.splitlines():
        if line.startswith("diff --git "):
            current, new_file = None, False
        elif line.startswith("new file mode"):
            new_file = True
        elif line.startswith("+++ "):
            target = line[4:]
            current = None if target == "/dev/null" else _unquote(target).removeprefix("b/")
            if current is not None:
                changed[current] = None if new_file else changed.get(current, set())
        elif current is not None and (match := _HUNK.match(line)):
            lines = changed[current]
            if lines is not None:
                start, length = int(match[1]), int(match[2] or "1")
                lines.update(range(start, start + length))
    return {path: None if lines is None else frozenset(lines) for path, lines in changed.items()}


def _unquote(path: str) -> str:
    """A path as git prints it: quoted with C escapes when it holds unusual characters."""
    if not (path.startswith('"') and path.endswith('"')):
        return path
    raw = path[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")
    return raw.encode("latin-1").decode("utf-8", "replace")


def changed_lines(
    repo: Repo, base: str, plans_dir: str = PLANS_DIR
) -> dict[str, frozenset[int] | None]:
    """The lines of the plans that differ from ``base`` in the working tree, per repo-relative path."""
    diff = repo.git.diff(
        "-U0", "--no-color", "--no-ext-diff", "--no-renames", base, "--", plans_dir
    )
    return parse_changed_lines(str(diff))


# --- the check -------------------------------------------------------------------------------------


def run_ci(
    start: Path,
    rev: str | None = None,
    environ: Mapping[str, str] | None = None,
    plans_dir: str = PLANS_DIR,
) -> CiResult:
    """Check the plans of the working tree against the base: findings, transitions and changes."""
    from rus.plans.validation import validate_paths

    with Repository.open(start) as repository:
        repo = repository.repo
        work_tree = repository.work_tree
        if work_tree is None:  # a bare repository: no plans to check
            raise not_a_repository(start)
        root = work_tree
        base = resolve_base(repository, rev, environ)
        folder = root / plans_dir
        if not folder.is_dir():
            raise NotFoundError(
                N_("No plans/ folder found in {start} or in the root of its git repository"),
                N_(
                    "Stand in a plans repository, name the files or folders to check, or create one with `rus init`."
                ),
                start=str(root),
            )
        validation = validate_paths([folder], display_root=root)
        head = str(repo.git.rev_parse("HEAD")).strip()
        result = CiResult(base, head, validation, None, changed_lines(repo, base.commit, plans_dir))
    _compare(result, root, plans_dir)
    return result


def _compare(result: CiResult, root: Path, plans_dir: str) -> None:
    """Add the transition findings and the semantic changes against the base to ``result``."""
    from dataclasses import replace

    from rus.timeline.changes import diff_plansets
    from rus.timeline.history import PlanReadError, planset_at
    from rus.timeline.transitions import add_transitions

    try:
        old = planset_at(root, result.base.commit, plans_dir)
    except PlanReadError as exc:
        # Neither the transitions nor the changes can be judged against a base that does not read.
        result.base_unreadable = exc
        return
    add_transitions(result.validation, result.base.label, [root / plans_dir], root)
    try:
        new = planset_at(root, None, plans_dir)
    except PlanReadError:
        # validate_paths has already reported the same problem, located, as a finding.
        result.head_unreadable = True
        return
    result.changes = replace(
        diff_plansets(old, new), old_label=result.base.label, new_label=result.head[:7]
    )


