"""The one way rus opens and reads a git repository.

Every command that touches git — history, diff, report, commit, undo, ci, the region's history,
the ids an activity has ever used — goes through :class:`Repository`: it opens the repository once
(with one error when there is none), resolves revisions as git does, reads blobs through git's
long-lived ``cat-file`` process and ends that process when closed. GitPython is imported only when
a repository is opened, so commands that never need git do not pay for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rus.base.codes import N_
from rus.base.errors import GitError

if TYPE_CHECKING:
    from git import Repo
    from git.objects import Commit


def not_a_repository(root: Path) -> GitError:
    """The error for a folder that is not inside a git repository."""
    return GitError(
        N_("{path} is not a git repository"),
        N_("Run rus inside the plans repository, or create one with `git init`."),
        path=str(root),
    )


def unknown_revision(rev: str) -> GitError:
    """The error for a revision that git cannot resolve."""
    return GitError(
        N_("Unknown revision `{rev}`"),
        N_("Name a recorded revision (see `rus revisions`), an <area>/<revision> tag, a branch or a commit."),
        rev=rev,
    )


class Repository:
    """An open git repository (opened on first use; use as a context manager, or call :meth:`close`).

    ``search_parents`` finds the repository from a folder inside it (as git does); without it
    ``root`` must be the repository's top folder.
    """

    def __init__(self, root: Path, *, search_parents: bool = False) -> None:
        self.root = root.resolve()
        self.search_parents = search_parents
        self._repo: Repo | None = None

    @classmethod
    def open(cls, start: Path, *, search_parents: bool = True) -> Repository:
        """The repository at (or, with ``search_parents``, around) ``start``, opened now."""
        found = cls(start, search_parents=search_parents)
        _ = found.repo
        return found

    @classmethod
    def init(cls, root: Path) -> Repository:
        """A new, empty repository at ``root``."""
        from git import Repo

        made = cls(root)
        made._repo = Repo.init(made.root)
        return made

    @property
    def repo(self) -> Repo:
        """The GitPython repository (opened on first use); :class:`GitError` if there is none."""
        if self._repo is None:
            from git import Repo
            from git.exc import InvalidGitRepositoryError, NoSuchPathError

            try:
                self._repo = Repo(self.root, search_parent_directories=self.search_parents)
            except (InvalidGitRepositoryError, NoSuchPathError):
                raise not_a_repository(self.root) from None
        return self._repo

    @property
    def work_tree(self) -> Path | None:
        """The top folder of the working tree (None for a bare repository)."""
        folder = self.repo.working_tree_dir
        return None if folder is None else Path(folder)

    def close(self) -> None:
        """End git's helper processes."""
        if self._repo is not None:
            self._repo.close()
            self._repo = None

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- commits and revisions -----------------------------------------------------------------------

    def has_commits(self) -> bool:
        """Whether HEAD points at a commit (False in a repository with no commits yet)."""
        try:
            self.repo.head.commit  # noqa: B018
        except ValueError:
            return False
        return True

    def commit(self, rev: str) -> Commit:
        """The commit a revision names (tags are peeled); unknown revisions raise :class:`GitError`."""
        from git.objects import Commit, TagObject

        obj: Any
        try:
            obj = self.repo.rev_parse(rev)
        except Exception:  # GitPython's own parser misses some of git's syntax: ask git once
            obj = None
        while isinstance(obj, TagObject):
            obj = obj.object
        if isinstance(obj, Commit):
            return obj
        from git.exc import GitCommandError

        try:
            sha = self.repo.git.rev_parse("--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
        except GitCommandError:
            raise unknown_revision(rev) from None
        return self.repo.commit(sha.strip())

    def is_shallow(self) -> bool:
        """Whether the clone is shallow (its history cut off, as CI checkouts often are)."""
        return str(self.repo.git.rev_parse("--is-shallow-repository")).strip() == "true"

    # -- blobs -----------------------------------------------------------------------------------------

    def read_blob(self, oid: str) -> bytes:
        """The bytes of a blob, through git's long-lived ``cat-file --batch`` process."""
        data: bytes = self.repo.odb.stream(bytes.fromhex(oid)).read()
        return data

    def blobs_ever_at(self, path: str) -> set[str]:
        """The ids of every blob that ``path`` (repo-relative) has held in any commit of any ref."""
        if not self.has_commits():
            return set()
        listing = self.repo.git.rev_list("--all", "--objects", "--", path)
        return {line.split(" ", 1)[0] for line in listing.splitlines() if line.endswith(" " + path)}

    def versions_of(self, path: str, max_count: int = 200) -> Iterator[tuple[Commit, bytes]]:
        """The commits that changed ``path`` (newest first), with the file's bytes in each (empty
        where the commit removed it)."""
        if not self.has_commits():
            return
        for commit in self.repo.iter_commits(paths=path, max_count=max_count):
            try:
                raw: bytes = (commit.tree / path).data_stream.read()
            except KeyError:
                raw = b""
            yield commit, raw
