"""Build a demo repository with a realistic history of the bundled plans, made through rus itself.

A fresh clone carries no revision tags, so the history commands (``rus diff 2026-2 2027-1``,
``rus revisions``, ``rus log``, and the changes between revisions in ``rus report``) have nothing to
show. This script copies the bundled plans and the region file into a new git repository and
records three revisions the way a facilitator would, with rus's own edit commands and
``rus commit --revision``:

- ``2026-2``: the bundled plans as they are (the autumn meetings of 2026);
- ``2027-1``: the spring meetings of 2027: planned activities started, two completed, new
  indicator values;
- ``2027-2``: the autumn meetings of 2027: more activities started or completed, an idea planned,
  new indicator values.

Each step's commits and tags are dated on the day of its last meeting, so that the report on 2027
covers both revisions of the year::

    python scripts/demo_history.py /tmp/rus-demo
    cd /tmp/rus-demo && rus revisions && rus diff 2026-2 2027-1 && rus report --year 2027 -o r.html

The README's history examples are run against this repository.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
AUTHOR = {
    "GIT_AUTHOR_NAME": "Processledare",
    "GIT_AUTHOR_EMAIL": "processledare@example.org",
    "GIT_COMMITTER_NAME": "Processledare",
    "GIT_COMMITTER_EMAIL": "processledare@example.org",
}

#: Per revision: the meetings (area, date, place) and the edits made after them, as rus arguments.
STEPS: list[tuple[str, str, list[tuple[str, str, str]], list[list[str]]]] = [
    (
        "2027-1",
        "2027-04-30T16:00:00+02:00",
        [
            ("hallbar-energi", "2027-04-08", "Krokom, Krokoms kommun"),
            ("upplevelser", "2027-04-14", "Åre, Åre kommun"),
            ("jord-skog-vatten", "2027-04-22", "Hammerdal, Strömsunds kommun"),
            ("digitala-losningar", "2027-04-28", "Mittuniversitetet, campus Östersund"),
        ],
        [
            ["activity", "status", "UPP-003", "ongoing", "--note", "Projektägare utsedd, arbetet startade i januari."],
            ["activity", "status", "UPP-012", "ongoing"],
            ["indicator", "record", "UPP-I3", "2027-1", "70"],
            ["indicator", "record", "UPP-I5", "2027-1", "13"],
            ["activity", "status", "JSV-010", "ongoing"],
            ["activity", "set", "JSV-001", "progress=100"],
            ["activity", "status", "JSV-001", "completed", "--end", "2027-02-28", "--note", "Klar enligt plan."],
            ["indicator", "record", "JSV-I1", "2027-1", "50"],
            ["activity", "status", "ENE-008", "ongoing"],
            ["activity", "set", "ENE-002", "progress=100"],
            ["activity", "status", "ENE-002", "completed", "--end", "2027-03-31", "--note", "Klar enligt plan."],
            ["indicator", "record", "ENE-I2", "2027-1", "9"],
            ["activity", "status", "DIG-011", "ongoing"],
            ["activity", "status", "DIG-008", "planned", "--note", "Mötet ställde sig bakom idén."],
            ["indicator", "record", "DIG-I1", "2027-1", "90"],
        ],
    ),
    (
        "2027-2",
        "2027-10-29T16:00:00+02:00",
        [
            ("jord-skog-vatten", "2027-09-16", "Jämtlands Gymnasium Ås, Krokoms kommun"),
            ("upplevelser", "2027-10-07", "Vemdalen, Härjedalens kommun"),
            ("hallbar-energi", "2027-10-21", "Strömsund, Strömsunds kommun"),
            ("digitala-losningar", "2027-10-28", "Mittuniversitetet, campus Östersund"),
        ],
        [
            ["activity", "status", "UPP-010", "planned", "--note", "Mötet ställde sig bakom idén."],
            ["activity", "set", "UPP-002", "progress=100"],
            ["activity", "status", "UPP-002", "completed", "--end", "2027-08-31", "--note", "Klar enligt plan."],
            ["indicator", "record", "UPP-I1", "2027-2", "1352000"],
            ["indicator", "record", "UPP-I3", "2027-2", "76"],
            ["activity", "set", "JSV-004", "progress=100"],
            ["activity", "status", "JSV-004", "completed", "--end", "2027-06-30", "--note", "Klar enligt plan."],
            ["activity", "status", "JSV-011", "planned"],
            ["indicator", "record", "JSV-I4", "2027-2", "33"],
            ["activity", "status", "ENE-003", "ongoing"],
            ["activity", "set", "ENE-001", "progress=100"],
            ["activity", "status", "ENE-001", "completed", "--end", "2027-06-30", "--note", "Klar enligt plan."],
            ["indicator", "record", "ENE-I3", "2027-2", "45"],
            ["activity", "status", "DIG-003", "ongoing"],
            ["activity", "status", "DIG-006", "ongoing", "--note", "Ny projektledare på plats i augusti."],
            ["indicator", "record", "DIG-I5", "2027-2", "8"],
        ],
    ),
]


def _env(when: str) -> dict[str, str]:
    return {**os.environ, **AUTHOR, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "RUS_LANG": "sv",
            "NO_COLOR": "1", "GIT_CONFIG_NOSYSTEM": "1"}


def _run(command: list[str], cwd: Path, when: str) -> None:
    done = subprocess.run(command, cwd=cwd, env=_env(when), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{done.stdout}{done.stderr}")


def rus(args: list[str], cwd: Path, when: str) -> None:
    """Run a rus command in the demo repository, in this process (as the command line would)."""
    from typer.testing import CliRunner

    from rus.cli import app

    previous = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, args, env=_env(when))
    finally:
        os.chdir(previous)
    if result.exit_code != 0:
        raise SystemExit(f"failed: rus {' '.join(args)}\n{result.output}")


def build(target: Path, steps: list[tuple[str, str, list[tuple[str, str, str]], list[list[str]]]] = STEPS) -> None:
    """Create the demo repository in ``target`` (which must not exist or be empty)."""
    if target.exists() and any(target.iterdir()):
        raise SystemExit(f"{target} is not empty")
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "region.yaml", target / "region.yaml")
    shutil.copytree(ROOT / "plans", target / "plans")
    shutil.copytree(ROOT / "schemas", target / "schemas")
    first = "2026-11-06T16:00:00+01:00"
    _run(["git", "init", "-q", "-b", "main"], target, first)
    for key, value in (("user.name", AUTHOR["GIT_AUTHOR_NAME"]), ("user.email", AUTHOR["GIT_AUTHOR_EMAIL"]),
                       ("tag.gpgSign", "false"), ("commit.gpgSign", "false")):
        _run(["git", "config", key, value], target, first)
    _run(["git", "add", "region.yaml", "schemas"], target, first)
    _run(["git", "commit", "-q", "-m", "Regionfil och scheman"], target, first)
    rus(["commit", "--revision", "-m", "Höstrevisionen 2026"], target, first)
    for revision, when, meetings, edits in steps:
        for area, day, place in meetings:
            plan = yaml.safe_load((target / "plans" / f"{area}.yaml").read_text(encoding="utf-8"))
            participants = [f"--participant={actor}" for actor in plan["meeting"]["participants"]]
            # spring meetings review the analysis and the mix of activities, autumn meetings what was learnt
            cycle = ["analysis", "policy-mix"] if revision.endswith("-1") else ["evaluation", "prioritisation"]
            steps_worked_on = [f"--cycle={step}" for step in cycle]
            rus(["meeting", "record", area, "--date", day, "--place", place, *participants, *steps_worked_on,
                 "--notes", f"Mobiliserande möte inför revision {revision}."], target, when)
        for edit in edits:
            rus(edit, target, when)
        season = "Vårrevisionen" if revision.endswith("-1") else "Höstrevisionen"
        rus(["commit", "--revision", "-m", f"{season} {revision[:4]}"], target, when)


def main(argv: list[str] | None = None) -> int:
    """Build the demo repository named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path, help="a new folder for the demo repository")
    options = parser.parse_args(argv)
    build(options.target.resolve())
    print(f"Demo repository with the revisions 2026-2, 2027-1 and 2027-2: {options.target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
