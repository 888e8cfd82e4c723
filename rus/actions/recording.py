"""Recording an update of the plans in git: ``rus commit``.

The plans are validated first and an update with errors is refused. Only the plan and actor files
that changed are committed, with a structured message (a summary line such as ``tourism 2026-2:
+2 activities, 3 status changes`` and a body listing the semantic changes); other staged changes
stay staged and the working tree is never touched. With ``revision=True`` each area whose
``revision`` field changed is tagged ``<area>/<revision>`` (an annotated tag). Every check that can
fail is made before anything is written, so a refused commit leaves the repository as it was.
History is never rewritten: no amend, no reset, no force.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from rus.base.codes import N_, NP_
from rus.base.errors import ExitCode, GitError, RusError
from rus.base.i18n import Counted, translate
from rus.base.repository import not_a_repository
from rus.base.vocab import Area, Lang
from rus.base.workspace import PLANS_DIR, find_root
from rus.timeline.history import History, PlanSet, blob_id, require_plans_dir

if TYPE_CHECKING:
    from git import Repo

    from rus.plans.validation import ValidationResult
    from rus.timeline.changes import ChangeSet


class PlansInvalidError(RusError):
    """The plans have errors, so the update is not recorded."""

    exit_code = ExitCode.FINDINGS

    def __init__(self, result: ValidationResult) -> None:
        super().__init__(
            N_("The plans have {errors}; nothing was committed"),
            N_("Fix the errors shown above (run `rus validate`), then run `rus commit` again."),
            errors=Counted(result.errors, *NP_("{n} error", "{n} errors")),
        )
        self.result = result


def _git_error(message: str, hint: str = "", **params: str) -> GitError:
    return GitError(message, hint, **params)


@dataclass(frozen=True)
class Recording:
    """What ``rus commit`` recorded."""

    commit: str
    subject: str
    message: str
    paths: tuple[str, ...]
    tags: tuple[str, ...]
    changes: ChangeSet


@dataclass(frozen=True)
class Pending:
    """What would be committed (computed before anything is written)."""

    paths: tuple[str, ...]
    changes: ChangeSet
    tags: dict[Area, str]


def record(
    start: Path,
    message: str | None = None,
    *,
    revision: bool = False,
    lang: Lang = "en",
    plans_dir: str = PLANS_DIR,
) -> Recording:
    """Validate (with the transition rules against HEAD), then commit the changed plan and actor files.

    With ``revision``, the plans whose revision changed are tagged ``<area>/<revision>``.
    """
    root = find_root(start)
    if root is None:
        raise not_a_repository(start)
    folder = require_plans_dir(root, plans_dir)
    from rus.base.fileio import write_lock

    # Under the plans' write lock from the validation to the commit: an edit made meanwhile by
    # another rus command waits, so what is committed is what was validated and described.
    with write_lock(root) as lock, History(root, plans_dir) as history:
        repo = history.repo
        _check_head(repo)
        from rus.plans.validation import validate_paths

        result = validate_paths([folder], display_root=root)
        if history.has_commits():
            # the transition rules against the last commit: what CI would reject is not committed
            from rus.timeline.transitions import add_transitions

            add_transitions(result, "HEAD", [folder], root)
        if result.errors:
            raise PlansInvalidError(result)
        pending = _pending(history, revision)
        _check_identity(repo)
        _check_index_lock(repo)
        if not pending.paths:
            # nothing changed, but a revision in the last commit was never recorded: tag that commit
            sha = repo.head.commit.hexsha
            tags = _tag(repo, sha, pending, lang)
            head = repo.head.commit
            return Recording(sha, str(head.summary), str(head.message), (), tags, pending.changes)
        from rus.render.changes import commit_body, commit_subject

        subject = (message or "").strip() or commit_subject(pending.changes, lang)
        body = commit_body(pending.changes, lang)
        if pending.changes.region:
            from rus.render.region import HEADING, describe_region_change

            lines = [translate(HEADING, lang), *(f"  • {describe_region_change(c, lang)}" for c in pending.changes.region)]
            if not message and not pending.changes.areas and not pending.changes.actors:
                subject = f"{translate(HEADING, lang)}: {describe_region_change(pending.changes.region[0], lang)}"
            body = "\n".join(lines) + ("\n\n" + body if body else "")
        full = subject + ("\n\n" + body if body else "") + "\n"
        sha = _commit(repo, pending.paths, full, lock)
        tags = _tag(repo, sha, pending, lang)
        return Recording(sha, subject, full, pending.paths, tags, pending.changes)


def _check_head(repo: Repo) -> None:
    if repo.head.is_detached:
        raise _git_error(
            N_("HEAD is detached (no branch is checked out), so rus will not commit"),
            N_("Check out the branch to record the update on, e.g. `git switch main`, then run `rus commit` again."),
        )


def _check_identity(repo: Repo) -> None:
    from git.exc import GitCommandError

    for var in ("GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"):
        try:
            repo.git.var(var)
        except GitCommandError:
            raise _git_error(
                N_("git does not know who you are (no name and e-mail configured)"),
                N_('Run `git config --global user.name "Your Name"` and `git config --global user.email you@example.org`.'),
            ) from None


def _check_index_lock(repo: Repo) -> None:
    lock = Path(repo.git_dir) / "index.lock"
    if lock.exists():
        raise _locked(lock)


def _locked(lock: Path) -> GitError:
    return _git_error(
        N_("The git index is locked ({path}): another git program is running, or one stopped halfway"),
        N_("Wait for the other git program to finish; if none is running, delete {path} and try again."),
        path=str(lock),
    )


def _pending(history: History, revision: bool) -> Pending:
    """The changed plan files, their semantic changes and the tags to create; raises when there is nothing to do."""
    from rus.timeline.changes import diff_plansets

    head = history.repo.head.commit if history.has_commits() else None
    committed = history.tree_files(head) if head is not None else {}
    current = history.worktree_files()
    # the region file is committed with the plans: they are checked against it, so they go together
    region_then = history.region_file(head) if head is not None else None
    region_now = history.region_file(None)
    region_changed = region_now is not None and region_now != region_then
    changed = sorted(
        {path for path, data in current.items() if committed.get(path) != blob_id(data)}
        | {path for path in committed if path not in current}
        | ({history.region_path()} if region_changed else set())
    )
    if not changed:
        unrecorded = _unrecorded(history) if revision and head is not None else {}
        if unrecorded:
            return Pending((), diff_plansets(history.empty("HEAD"), history.empty("HEAD")), unrecorded)
        raise _git_error(
            N_("Nothing to commit: the plans are the same as in the last commit"),
            N_("Edit a plan file first; `rus diff` shows what changed since the last recorded revision."),
        )
    old: PlanSet = history.load_commit(head, "HEAD") if head is not None else history.empty("HEAD")
    new = history.load(None)
    changes = diff_plansets(old, new)
    if region_changed and region_now is not None:
        from rus.plans.region import diff_regions, parse_region

        region_before = parse_region(region_then, history.region_path())[1] if region_then is not None else None
        changes = replace(changes, region=diff_regions(region_before, parse_region(region_now, history.region_path())[1]))
    tags: dict[Area, str] = {}
    if revision:
        for area, plan in new.plans.items():
            before = old.plans.get(area)
            if before is None or before.revision != plan.revision:
                tags[area] = f"{area.value}/{plan.revision}"
        if not tags:
            raise _git_error(
                N_("No plan's `revision` changed, so there is no revision to record"),
                N_("Raise `revision:` in the plan that was revised (to the next revision, e.g. from 2026-1 to 2026-2), or commit without --revision."),
            )
        existing = {ref.name for ref in history.repo.tags}
        for tag in tags.values():
            if tag in existing:
                raise _git_error(
                    N_("The revision tag {tag} already exists"),
                    N_("A recorded revision is never moved; raise `revision:` to the next revision instead."),
                    tag=tag,
                )
    return Pending(tuple(changed), changes, tags)


def _unrecorded(history: History) -> dict[Area, str]:
    """The tags of the plans' current revisions that were never recorded (e.g. after ``rus init``)."""
    existing = {ref.name for ref in history.repo.tags}
    current = history.load(None)
    wanted = {area: f"{area.value}/{plan.revision}" for area, plan in current.plans.items()}
    return {area: tag for area, tag in wanted.items() if tag not in existing}


def _commit(repo: Repo, paths: tuple[str, ...], message: str, lock: Path) -> str:
    from git.exc import GitCommandError

    from rus.base.fileio import LOCK_ENV

    try:
        repo.git.add("-A", "--", *paths)
        # with paths, git commits only those paths ("--only"): other staged changes stay staged;
        # git's hooks (a pre-commit `rus fmt`) share the lock this command holds instead of waiting for it
        repo.git.commit("--quiet", "-m", message, "--", *paths, env={LOCK_ENV: str(lock)})
    except GitCommandError as exc:
        raise _from_git(repo, exc) from None
    return repo.head.commit.hexsha


def _tag(repo: Repo, sha: str, pending: Pending, lang: Lang) -> tuple[str, ...]:
    from git.exc import GitCommandError

    from rus.render.changes import commit_body, commit_counts
    from rus.timeline.changes import ChangeSet

    created: list[str] = []
    for area, tag in pending.tags.items():
        area_changes = pending.changes.area(area)
        one = ChangeSet(pending.changes.old_label, pending.changes.new_label, (area_changes,) if area_changes else ())
        revision = tag.split("/", 1)[1]
        counts = commit_counts(one, lang) if pending.paths else translate(N_("recorded as it stands in the last commit"), lang)
        text = f"{area.value} {revision}: {counts}"
        body = commit_body(one, lang)
        try:
            repo.git.tag("-a", tag, "-m", text + ("\n\n" + body if body else ""), sha)
        except GitCommandError as exc:
            raise _from_git(repo, exc) from None
        created.append(tag)
    return tuple(created)


def _from_git(repo: Repo, exc: Exception) -> GitError:
    stderr = str(getattr(exc, "stderr", "") or exc).strip()
    if "index.lock" in stderr:
        return _locked(Path(repo.git_dir) / "index.lock")
    if "tell me who you are" in stderr or "auto-detect email" in stderr:
        return _git_error(
            N_("git does not know who you are (no name and e-mail configured)"),
            N_('Run `git config --global user.name "Your Name"` and `git config --global user.email you@example.org`.'),
        )
    return _git_error(N_("git failed: {error}"), "", error=stderr.removeprefix("stderr:").strip().strip("'"))
