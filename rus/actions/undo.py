"""Undoing the last ``rus commit``: a new commit that puts the plan files back as they were before it.

History is never rewritten (no reset, no amend): the undo is a commit of its own, which can itself
be undone. Only a last commit that changed nothing but files in the plans folder is undone, and
only when those files have no uncommitted changes, so that nothing a person wrote is lost. Every
check is made before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rus.base.codes import N_
from rus.base.errors import GitError
from rus.base.fileio import LOCK_ENV, write_bytes_atomic, write_lock
from rus.base.i18n import translate
from rus.base.repository import Repository, not_a_repository
from rus.base.vocab import Lang
from rus.base.workspace import PLANS_DIR, find_root


@dataclass(frozen=True)
class LastCommit:
    """The commit an undo would revert: its id, message and the plan files it changed."""

    commit: str
    subject: str
    message: str
    paths: tuple[str, ...]


@dataclass(frozen=True)
class Undone:
    """What an undo recorded: the new commit and the commit it reverts."""

    commit: str
    reverted: LastCommit


def last_commit(start: Path, plans_dir: str = PLANS_DIR) -> LastCommit:
    """The last commit, if it is one that ``rus undo`` may revert (raises a :class:`GitError` if not)."""
    root = find_root(start)
    if root is None:
        raise not_a_repository(start)
    with Repository.open(root, search_parents=False) as repository:
        repo = repository.repo
        if not repo.head.is_valid():
            raise GitError(N_("There is no commit to undo yet"), "")
        if repo.head.is_detached:
            raise GitError(N_("HEAD is detached (no branch is checked out), so rus will not commit"),
                           N_("Check out the branch to record the update on, e.g. `git switch main`, then run `rus commit` again."))
        head = repo.head.commit
        if not head.parents:
            raise GitError(N_("The last commit is the first one in the repository; there is nothing before it to go back to"), "")
        changed = tuple(sorted(str(d.a_path or d.b_path) for d in head.parents[0].diff(head)))
        prefix = plans_dir.rstrip("/") + "/"
        outside = [path for path in changed if not path.startswith(prefix)]
        if not changed or outside:
            raise GitError(
                N_("The last commit ({commit}) changed more than the plan files, so `rus undo` leaves it alone"),
                N_("Undo it with `git revert {commit}`, or ask someone who knows git."),
                commit=head.hexsha[:7],
            )
        dirty = set(repo.git.status("--porcelain", "--", *changed).splitlines())
        if dirty:
            raise GitError(
                N_("The plan files of the last commit have changes that are not committed"),
                N_("Commit them with `rus commit` (and undo that), or discard them, then run `rus undo` again."),
            )
        return LastCommit(head.hexsha, str(head.summary), str(head.message), changed)


def undo(start: Path, expected: str, lang: Lang = "en", plans_dir: str = PLANS_DIR) -> Undone:
    """Commit the plan files of the last commit as they were before it.

    ``expected`` is the id of the commit that was shown to the user: if the last commit is another
    one by now, nothing is done.
    """
    from git.exc import GitCommandError

    root = find_root(start)
    if root is None:
        raise not_a_repository(start)
    # Under the plans' write lock from the check to the commit, as `rus commit` and the edits: an
    # edit made meanwhile can neither be overwritten by the old files nor swept into the commit.
    with write_lock(root) as lock:
        target = last_commit(start, plans_dir)
        if target.commit != expected:
            raise GitError(N_("The last commit changed while you were asked; nothing was undone"), N_("Run `rus undo` again."))
        with Repository.open(root, search_parents=False) as repository:
            repo = repository.repo
            parent = repo.head.commit.parents[0]
            for path in target.paths:
                file = root / path
                try:
                    blob = parent.tree / path
                except KeyError:
                    file.unlink(missing_ok=True)  # the commit added it: undoing removes it
                    continue
                file.parent.mkdir(parents=True, exist_ok=True)
                write_bytes_atomic(file, blob.data_stream.read())
            subject = translate(N_("Undo: {subject}"), lang).format(subject=target.subject)
            body = translate(N_("This undoes commit {commit} (made with `rus commit`)."), lang).format(commit=target.commit[:7])
            try:
                repo.git.add("-A", "--", *target.paths)
                # git's hooks (a pre-commit `rus fmt`) share this command's lock instead of waiting for it
                repo.git.commit("--quiet", "-m", f"{subject}\n\n{body}\n", "--", *target.paths, env={LOCK_ENV: str(lock)})
            except GitCommandError as exc:
                raise GitError(N_("git failed: {error}"), "", error=str(exc.stderr or exc).strip()) from None
            return Undone(repo.head.commit.hexsha, target)


__all__ = ["LastCommit", "Undone", "last_commit", "undo"]
