"""Shared helpers of the CI tests: small valid plans, real git repositories with a fixed clock."""

from __future__ import annotations

import os
from pathlib import Path

from tests import gitrepo

ACTORS = """\
schema_version: 2
actors:
  - id: rjh
    name: Region Jämtland Härjedalen
    helix: public
    municipality: ostersund
  - id: miun
    name: Mittuniversitetet
    helix: academia
    municipality: ostersund
"""

PLAN = """\
# yaml-language-server: $schema=../schemas/plan.schema.json
schema_version: 2
area: upplevelser
revision: 2026-1
state: adopted
meeting:
  date: 2026-03-12
  place: Östersund
  participants: [rjh, miun]
  cycle: [analysis, policy-mix]
vision: Jämtland Härjedalen är ett av Europas mest hållbara besöksmål.
sub_areas:
  - id: UPP-D1
    name: Året-runt-turism
goals:
  - id: UPP-M1
    title: Fler besöksnätter utanför högsäsong
indicators:
  - id: UPP-I1
    goal: UPP-M1
    name: Besöksnätter maj–juni
    kind: result
    priority: strength-areas
    unit: antal nätter
    definition: Kommersiella gästnätter i länet under maj och juni.
    method: Inkvarteringsstatistiken summerad för maj och juni.
    source: SCB och Tillväxtverket, inkvarteringsstatistik
    frequency: yearly
    baseline: {value: 100000, year: 2024}
    target: {value: 150000, year: 2027}
activities:
  - id: UPP-001
    title: Barmarksleder
    sub_area: UPP-D1
    goals: [UPP-M1]
    lead: [rjh]
    whole_county: true
    period: {start: 2026-01-01}
    status: planned
    priorities: [strength-areas]
    national_areas: [innovation]
    phase: policy-mix
    sustainability: {social: contributes, economic: contributes, environmental: neutral}
    sami: {relevance: none}
"""

#: The plan with a misspelt status: S003 at line 39, column 13.
INVALID_PLAN = PLAN.replace("status: planned", "status: plannned")
INVALID_STATUS_LINE = 39
INVALID_STATUS_COLUMN = 13

#: The plan with an activity that serves no goal: a warning (R015), no error.
WARNING_PLAN = PLAN.replace("    goals: [UPP-M1]\n", "    goals: []\n")

AUTHOR = gitrepo.FACILITATOR.name
EMAIL = gitrepo.FACILITATOR.email
FIXED_DATE = gitrepo.FACILITATOR.when


def _home() -> str:
    return os.environ.get("RUS_TEST_HOME", os.environ.get("HOME", "/tmp"))


def git_env() -> dict[str, str]:
    """The environment for git in tests: fixed author, committer and clock, no system config."""
    return gitrepo.git_env(gitrepo.FACILITATOR, home=_home())


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` and return its output (raises on failure)."""
    return gitrepo.git(repo, *args, identity=gitrepo.FACILITATOR, home=_home())


def init_repo(repo: Path, branch: str = "main") -> Path:
    """A new git repository with a fixed author."""
    return gitrepo.new_repo(repo, gitrepo.FACILITATOR, branch, home=_home()).root


def write_plans(
    repo: Path, plan: str = PLAN, actors: str = ACTORS, name: str = "upplevelser.yaml"
) -> None:
    """Write the actor registry and one plan into ``repo/plans``."""
    plans = repo / "plans"
    plans.mkdir(parents=True, exist_ok=True)
    (plans / "actors.yaml").write_text(actors, encoding="utf-8")
    (plans / name).write_text(plan, encoding="utf-8")


def commit_all(repo: Path, message: str) -> str:
    """Stage everything and commit; the new commit's id."""
    return gitrepo.GitRepo(repo, gitrepo.FACILITATOR, _home()).commit_all(message)


def pull_request_clone(
    tmp_path: Path, head_plan: str, base_plan: str = PLAN, *, depth: int | None = None
) -> Path:
    """A clone checked out on a pull-request branch, as CI sees it.

    ``origin`` (a bare repository) has ``main`` with ``base_plan`` (two commits: the actor registry,
    then the plan), and ``feature``, branched from main, with ``head_plan``; main then moves on by
    one unrelated commit, so that its tip is not the merge base. The clone is shallow with ``depth``.
    """
    work = init_repo(tmp_path / "work")
    (work / "plans").mkdir()
    (work / "plans" / "actors.yaml").write_text(ACTORS, encoding="utf-8")
    commit_all(work, "actor registry")
    (work / "plans" / "upplevelser.yaml").write_text(base_plan, encoding="utf-8")
    commit_all(work, "plan 2026-1")
    git(work, "checkout", "-q", "-b", "feature")
    (work / "plans" / "upplevelser.yaml").write_text(head_plan, encoding="utf-8")
    commit_all(work, "plan changes from the spring meeting")
    git(work, "checkout", "-q", "main")
    (work / "README.md").write_text("Handlingsplaner\n", encoding="utf-8")
    commit_all(work, "readme")
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(work), str(origin))
    clone = tmp_path / "clone"
    args = ["clone", "-q", "--branch", "feature"]
    if depth is not None:
        args += ["--depth", str(depth)]
    git(tmp_path, *args, f"file://{origin}", str(clone))
    git(clone, "config", "user.name", AUTHOR)
    git(clone, "config", "user.email", EMAIL)
    return clone


#: A pull request that follows the rules: UPP-001 started (planned → ongoing), its title changed.
GOOD_CHANGE = PLAN.replace("status: planned", "status: ongoing").replace(
    "    title: Barmarksleder\n", "    title: Barmarksleder i fjällen\n"
)
#: A pull request that breaks a transition rule: planned → idea goes backwards (H001).
BAD_TRANSITION = PLAN.replace("    period: {start: 2026-01-01}\n    status: planned\n", "    period: {start: 2026-01-01}\n    status: idea\n")
BAD_TRANSITION_LINE = BAD_TRANSITION.splitlines().index("    status: idea") + 1


def ci_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a GitHub Actions pull-request job, with files in ``tmp_path``."""
    runner = tmp_path / "runner-temp"
    runner.mkdir(exist_ok=True)
    env = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_BASE_REF": "main",
        "GITHUB_STEP_SUMMARY": str(tmp_path / "step-summary.md"),
        "RUNNER_TEMP": str(runner),
        "NO_COLOR": "1",
    }
    env.update(extra)
    return env
