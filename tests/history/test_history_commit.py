"""rus commit: validates first, commits only plan files, tags revisions, and fails clearly."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PlansRepo, activity

from rus.base.errors import ExitCode


def _raise_revision(data: dict) -> None:
    data["revision"] = "2027-1"
    data["meeting"]["date"] = "2027-03-11"
    data["meeting"]["place"] = "Östersund"
    activity(data, "UPP-003")["status"] = "ongoing"


def test_first_commit_in_an_empty_repository_records_every_area(recorded_repo: PlansRepo) -> None:
    repo = recorded_repo
    assert repo.git("rev-list", "--count", "HEAD") == "1"
    assert sorted(repo.committed_files()) == sorted(f"plans/{p.name}" for p in (repo.path / "plans").glob("*.yaml"))
    tags = repo.git("tag", "--list").splitlines()
    assert tags == ["digitala-losningar/2026-2", "hallbar-energi/2026-2", "jord-skog-vatten/2026-2", "upplevelser/2026-2"]
    assert repo.git("cat-file", "-t", "upplevelser/2026-2") == "tag"  # annotated
    subject = repo.git("log", "-1", "--format=%s")
    assert subject == "4 plans, actors: +48 activities, +88 other items"
    body = repo.git("log", "-1", "--format=%b")
    assert "Experiences (upplevelser): — → 2026-2 — new plan\n  12 activities, 4 goals, 6 indicators, 4 sub-areas" in body
    assert "Actor registry\n  +38 actors" in body


def test_revision_is_tagged_with_a_summary(recorded_repo: PlansRepo) -> None:
    repo = recorded_repo
    repo.at("2027-03-12T09:30:00+01:00")
    repo.edit("upplevelser", _raise_revision)
    result = repo.rus("commit", "--revision")
    assert result.exit_code == 0, result.stderr
    assert "Recorded revision upplevelser/2027-1" in result.stdout
    assert repo.git("tag", "--list", "upplevelser/*").splitlines() == ["upplevelser/2026-2", "upplevelser/2027-1"]
    message = repo.git("tag", "-l", "--format=%(contents)", "upplevelser/2027-1")
    assert message.splitlines()[0] == "upplevelser 2027-1: 1 status change"
    assert "Status: Planned → Ongoing" in message
    listed = repo.rus_json("revisions", "--area", "upplevelser")["revisions"]
    assert [(r["revision"], r["tag"], r["date"], r["meeting"]) for r in listed] == [
        ("2026-2", "upplevelser/2026-2", "2026-10-09T12:00:00+02:00", {"date": "2026-10-08", "place": "Funäsdalen, Härjedalens kommun"}),
        ("2027-1", "upplevelser/2027-1", "2027-03-12T09:30:00+01:00", {"date": "2027-03-11", "place": "Östersund"}),
    ]
    assert listed[0]["summary"] is None
    assert listed[1]["summary"]["changed"] == 1
    assert listed[1]["summary"]["status_changes"] == 1
    assert listed[1]["summary"]["metadata"] == 3
    assert listed[1]["commit"] == repo.head()
    # a revision name now compares every area at its tag: only upplevelser has 2027-1
    data = repo.rus_json("diff", "2026-2", "2027-1")
    assert [a["area"] for a in data["areas"]] == ["upplevelser"]
    assert repo.rus_json("diff", "upplevelser/2026-2", "upplevelser/2027-1") == data | {
        "from": "upplevelser/2026-2", "to": "upplevelser/2027-1",
        "areas": [data["areas"][0] | {
            "from": data["areas"][0]["from"] | {"label": "upplevelser/2026-2"},
            "to": data["areas"][0]["to"] | {"label": "upplevelser/2027-1"},
        }],
    }


def test_refuses_invalid_plans_and_commits_nothing(recorded_repo: PlansRepo) -> None:
    repo = recorded_repo
    before = repo.head()
    repo.edit("upplevelser", lambda d: activity(d, "UPP-003").update(status="ongoin"))
    result = repo.rus("commit")
    assert result.exit_code == ExitCode.FINDINGS
    assert "S003" in result.stderr
    assert "nothing was committed" in result.stderr
    assert repo.head() == before
    assert "ongoin" in repo.plan_path("upplevelser").read_text(encoding="utf-8")


def test_commits_only_plan_files_and_keeps_other_staged_changes(recorded_repo: PlansRepo) -> None:
    repo = recorded_repo
    (repo.path / "README.md").write_text("Planer\n", encoding="utf-8")
    (repo.path / "notes.txt").write_text("utkast\n", encoding="utf-8")
    (repo.path / "plans" / "README.md").write_text("Om planerna\n", encoding="utf-8")
    repo.git("add", "README.md")
    repo.edit("upplevelser", lambda d: activity(d, "UPP-003").update(progress=10))
    result = repo.rus("commit", "-m", "Framsteg för UPP-003")
    assert result.exit_code == 0, result.stderr
    assert repo.committed_files() == ["plans/upplevelser.yaml"]
    assert repo.git("log", "-1", "--format=%s") == "Framsteg för UPP-003"
    assert "progress: 0 % → 10 % (+10 points)" in repo.git("log", "-1", "--format=%b")
    assert repo.git("diff", "--cached", "--name-only") == "README.md"
    status = repo.git("status", "--porcelain").splitlines()
    assert sorted(status) == ["?? notes.txt", "?? plans/README.md", "A  README.md"]


def test_deleting_a_plan_file_is_refused(recorded_repo: PlansRepo) -> None:
    # every activity of the plan would disappear without ending: the transition rules refuse it
    repo = recorded_repo
    head = repo.git("rev-parse", "HEAD")
    repo.plan_path("digitala-losningar").unlink()
    result = repo.rus("commit")
    assert result.exit_code == 1
    assert result.stderr.count("H002") == 9  # the activities that had not ended
    assert repo.git("rev-parse", "HEAD") == head
    assert not repo.plan_path("digitala-losningar").exists()  # the working tree is left as it was


def test_nothing_to_commit(recorded_repo: PlansRepo) -> None:
    result = recorded_repo.rus("commit")
    assert result.exit_code == ExitCode.FAILURE
    assert "Nothing to commit" in result.stderr
    again = recorded_repo.rus("commit", "--revision")  # every revision is recorded already
    assert again.exit_code == ExitCode.FAILURE
    assert "Nothing to commit" in again.stderr


def test_revision_of_unchanged_plans_is_recorded_on_the_last_commit(plans_repo: PlansRepo) -> None:
    # plans committed with plain git (as after `rus init`), then their revision recorded
    plans_repo.git("add", "plans")
    plans_repo.git("commit", "--quiet", "-m", "Planerna")
    head = plans_repo.git("rev-parse", "HEAD").strip()
    result = plans_repo.rus("commit", "--revision")
    assert result.exit_code == 0, result.stderr
    assert "Committed" not in result.stdout
    assert "Recorded revision upplevelser/2026-2" in result.stdout
    assert plans_repo.git("rev-parse", "HEAD").strip() == head  # no new commit
    assert plans_repo.git("rev-parse", "upplevelser/2026-2^{commit}").strip() == head
    message = plans_repo.git("tag", "-l", "--format=%(contents:subject)", "upplevelser/2026-2").strip()
    assert message == "upplevelser 2026-2: recorded as it stands in the last commit"


def test_not_a_git_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, git_env: Path) -> None:
    folder = tmp_path / "plain"
    (folder / "plans").mkdir(parents=True)
    repo = PlansRepo(folder, monkeypatch)
    for command in (["commit"], ["diff"], ["revisions"], ["log", "UPP-001"]):
        result = repo.rus(*command)
        assert result.exit_code == ExitCode.FAILURE, command
        assert "is not a git repository" in result.stderr


def test_no_git_identity(plans_repo: PlansRepo, git_env: Path) -> None:
    git_env.write_text("[user]\n\tuseConfigOnly = true\n[init]\n\tdefaultBranch = main\n")
    result = plans_repo.rus("commit")
    assert result.exit_code == ExitCode.FAILURE
    assert "git does not know who you are" in result.stderr
    assert plans_repo.git("status", "--porcelain").splitlines()[0] == "?? plans/"  # nothing staged


def test_existing_tag_is_refused_before_committing(recorded_repo: PlansRepo) -> None:
    repo = recorded_repo
    repo.git("tag", "upplevelser/2027-1")
    before = repo.head()
    repo.edit("upplevelser", _raise_revision)
    result = repo.rus("commit", "--revision")
    assert result.exit_code == ExitCode.FAILURE
    assert "The revision tag upplevelser/2027-1 already exists" in result.stderr
    assert repo.head() == before
    assert "2027-1" in repo.plan_path("upplevelser").read_text(encoding="utf-8")


def test_revision_without_a_raised_revision_is_refused(recorded_repo: PlansRepo) -> None:
    repo = recorded_repo
    repo.edit("upplevelser", lambda d: activity(d, "UPP-003").update(progress=5))
    result = repo.rus("commit", "--revision")
    assert result.exit_code == ExitCode.FAILURE
    assert "No plan's `revision` changed" in result.stderr


def test_locked_index(recorded_repo: PlansRepo) -> None:
    repo = recorded_repo
    lock = repo.path / ".git" / "index.lock"
    lock.write_text("")
    repo.edit("upplevelser", lambda d: activity(d, "UPP-003").update(progress=5))
    result = repo.rus("commit")
    assert result.exit_code == ExitCode.FAILURE
    assert "The git index is locked" in result.stderr
    assert lock.exists()


def test_detached_head(recorded_repo: PlansRepo) -> None:
    repo = recorded_repo
    repo.git("checkout", "--quiet", "--detach")
    repo.edit("upplevelser", lambda d: activity(d, "UPP-003").update(progress=5))
    result = repo.rus("commit")
    assert result.exit_code == ExitCode.FAILURE
    assert "HEAD is detached" in result.stderr


def test_a_failing_hook_loses_no_edit(recorded_repo: PlansRepo) -> None:
    repo = recorded_repo
    hook = repo.path / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'stopped by hook' >&2\nexit 1\n")
    hook.chmod(0o755)
    before = repo.head()
    repo.edit("upplevelser", lambda d: activity(d, "UPP-003").update(progress=5))
    edited = repo.plan_path("upplevelser").read_text(encoding="utf-8")
    result = repo.rus("commit")
    assert result.exit_code == ExitCode.FAILURE
    assert "stopped by hook" in result.stderr
    assert repo.head() == before
    assert repo.plan_path("upplevelser").read_text(encoding="utf-8") == edited
