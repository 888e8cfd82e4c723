"""The one way tests make and drive git repositories: a fixed identity and clock, no system config.

A test takes the :func:`tests.conftest.git_repo` fixture (a new, empty repository) or calls
:func:`new_repo` / :func:`git` itself. The older helpers (``edit_helpers.git`` and ``plans_repo``,
``ci_helpers.git``, ``git_env``, ``init_repo`` and ``commit_all``, ``report_helpers.git`` and
``make_repo``) are thin wrappers over this module: each keeps the identity and clock its tests
were written against (dates and authors show in the expected output), nothing else differs.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Identity:
    """Who commits, and when (author and committer alike)."""

    name: str
    email: str
    when: str


#: The editing, region and undo tests (``edit_helpers``).
EDITOR = Identity("Test Person", "test@example.org", "2026-11-01T10:00:00+01:00")
#: The CI, pre-commit and output tests (``ci_helpers``).
FACILITATOR = Identity("Test Facilitator", "facilitator@example.org", "2026-03-15T10:00:00+01:00")
#: The report and follow-up tests (``report_helpers``): each revision passes its own date.
REPORTER = Identity("Facilitator", "processledare@example.org", "2026-01-01T12:00:00+01:00")
#: The tests of ids in the history (``test_edit_history``).
HISTORIAN = Identity("Processledare Test", "test@example.org", "2026-10-09T12:00:00+02:00")


def git_env(identity: Identity = EDITOR, when: str | None = None, home: str | None = None) -> dict[str, str]:
    """The environment for git: this process's, with ``identity`` at ``when`` and no system config
    (``home``, when given, also keeps the user's own config out)."""
    moment = when or identity.when
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": identity.name,
        "GIT_AUTHOR_EMAIL": identity.email,
        "GIT_COMMITTER_NAME": identity.name,
        "GIT_COMMITTER_EMAIL": identity.email,
        "GIT_AUTHOR_DATE": moment,
        "GIT_COMMITTER_DATE": moment,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    if home is not None:
        env["HOME"] = home
    return env


def git(root: Path, *args: str, identity: Identity = EDITOR, when: str | None = None, home: str | None = None) -> str:
    """Run git in ``root`` as ``identity`` (at ``when``); its stdout. A failing git raises."""
    done = subprocess.run(
        ["git", *args], cwd=root, env=git_env(identity, when, home), capture_output=True, text=True, check=True
    )
    return done.stdout


@dataclass(frozen=True)
class GitRepo:
    """A working repository in a test's folder, committed to as ``identity``."""

    root: Path
    identity: Identity = EDITOR
    home: str | None = None

    def git(self, *args: str, when: str | None = None) -> str:
        """Run git here; its stdout."""
        return git(self.root, *args, identity=self.identity, when=when, home=self.home)

    def write(self, name: str, text: str) -> Path:
        """Write ``text`` to the file ``name`` (folders made as needed); its path."""
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def commit_all(self, message: str, when: str | None = None) -> str:
        """Stage everything and commit; the new commit's id."""
        self.git("add", "-A", when=when)
        self.git("commit", "-q", "-m", message, when=when)
        return self.head()

    def head(self) -> str:
        """The id of the commit checked out."""
        return self.git("rev-parse", "HEAD").strip()


def new_repo(root: Path, identity: Identity = EDITOR, branch: str | None = "main", home: str | None = None) -> GitRepo:
    """A new repository in ``root`` (made if missing) on ``branch`` (None: git's default), with
    ``identity`` as its configured user and signing off."""
    root.mkdir(parents=True, exist_ok=True)
    repo = GitRepo(root, identity, home)
    repo.git("init", "-q", *(["-b", branch] if branch else []))
    repo.git("config", "user.name", identity.name)
    repo.git("config", "user.email", identity.email)
    repo.git("config", "commit.gpgsign", "false")
    repo.git("config", "tag.gpgSign", "false")
    return repo
