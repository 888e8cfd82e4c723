"""No edit is ever lost: every command that writes plan files holds the plans' write lock.

The lock is held from before a command reads the plans until it has written them, so concurrent
writers are made one after the other; a writer that cannot get the lock in time gives up with exit
code 5 and writes nothing. An interrupted write leaves the old or the new file, never half of one.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rus.base.errors import ExitCode
from rus.base.fileio import LOCK_NAME, lock_file, write_bytes_atomic, write_lock
from rus.cli import app
from rus.plans.validation import validate_paths
from tests.conftest import BASE, run_rus
from tests.edit_helpers import git, plans_repo

runner = CliRunner()
ADD = ("activity", "add", "UPP", "--title", "Ny insats", "--sub-area", "UPP-D1", "--start", "2026-01-01",
       "--phase", "analysis", "--goal", "UPP-M1", "--whole-county", "--priority", "strength-areas", "--sami", "none")
_ID = re.compile(r"^  - id: (UPP-[0-9]+)$", re.MULTILINE)
#: How long a refused writer waits for the lock: long enough for several tries (the first pauses are
#: 5, 10 and 20 ms), short enough that the refusals of the writers below do not add up.
WAIT = "0.05"


def _repo(tmp_path: Path) -> Path:
    """A git repository with the small base plans, committed."""
    return plans_repo(tmp_path, BASE)


def _ids(root: Path) -> list[str]:
    return _ID.findall((root / "plans" / "upplevelser.yaml").read_text(encoding="utf-8"))


@contextmanager
def held_elsewhere(target: Path) -> Iterator[Path]:
    """Hold the plans' lock as another process would: flock on the documented lock file, not through rus."""
    path = lock_file(target)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield path
    finally:
        path.unlink()
        os.close(fd)


def test_the_lock_lives_in_the_git_folder_and_is_removed_after_use(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    assert lock_file(root / "plans") == (root / ".git" / LOCK_NAME).resolve()
    assert lock_file(root / "plans" / "upplevelser.yaml") == lock_file(root)
    with write_lock(root / "plans") as path:
        assert path.exists()
    assert not path.exists()
    assert git(root, "status", "--porcelain") == ""
    plain = tmp_path / "plain"
    plain.mkdir()
    assert lock_file(plain) == plain.resolve() / f".{LOCK_NAME}"


def test_the_lock_of_a_worktree_is_in_its_own_git_folder(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    git(root, "worktree", "add", "-q", str(tmp_path / "other"))
    found = lock_file(tmp_path / "other" / "plans")
    assert found.parent == (root / ".git" / "worktrees" / "other").resolve()


def test_the_lock_is_taken_once_by_nested_edits(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    with write_lock(root, timeout=0), write_lock(root / "plans", timeout=0) as path:
        assert path.exists()
    assert not path.exists()


def test_another_thread_waits_for_the_lock(tmp_path: Path) -> None:
    from rus.base.errors import LockedError

    root = _repo(tmp_path)
    caught: list[BaseException] = []

    def other() -> None:
        try:
            with write_lock(root, timeout=0):
                pass
        except LockedError as exc:
            caught.append(exc)

    with write_lock(root):
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
    assert len(caught) == 1
    assert caught[0].exit_code is ExitCode.LOCKED


WRITERS = {
    "activity add": ADD,
    "activity set": ("activity", "set", "UPP-001", "progress=60"),
    "activity status": ("activity", "status", "UPP-001", "paused"),
    "activity cancel": ("activity", "cancel", "UPP-001", "--reason", "Ingen finansiering."),
    "indicator record": ("indicator", "record", "UPP-I1", "2026-2", "140"),
    "meeting record": ("meeting", "record", "UPP", "--date", "2026-10-20", "--place", "Östersund", "--participant", "rjh"),
    "actor add": ("actor", "add", "skidor", "--name", "Skidor AB", "--helix", "business"),
    "actor step": ("actor", "step", "miun", "UPP", "does"),
    "fmt": ("fmt",),
    "fix": ("fix",),
}


@pytest.mark.parametrize("name", list(WRITERS))
def test_a_writer_that_cannot_get_the_lock_gives_up_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    root = _repo(tmp_path)
    plan = root / "plans" / "upplevelser.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("activities:\n", "activities:  \n"), encoding="utf-8")
    (root / "plans" / "actors.yaml").write_text(
        (root / "plans" / "actors.yaml").read_text(encoding="utf-8").replace("helix: business", "helix: Business"), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in (root / "plans").iterdir()}
    monkeypatch.chdir(root)
    monkeypatch.setenv("RUS_LOCK_TIMEOUT", WAIT)
    with held_elsewhere(root):
        result = runner.invoke(app, list(WRITERS[name]))
    assert result.exit_code == ExitCode.LOCKED, result.stderr
    assert f"Another rus command is writing the plans in {root.resolve()};" in result.stderr
    assert "nothing was written" in result.stderr
    assert {p.name: p.read_bytes() for p in (root / "plans").iterdir()} == before
    # and with the lock free, the same command writes
    monkeypatch.delenv("RUS_LOCK_TIMEOUT")
    again = runner.invoke(app, list(WRITERS[name]))
    assert again.exit_code == 0, again.stderr
    assert {p.name: p.read_bytes() for p in (root / "plans").iterdir()} != before


def test_commit_waits_for_the_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _repo(tmp_path)
    plan = root / "plans" / "upplevelser.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("progress: 40", "progress: 50"), encoding="utf-8")
    head = git(root, "rev-parse", "HEAD")
    monkeypatch.chdir(root)
    monkeypatch.setenv("RUS_LOCK_TIMEOUT", WAIT)
    with held_elsewhere(root):
        result = runner.invoke(app, ["commit"])
    assert result.exit_code == ExitCode.LOCKED, result.stderr
    assert git(root, "rev-parse", "HEAD") == head
    monkeypatch.delenv("RUS_LOCK_TIMEOUT")
    assert runner.invoke(app, ["commit"]).exit_code == 0
    assert git(root, "rev-parse", "HEAD") != head


def test_undo_waits_for_the_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`rus undo` writes plan files and commits: under the lock, like `rus commit` (it took none)."""
    root = _repo(tmp_path)
    monkeypatch.chdir(root)
    plan = root / "plans" / "upplevelser.yaml"
    before = plan.read_text(encoding="utf-8")
    plan.write_text(before.replace("progress: 40", "progress: 50"), encoding="utf-8")
    assert runner.invoke(app, ["commit"]).exit_code == 0
    head = git(root, "rev-parse", "HEAD")
    monkeypatch.setenv("RUS_LOCK_TIMEOUT", WAIT)
    with held_elsewhere(root):
        result = runner.invoke(app, ["undo", "--yes"])
    assert result.exit_code == ExitCode.LOCKED, result.output
    assert git(root, "rev-parse", "HEAD") == head
    assert "progress: 50" in plan.read_text(encoding="utf-8")
    monkeypatch.delenv("RUS_LOCK_TIMEOUT")
    assert runner.invoke(app, ["undo", "--yes"]).exit_code == 0
    assert plan.read_text(encoding="utf-8") == before


def test_init_waits_for_the_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "new"
    target.mkdir()
    monkeypatch.setenv("RUS_LOCK_TIMEOUT", WAIT)
    with held_elsewhere(target):
        result = runner.invoke(app, ["init", str(target), "--no-git"])
        assert [p.name for p in target.iterdir()] == [f".{LOCK_NAME}"]
    assert result.exit_code == ExitCode.LOCKED, result.stderr
    monkeypatch.delenv("RUS_LOCK_TIMEOUT")
    assert runner.invoke(app, ["init", str(target), "--no-git"]).exit_code == 0
    assert (target / "plans" / "actors.yaml").is_file()
    assert not (target / f".{LOCK_NAME}").exists()


def test_a_dry_run_needs_no_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _repo(tmp_path)
    monkeypatch.chdir(root)
    monkeypatch.setenv("RUS_LOCK_TIMEOUT", "0")
    with held_elsewhere(root):
        assert runner.invoke(app, ["activity", "set", "UPP-001", "progress=60", "--dry-run"]).exit_code == 0
        assert runner.invoke(app, ["fmt", "--check"]).exit_code in (0, 1)


@pytest.mark.parametrize("value", ["soon", "-1", "nan"])
def test_a_bad_lock_timeout_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    root = _repo(tmp_path)
    monkeypatch.chdir(root)
    monkeypatch.setenv("RUS_LOCK_TIMEOUT", value)
    result = runner.invoke(app, ["activity", "set", "UPP-001", "progress=60"])
    assert result.exit_code == ExitCode.USAGE
    assert "RUS_LOCK_TIMEOUT" in result.stderr


def test_the_locked_message_is_in_swedish(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    with held_elsewhere(root):
        done = run_rus("activity", "set", "UPP-001", "progress=60", cwd=root, env={"RUS_LANG": "sv", "RUS_LOCK_TIMEOUT": "0"})
    assert done.returncode == 5
    assert "Ett annat rus-kommando skriver planerna" in done.stderr


#: ``rus`` (the console script's ``main``) in a process that says on stderr when it first finds the
#: lock taken, so that the test changes the plan only once the edit is waiting (no fixed sleep).
_NOTE_THE_WAIT = """
import sys
import rus.base.fileio as fileio
from rus.cli import main

original = fileio._try_lock

def noted(fd, path):
    got = original(fd, path)
    if not got:
        fileio._try_lock = original
        print("waiting for the lock", file=sys.stderr, flush=True)
    return got

fileio._try_lock = noted
sys.argv = ["rus", *sys.argv[1:]]
main()
"""


def test_a_waiting_edit_reads_the_plans_again_once_it_has_the_lock(tmp_path: Path) -> None:
    """What another writer saved while this edit waited is kept: the edit reads after it gets the lock."""
    root = _repo(tmp_path)
    plan = root / "plans" / "upplevelser.yaml"
    with held_elsewhere(root):
        waiting = subprocess.Popen([sys.executable, "-c", _NOTE_THE_WAIT, *ADD], cwd=root, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True,
                                   env={**os.environ, "RUS_LANG": "en", "RUS_LOCK_TIMEOUT": "60"})
        assert waiting.stderr is not None
        assert waiting.stderr.readline() == "waiting for the lock\n"  # it has tried and found the lock taken
        assert waiting.poll() is None
        # the holder of the lock changes the plan meanwhile (as another rus command would)
        plan.write_text(plan.read_text(encoding="utf-8").replace("Cykelleder i Åre", "Cykelleder i Åre och Vemdalen"),
                        encoding="utf-8")
    _, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, err
    text = plan.read_text(encoding="utf-8")
    assert "Cykelleder i Åre och Vemdalen" in text
    assert _ids(root) == ["UPP-001", "UPP-002", "UPP-003"]


@pytest.mark.slow
def test_concurrent_edits_in_separate_processes_are_all_kept(tmp_path: Path) -> None:
    """Three `rus activity add` at once, several rounds: every exit 0 is an activity in the plan."""
    root = _repo(tmp_path)
    rounds, writers = 3, 3

    def add(_: int) -> subprocess.CompletedProcess[str]:
        return run_rus(*ADD, cwd=root)

    succeeded = 0
    with ThreadPoolExecutor(max_workers=writers) as pool:
        for _ in range(rounds):
            done = list(pool.map(add, range(writers)))
            assert [d.returncode for d in done] == [0] * writers, [d.stderr for d in done]
            succeeded += writers
    ids = _ids(root)
    assert len(ids) == 2 + succeeded
    assert len(set(ids)) == len(ids)
    assert ids[2:] == [f"UPP-{n:03d}" for n in range(3, 3 + succeeded)]
    assert validate_paths([root / "plans"]).errors == 0
    assert not (root / ".git" / LOCK_NAME).exists()


@pytest.mark.slow
def test_commit_records_what_it_validated_while_edits_run(tmp_path: Path) -> None:
    """`rus commit` next to concurrent edits: each commit holds whole edits, and its message counts them."""
    root = _repo(tmp_path)
    for _ in range(2):
        with ThreadPoolExecutor(max_workers=3) as pool:
            edits = [pool.submit(run_rus, *ADD, cwd=root) for _ in range(2)]
            commit = pool.submit(run_rus, "commit", cwd=root)
            assert all(e.result().returncode == 0 for e in edits)
            commit.result()
    committed = run_rus("commit", cwd=root)
    assert committed.returncode in (0, 3)  # 3: nothing left to commit
    log = git(root, "log", "--format=%H %s")
    for line in log.splitlines()[:-1]:
        sha, subject = line.split(" ", 1)
        added = len(_ID.findall(git(root, "show", f"{sha}:plans/upplevelser.yaml"))) - len(
            _ID.findall(git(root, "show", f"{sha}~1:plans/upplevelser.yaml")))
        assert f"+{added} activit" in subject, (subject, added)
    assert git(root, "status", "--porcelain") == ""
    assert len(_ids(root)) == 2 + 4


_KILL_CHILD = """
import sys
from pathlib import Path
from rus.base.fileio import write_bytes_atomic

target, old, new = Path(sys.argv[1]), Path(sys.argv[2]).read_bytes(), Path(sys.argv[3]).read_bytes()
print("ready", flush=True)
while True:
    write_bytes_atomic(target, new)
    write_bytes_atomic(target, old)
"""


@pytest.mark.slow  # twenty writers started and killed
def test_a_write_killed_midway_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    """SIGKILL at any moment of a write: the file holds the old or the new bytes, never a mix.

    The file is written unnamed and named only just before the rename, so a killed write leaves no
    temporary file; the rare one left by a kill between those two steps goes with the next write.
    """
    folder = tmp_path / "plans"
    folder.mkdir()
    old = b"area: upplevelser\n" + b"# old\n" * 200_000
    new = b"area: upplevelser\n" + b"# new\n" * 300_000
    (tmp_path / "old").write_bytes(old)
    (tmp_path / "new").write_bytes(new)
    target = folder / "upplevelser.yaml"
    target.write_bytes(old)
    seen: set[bytes] = set()
    for attempt in range(20):
        child = subprocess.Popen([sys.executable, "-c", _KILL_CHILD, str(target), str(tmp_path / "old"), str(tmp_path / "new")],
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
        # let it get into a different part of the write each time
        for _ in range(attempt * 50):
            os.sched_yield()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        data = target.read_bytes()
        assert data in (old, new)
        seen.add(data)
        others = [p.name for p in folder.iterdir() if p != target]
        assert all(name.startswith(".upplevelser.yaml.") and name.endswith(".tmp") for name in others), others
        with write_lock(folder):  # the next write, as the next rus command makes it
            write_bytes_atomic(target, data)
        assert [p.name for p in folder.iterdir()] == ["upplevelser.yaml"]


def test_leftovers_of_killed_writes_go_with_the_next_write(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    target = folder / "upplevelser.yaml"
    target.write_bytes(b"area: upplevelser\n")
    (folder / ".upplevelser.yaml.abc123.tmp").write_bytes(b"half")
    (folder / ".actors.yaml.abc123.tmp").write_bytes(b"another file's")
    write_bytes_atomic(target, b"area: upplevelser\n# 1\n")  # without the lock: another writer's may be in use
    assert (folder / ".upplevelser.yaml.abc123.tmp").exists()
    with write_lock(folder):
        write_bytes_atomic(target, b"area: upplevelser\n# 2\n")
    assert sorted(p.name for p in folder.iterdir()) == [".actors.yaml.abc123.tmp", "upplevelser.yaml"]
    assert target.read_bytes() == b"area: upplevelser\n# 2\n"


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_bytes_atomic(tmp_path / "new.yaml", b"x: 1\n")
    finally:
        os.umask(umask)
    assert (tmp_path / "new.yaml").stat().st_mode & 0o777 == 0o644
    (tmp_path / "new.yaml").chmod(0o600)
    write_bytes_atomic(tmp_path / "new.yaml", b"x: 2\n")
    assert (tmp_path / "new.yaml").stat().st_mode & 0o777 == 0o600


def test_on_linux_the_file_has_no_name_until_it_is_complete(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The write never goes through a named temporary file where the system can write unnamed ones."""
    import tempfile

    try:
        os.close(os.open(tmp_path, os.O_TMPFILE | os.O_WRONLY, 0o600))
    except (AttributeError, OSError):
        pytest.skip("no unnamed files (O_TMPFILE) here")

    def named(*args: object, **kwargs: object) -> tuple[int, str]:
        raise AssertionError("written under a temporary name")

    monkeypatch.setattr(tempfile, "mkstemp", named)
    target = tmp_path / "upplevelser.yaml"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    write_bytes_atomic(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["upplevelser.yaml"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write in any folder")
def test_fmt_on_a_folder_no_one_may_write_in_finds_nothing_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "plans"
    shutil.copytree(BASE, folder)
    runner.invoke(app, ["fmt", str(folder)])
    folder.chmod(0o555)
    try:
        result = runner.invoke(app, ["fmt", str(folder)])
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 0, result.stderr
    assert "0 reformatted, 2 already formatted" in result.stderr


@pytest.mark.slow  # rus commit, git and a hook running rus fmt, each a process
def test_git_hooks_run_by_commit_share_its_lock(tmp_path: Path) -> None:
    """A pre-commit hook running `rus fmt` (as the rus-fmt hook does) does not wait for `rus commit`'s lock."""
    root = _repo(tmp_path)
    assert run_rus("fmt", cwd=root).returncode == 0
    git(root, "commit", "-q", "-am", "formatted")
    hook = root / ".git" / "hooks" / "pre-commit"
    hook.write_text(f"#!/bin/sh\nexec {shutil.which('rus')} fmt plans\n", encoding="utf-8")
    hook.chmod(0o755)
    plan = root / "plans" / "upplevelser.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("progress: 40", "progress: 50"), encoding="utf-8")
    done = run_rus("commit", cwd=root, env={"RUS_LOCK_TIMEOUT": "1"})
    assert done.returncode == 0, done.stderr
    assert "progress: 50" in git(root, "show", "HEAD:plans/upplevelser.yaml")
    # the variable is honoured only for the lock it names
    with held_elsewhere(root):
        other = run_rus("activity", "set", "UPP-001", "progress=60", cwd=root,
                        env={"RUS_LOCK_TIMEOUT": "0", "RUS_LOCK_HELD": str(tmp_path / "elsewhere.lock")})
    assert other.returncode == 5
