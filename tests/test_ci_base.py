"""Finding the base of a pull request, the lines it changed, and the shallow-clone error."""

from __future__ import annotations

from pathlib import Path

import pytest

from rus.base.errors import GitError, NotFoundError
from rus.base.repository import Repository
from rus.timeline.ci import changed_lines, parse_changed_lines, resolve_base
from tests.ci_helpers import PLAN, commit_all, git, init_repo, pull_request_clone, write_plans

HEAD_PLAN = PLAN.replace("status: planned", "status: ongoing").replace(
    "    title: Barmarksleder\n", "    title: Barmarksleder i fjällen\n"
)


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A full clone on the pull request's branch ``feature``."""
    return pull_request_clone(tmp_path, HEAD_PLAN)


def merge_base(repo: Path) -> str:
    return git(repo, "merge-base", "origin/main", "HEAD").strip()


@pytest.mark.parametrize(
    ("environ", "source"),
    [
        ({"GITHUB_BASE_REF": "main"}, "github"),
        ({"CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main"}, "gitlab"),
        ({}, "default-branch"),
    ],
)
def test_the_base_comes_from_the_ci_else_the_default_branch(
    clone: Path, environ: dict[str, str], source: str
) -> None:
    base = resolve_base(Repository.open(clone), None, environ)
    assert base.source == source
    assert base.ref == "origin/main"
    assert base.commit == merge_base(clone)
    assert base.commit != git(clone, "rev-parse", "origin/main").strip()


def test_an_explicit_base_wins_over_the_environment(clone: Path) -> None:
    first = git(clone, "rev-list", "--max-parents=0", "HEAD").strip()
    base = resolve_base(Repository.open(clone), first, {"GITHUB_BASE_REF": "main"})
    assert (base.source, base.name, base.commit) == ("option", first, first)


def test_an_unknown_base_is_a_git_error(clone: Path) -> None:
    with pytest.raises(GitError) as caught:
        resolve_base(Repository.open(clone), "no-such-branch", {})
    assert caught.value.message("en") == "Unknown revision `no-such-branch`"


def test_without_main_or_master_the_base_must_be_named(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "r", branch="trunk")
    write_plans(repo)
    commit_all(repo, "plans")
    with pytest.raises(NotFoundError) as caught:
        resolve_base(Repository.open(repo), None, {})
    assert "--base" in caught.value.hint("en")


def test_a_shallow_clone_names_the_fetch_depth_to_set(tmp_path: Path) -> None:
    shallow = pull_request_clone(tmp_path, HEAD_PLAN, depth=1)
    with pytest.raises(GitError) as caught:
        resolve_base(Repository.open(shallow), None, {"GITHUB_BASE_REF": "main"})
    assert caught.value.message("en") == "The clone is too shallow to reach the base `main`"
    assert "fetch-depth: 0" in caught.value.hint("en")
    assert "GIT_DEPTH: 0" in caught.value.hint("en")


def test_the_fetch_hint_names_the_branch_as_the_remote_knows_it(tmp_path: Path) -> None:
    # origin/HEAD -> origin/main: the base is `origin/main`, but `git fetch origin origin/main` fails
    shallow = pull_request_clone(tmp_path, HEAD_PLAN, depth=1)
    git(shallow, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main")
    with pytest.raises(GitError) as caught:
        resolve_base(Repository.open(shallow), None, {})
    assert caught.value.message("en") == "The clone is too shallow to reach the base `origin/main`"
    assert "`git fetch origin main`" in caught.value.hint("en")
    assert "`git fetch origin main`" in caught.value.hint("sv")


def test_a_base_fetched_shallow_has_no_merge_base(tmp_path: Path) -> None:
    shallow = pull_request_clone(tmp_path, HEAD_PLAN, depth=1)
    git(shallow, "fetch", "-q", "--depth=1", "origin", "+refs/heads/main:refs/remotes/origin/main")
    with pytest.raises(GitError) as caught:
        resolve_base(Repository.open(shallow), "main", {})
    assert "too shallow" in caught.value.message("en")
    refspec = "+refs/heads/main:refs/remotes/origin/main"
    git(shallow, "fetch", "-q", "--unshallow", "origin", refspec)
    assert resolve_base(Repository.open(shallow), "main", {}).commit == merge_base(shallow)


def test_changed_lines_are_the_new_side_of_the_diff(clone: Path) -> None:
    # An untracked file is not part of the pull request (in CI the working tree is the commit).
    (clone / "plans" / "ny plan.yaml").write_text("area: upplevelser\n", encoding="utf-8")
    changed = changed_lines(Repository.open(clone).repo, merge_base(clone))
    status_line = HEAD_PLAN.splitlines().index("    status: ongoing") + 1
    title_line = HEAD_PLAN.splitlines().index("    title: Barmarksleder i fjällen") + 1
    assert changed == {"plans/upplevelser.yaml": frozenset({title_line, status_line})}


def test_parse_changed_lines_handles_new_deleted_and_quoted_files() -> None:
    diff = "\n".join(
        [
            "diff --git a/plans/a.yaml b/plans/a.yaml",
            "--- a/plans/a.yaml",
            "+++ b/plans/a.yaml",
            "@@ -3 +3 @@",
            "@@ -10,0 +11,3 @@",
            "@@ -20,2 +23,0 @@",
            "diff --git a/plans/new.yaml b/plans/new.yaml",
            "new file mode 100644",
            "--- /dev/null",
            "+++ b/plans/new.yaml",
            "@@ -0,0 +1,2 @@",
            "diff --git a/plans/gone.yaml b/plans/gone.yaml",
            "deleted file mode 100644",
            "--- a/plans/gone.yaml",
            "+++ /dev/null",
            "@@ -1,2 +0,0 @@",
            'diff --git "a/plans/h\\303\\245llbar.yaml" "b/plans/h\\303\\245llbar.yaml"',
            '--- "a/plans/h\\303\\245llbar.yaml"',
            '+++ "b/plans/h\\303\\245llbar.yaml"',
            "@@ -1 +1 @@",
        ]
    )
    assert parse_changed_lines(diff) == {
        "plans/a.yaml": frozenset({3, 11, 12, 13}),
        "plans/new.yaml": None,
        "plans/hållbar.yaml": frozenset({1}),
    }
