"""rus validate --base: the transition rules H001-H004, located in the current file; and rus log."""

from __future__ import annotations

import json

from conftest import PlansRepo, activity


def _h(repo: PlansRepo, *args: str) -> tuple[int, list[tuple[str, int, int, str]]]:
    result = repo.rus("validate", "--format", "json", *args)
    data = json.loads(result.stdout)
    return result.exit_code, [(d["path"], d["line"], d["column"], d["code"]) for d in data["diagnostics"] if d["code"][0] == "H"]


def _line(repo: PlansRepo, area: str, text: str, after: str = "") -> int:
    lines = repo.plan_path(area).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines) if i >= start and text in line) + 1


def test_forbidden_transition_and_reused_id(recorded_repo: PlansRepo) -> None:
    repo = recorded_repo

    def edit(data: dict) -> None:
        activity(data, "UPP-004")["status"] = "ongoing"  # completed → ongoing: final
        activity(data, "UPP-003")["status"] = "idea"  # planned → idea
        reused = activity(data, "UPP-008")  # completed, now another activity under the same id
        reused.update(title="Digital guidning i Jamtli", description="En app med ljudguider.", status="planned")

    repo.edit("upplevelser", edit)
    code, found = _h(repo, "--base", "HEAD")
    path = "plans/upplevelser.yaml"
    assert found == [
        (path, _line(repo, "upplevelser", "revision:"), 11, "H004"),
        (path, _line(repo, "upplevelser", "status: idea", "id: UPP-003"), 11, "H001"),
        (path, _line(repo, "upplevelser", "status: ongoing", "id: UPP-004"), 11, "H001"),
        (path, _line(repo, "upplevelser", "id: UPP-008"), 7, "H003"),
    ]
    assert code == 1
    result = repo.rus("validate", "--format", "json", "--base", "HEAD")
    messages = {d["code"] + d["message"]: d["hint"] for d in json.loads(result.stdout)["diagnostics"] if d["code"][0] == "H"}
    assert messages == {
        "H001The status went from planned to idea, which is not allowed": "Allowed from planned: ongoing, paused, completed, cancelled.",
        "H001The status went from completed to ongoing, which is not allowed":
            "completed is a final status; start a new activity with a new id instead.",
        'H003The id `UPP-008` was used for another activity at HEAD ("Nattåg till fjällen – paketresor till Åre")':
            "Give the new activity a new id; ids are never reused.",
        "H004The plan changed after revision 2026-2 was recorded, but `revision` was not raised":
            "Set `revision:` to the next revision (e.g. 2026-3) when the plan is revised.",
    }
    text = repo.rus("validate", "--base", "HEAD", "--lang", "sv", "--color", "never").stdout
    assert "Statusen ändrades från planerad till idé, vilket inte är tillåtet" in text
    assert "status: idea" in text  # the offending line is shown


def test_ended_activities_may_go_and_a_raised_revision_is_quiet(recorded_repo: PlansRepo) -> None:
    repo = recorded_repo

    def edit(data: dict) -> None:
        data["revision"] = "2027-1"
        data["meeting"]["date"] = "2027-03-11"
        data["activities"] = [a for a in data["activities"] if a["id"] not in ("UPP-004", "UPP-011")]  # completed, replaced
        activity(data, "UPP-003")["status"] = "ongoing"
        activity(data, "UPP-002")["title"] = "Sydsamiska upplevelser – på samiska villkor"

    repo.edit("upplevelser", edit)
    removed_line = _line(repo, "upplevelser", "activities:")
    warned = [("plans/upplevelser.yaml", removed_line, 1, "H005")] * 2  # warnings: the exit code stays 0
    assert _h(repo, "--base", "HEAD") == (0, warned)
    assert _h(repo, "plans/upplevelser.yaml", "--base", "upplevelser/2026-2") == (0, warned)
    assert repo.rus("validate", "--base", "HEAD", "--strict").exit_code == 1


def test_a_broken_file_is_not_judged_and_a_removed_file_is(recorded_repo: PlansRepo) -> None:
    repo = recorded_repo
    repo.plan_path("upplevelser").write_text("area: upplevelser\nrevision: [\n", encoding="utf-8")
    repo.plan_path("hallbar-energi").unlink()
    code, found = _h(repo, "--base", "HEAD")
    assert code == 1  # the syntax error
    assert {f[0] for f in found} == {"plans/hallbar-energi.yaml"}
    assert [f[3] for f in found].count("H002") == 9  # every activity of the removed plan that had not ended
    assert [f[3] for f in found].count("H005") == 3  # and those that had, as warnings


def test_base_must_be_a_revision(recorded_repo: PlansRepo) -> None:
    result = recorded_repo.rus("validate", "--base", "no-such-branch")
    assert result.exit_code == 3
    assert "Unknown revision `no-such-branch`" in result.stderr


def test_log_follows_an_activity_across_revisions(recorded_repo: PlansRepo) -> None:
    repo = recorded_repo
    repo.at("2027-03-12T10:00:00+01:00")

    def spring(data: dict) -> None:
        data["revision"] = "2027-1"
        data["meeting"]["date"] = "2027-03-11"
        act = activity(data, "UPP-003")
        act["status"] = "ongoing"
        act["progress"] = 10

    repo.edit("upplevelser", spring)
    assert repo.rus("commit", "--revision").exit_code == 0
    repo.at("2027-10-01T10:00:00+02:00")

    def autumn(data: dict) -> None:
        data["revision"] = "2027-2"
        data["meeting"]["date"] = "2027-09-30"
        activity(data, "UPP-003")["period"]["start"] = "2027-03-01"
        data["activities"].append(dict(activity(data, "UPP-009"), id="UPP-013", title="Ny insats"))

    repo.edit("upplevelser", autumn)
    assert repo.rus("commit", "--revision").exit_code == 0
    repo.edit("upplevelser", lambda d: activity(d, "UPP-003").update(progress=25))
    log = repo.rus_json("log", "UPP-003")
    assert (log["id"], log["kind"], log["area"], log["by"], log["points"]) == ("UPP-003", "activity", "upplevelser", "revisions", 4)
    entries = [(e["label"], e["revision"], e["event"], [(c["field"], c["old"], c["new"]) for c in e["changes"]]) for e in log["entries"]]
    assert entries == [
        ("upplevelser/2026-2", "2026-2", "added", []),
        ("upplevelser/2027-1", "2027-1", "changed", [("status", "planned", "ongoing"), ("progress", 0, 10)]),
        ("upplevelser/2027-2", "2027-2", "changed", [("period.start", "2027-01-01", "2027-03-01")]),
        ("working tree", "2027-2", "changed", [("progress", 10, 25)]),
    ]
    assert log["entries"][1]["date"] == "2027-03-12T10:00:00+01:00"
    assert log["entries"][1]["commit"] == repo.git("rev-list", "-n1", "upplevelser/2027-1")
    new = repo.rus_json("log", "UPP-013")["entries"]
    assert [(e["label"], e["event"]) for e in new] == [("upplevelser/2027-2", "added")]
    text = repo.rus("log", "UPP-003", "--lang", "sv").stdout
    assert "Status: Planerad → Pågående" in text
    assert "Start senarelagd 2 månader (2027-01-01 → 2027-03-01)" in text
    missing = repo.rus("log", "UPP-999")
    assert missing.exit_code == 2 and "not found in any revision" in missing.stderr
    assert repo.rus("log", "nonsense").exit_code == 2


def test_defaults_before_anything_is_recorded(plans_repo: PlansRepo) -> None:
    repo = plans_repo
    data = repo.rus_json("diff")  # no commits: everything is new
    assert data["from"] == "no commits"
    assert [a["change"] for a in data["areas"]] == ["added"] * 4
    assert data["summary"]["by_kind"]["activity"] == {"added": 48}
    assert len(data["actors"]) == 38
    assert repo.rus("revisions").stdout.startswith("No revision is recorded yet")
    repo.git("add", "plans")
    repo.git("commit", "--quiet", "-m", "planerna")
    repo.edit("upplevelser", lambda d: activity(d, "UPP-003").update(progress=5))
    data = repo.rus_json("diff")  # committed but not recorded: from HEAD
    assert data["from"] == "HEAD"
    assert [(i["id"], i["change"]) for i in data["areas"][0]["items"]] == [("UPP-003", "changed")]
    log = repo.rus_json("log", "UPP-003")
    assert log["by"] == "commits"
    assert [(e["event"], e["label"] == repo.head()[:7]) for e in log["entries"]] == [("added", True), ("changed", False)]
    unknown = repo.rus("diff", "2031-1")
    assert unknown.exit_code == 3 and "No revision 2031-1 is recorded" in unknown.stderr
    assert repo.rus("diff", "--area", "upplevelse").exit_code == 2
