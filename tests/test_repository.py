"""rus.base.repository: the one way rus opens and reads git."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from rus.base.errors import GitError
from rus.base.repository import Repository


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout.strip()


def _repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "plans").mkdir(parents=True)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "config", "user.name", "Test")
    _git(root, "config", "user.email", "test@example.org")
    for text in ("a: 1\n", "a: 2\n"):
        (root / "plans" / "x.yaml").write_text(text, encoding="utf-8")
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", f"set {text.strip()}")
    _git(root, "tag", "-a", "-m", "first", "upplevelser/2026-1", "HEAD~1")
    return root


def test_no_repository_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(GitError) as caught:
        Repository.open(tmp_path, search_parents=False)
    assert "is not a git repository" in caught.value.message()
    empty = Repository(tmp_path)  # opened on first use only
    with pytest.raises(GitError):
        empty.has_commits()


def test_found_from_a_folder_inside_only_when_asked(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    with Repository.open(root / "plans") as found:
        assert found.work_tree == root.resolve()
    with pytest.raises(GitError):
        Repository.open(root / "plans", search_parents=False)


def test_revisions_blobs_and_versions(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    with Repository.open(root) as repository:
        assert repository.has_commits() and not repository.is_shallow()
        tagged = repository.commit("upplevelser/2026-1")  # an annotated tag is peeled to its commit
        assert tagged.hexsha == _git(root, "rev-parse", "HEAD~1")
        with pytest.raises(GitError):
            repository.commit("no-such-revision")
        blobs = repository.blobs_ever_at("plans/x.yaml")
        assert sorted(repository.read_blob(b) for b in blobs) == [b"a: 1\n", b"a: 2\n"]
        assert [raw for _, raw in repository.versions_of("plans/x.yaml")] == [b"a: 2\n", b"a: 1\n"]


def test_a_new_repository_has_no_commits(tmp_path: Path) -> None:
    with Repository.init(tmp_path / "new") as made:
        assert not made.has_commits()
        assert made.blobs_ever_at("plans/x.yaml") == set()
        assert list(made.versions_of("plans/x.yaml")) == []
