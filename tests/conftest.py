"""Shared test helpers: paths to the bundled data, a copy of the plans, and running the installed ``rus``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.gitrepo import GitRepo, new_repo

REPO = Path(__file__).resolve().parent.parent
PLANS = REPO / "plans"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE = FIXTURES / "base"
REGION = REPO / "region.yaml"


def pytest_sessionstart(session: pytest.Session) -> None:
    """Compile the package's bytecode once, before any test starts the installed ``rus``.

    With ``PYTHONDONTWRITEBYTECODE`` set (as on the project's machines), every ``rus`` subprocess
    would otherwise compile the whole package again: about 0.4 s of each cold start. Only the
    xdist controller (or a run without xdist) compiles; the workers start after it.
    """
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        import compileall

        compileall.compile_dir(str(REPO / "rus"), quiet=1)


def _build_each_app_once() -> None:
    """Have typer's ``CliRunner`` build the click command of an app once, not on every ``invoke``.

    typer turns the whole app into click commands on each call (inspecting every command's
    parameters: some 50 ms for rus, more than many of the commands a test runs). A click command
    keeps no state between runs, so the one built is used again while the app holds the same
    commands and groups (a test that registers one gets a new build). The help language is fixed
    when ``rus.cli`` is imported, so a build holds no more than a new one would.
    """
    import typer.testing
    from typer.main import Typer, get_command

    built: dict[int, tuple[Typer, tuple[object, ...], object]] = {}

    def shape(app: Typer) -> tuple[object, ...]:
        return (id(app.registered_callback), tuple(map(id, app.registered_commands)),
                tuple((id(group), shape(group.typer_instance) if group.typer_instance else None)
                      for group in app.registered_groups))

    def command(app: Typer) -> object:
        known = built.get(id(app))
        now = shape(app)
        if known is None or known[1] != now:
            known = built[id(app)] = (app, now, get_command(app))  # the app kept: its id is not reused
        return known[2]

    typer.testing._get_command = command  # type: ignore[assignment]


_build_each_app_once()


#: True in the fast subset (``-m "not slow"``): property tests try fewer generated examples.
FAST_RUN = False


#: ``sys.dont_write_bytecode`` as the session started (restored once the tests are collected).
_NO_BYTECODE = sys.dont_write_bytecode


def pytest_configure(config: pytest.Config) -> None:
    """Note whether this is the fast subset, before the test modules (and their settings) are read.

    While the tests are collected, bytecode may be written: pytest keeps the test modules it has
    rewritten (for its assertion messages) in ``tests/__pycache__`` only then, and otherwise
    rewrites every module again in every process (with ``PYTHONDONTWRITEBYTECODE`` set, as on the
    project's machines, that is about 5 s of CPU per pytest-xdist worker).
    """
    global FAST_RUN
    FAST_RUN = "not slow" in (config.getoption("markexpr", "") or "")
    sys.dont_write_bytecode = False
    _temp_folders_in_memory(config)


#: Where the tests' folders go when the machine has a memory-backed file system with room to spare.
MEMORY_TEMP = Path("/dev/shm")
MEMORY_TEMP_ROOM = 1 << 30  # at least 1 GiB free: a container's default 64 MiB /dev/shm is left alone


def _temp_folders_in_memory(config: pytest.Config) -> None:
    """Put ``tmp_path`` (and the temporary files of the processes the tests start) on a memory-backed
    file system when there is one with room, unless a temporary folder was chosen (``TMPDIR``,
    ``--basetemp``).

    The tests make thousands of small files and git repositories; on a disk file system creating and
    removing them costs about a tenth of the fast subset's time (measured: 63-69 s against 54 s on
    2 cores). The files are the same real files either way.
    """
    if config.getoption("basetemp", None) or os.environ.get("TMPDIR"):
        return
    try:
        stats = os.statvfs(MEMORY_TEMP)
    except OSError:
        return
    if stats.f_bavail * stats.f_frsize < MEMORY_TEMP_ROOM or not os.access(MEMORY_TEMP, os.W_OK | os.X_OK):
        return
    import tempfile

    os.environ["TMPDIR"] = str(MEMORY_TEMP)  # the xdist workers and the processes tests start
    tempfile.tempdir = str(MEMORY_TEMP)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Back to the session's own bytecode setting for the tests themselves."""
    sys.dont_write_bytecode = _NO_BYTECODE


def examples(full: int) -> int:
    """A property test's number of generated examples: ``full`` in the whole suite, a tenth (at least 5)
    in the fast subset, so that everyday runs still exercise every property and the whole suite its
    full search."""
    return max(5, full // 10) if FAST_RUN else full


def rus_command() -> str:
    """The installed ``rus`` console script (end-to-end tests run it as a user would)."""
    found = shutil.which("rus")
    if found is None:
        raise RuntimeError("the rus command is not installed: pip install -e '.[test]'")
    return found


def run_rus(*args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run the installed ``rus`` in a subprocess, in English unless ``env`` says otherwise."""
    full_env = {**os.environ, "RUS_LANG": "en", "NO_COLOR": "1", "COLUMNS": "120"}
    full_env.pop("GITHUB_ACTIONS", None)
    if env:
        full_env.update(env)
    return subprocess.run(
        [rus_command(), *args], cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout, check=False
    )


def rus_in_process(*args: str, cwd: Path, env: dict[str, str] | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``rus`` in this process (typer's CliRunner over the same app): ``run_rus`` without the start-up.

    Same arguments and result as :func:`run_rus` (exit code, stdout, stderr apart), from the same
    working folder and environment (English, no colour, 120 columns, no CI unless ``env`` says so),
    with a non-terminal stdin as a subprocess under pytest has. What stays a subprocess: the
    ``rus`` entry point itself (one smoke test per command), Swedish help and usage errors (the
    console script fixes their language at start), and several processes at once (locks).
    An exception that escaped the command is raised here, not turned into an exit code, so that a
    crash is never mistaken for a refusal.
    """
    from typer.testing import CliRunner

    from rus.base.vocab import set_region
    from rus.cli import STATE, app

    full_env: dict[str, str | None] = {"RUS_LANG": "en", "NO_COLOR": "1", "COLUMNS": "120", "GITHUB_ACTIONS": None}
    if env:
        full_env.update(env)
    _forget_caches()
    previous_dir = Path.cwd()
    previous_region = set_region(None)  # a new process has found no region yet
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, list(args), input=stdin, env=full_env, prog_name="rus")
    finally:
        os.chdir(previous_dir)
        set_region(previous_region)
        STATE.debug = False
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(["rus", *args], result.exit_code, result.stdout, result.stderr)


def _forget_caches() -> None:
    """Empty the package's function caches, as a new process starts with them empty.

    Caches keyed by content (the region file's checked form, parsed blobs) would give the same
    answers and stay; a function cache may be keyed by less than its answer depends on (the
    region file's history is cached by the file's content, not by the repository's HEAD).
    The caches of :data:`_PURE_CACHES` stay: each answer depends on the arguments alone.
    """
    for name, module in list(sys.modules.items()):
        if name == "rus" or name.startswith("rus."):
            for key, value in list(vars(module).items()):
                clear = getattr(value, "cache_clear", None)
                if callable(clear) and getattr(value, "__module__", None) == name and f"{name}.{key}" not in _PURE_CACHES:
                    clear()


#: Function caches whose answers depend on their arguments alone (and on files of the package that
#: no test changes), so that a new process would compute the same: emptying them before each
#: in-process command only costs time (the Swedish catalogue read again, every word of a plan
#: checked again for quotes).
_PURE_CACHES = frozenset({
    "rus.base.i18n._catalog",
    "rus.writing.formatting._round_trip_reader",
    "rus.writing.formatting.can_be_plain",
    "rus.writing.formatting._resolver",
    "rus.writing.formatting._rank",
    "rus.writing.formatting._child",
})


@pytest.fixture
def git_repo(tmp_path: Path) -> GitRepo:
    """A new, empty git repository in ``tmp_path / "repo"`` on ``main``, with a fixed identity and clock
    (``tests.gitrepo``: ``git_repo.git(...)``, ``.write(name, text)``, ``.commit_all(message)``)."""
    return new_repo(tmp_path / "repo")


@pytest.fixture
def plans_copy(tmp_path: Path) -> Path:
    """A copy of the bundled plans in a fresh folder (tests may change it)."""
    target = tmp_path / "plans"
    shutil.copytree(PLANS, target)
    return target


@pytest.fixture
def base_plans(tmp_path: Path) -> Path:
    """A folder with the small valid base plan and its actor registry."""
    target = tmp_path / "base"
    shutil.copytree(BASE, target)
    return target


@pytest.fixture(scope="session", autouse=True)
def _bundled_region(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Plans copied to a folder without a region file are read against the repository's ``region.yaml``.

    Session-wide, so that module-scoped fixtures (repositories built once per module) see it too.
    The checked region files are kept in a cache of the session's own.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RUS_REGION", str(REGION))
        patch.setenv("RUS_CACHE_DIR", str(tmp_path_factory.mktemp("rus-cache")))
        yield


@pytest.fixture(autouse=True)
def _english_and_no_ci(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests speak English, do not see the CI environment unless they set it, and use the bundled region.

    Plans copied to a folder without a region file are read against the repository's own
    ``region.yaml`` (through ``RUS_REGION``); each test starts with no region active.
    """
    from rus.base.vocab import set_region

    monkeypatch.setenv("RUS_LANG", "en")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("RUS_REGION", str(REGION))
    set_region(None)
    yield
    set_region(None)
