"""Reading one area at commit after commit (``rus revisions``, ``rus diff``): block by block, each commit
against its own region file, with the same plans as a whole read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rus.base.diagnostics import Diagnostic
from rus.base.vocab import Area
from rus.plans.models import Plan
from rus.timeline.areareader import AreaReader, BlockReader, area_line, read_entry, split_blocks
from rus.timeline.comparison import compare, revision_list
from rus.timeline.history import BLOB_CACHE, History, ParsedFile, PlanReadError, _parse
from tests.gitrepo import GitRepo, new_repo

REPO = Path(__file__).resolve().parents[2]
PLAN = (REPO / "plans" / "upplevelser.yaml").read_text(encoding="utf-8")
REGION = (REPO / "region.yaml").read_text(encoding="utf-8")
ARE = '  - slug: are\n    code: "2321"\n    name: Åre\n'


def _whole(text: str) -> Plan:
    entry = _parse("plans/upplevelser.yaml", text.encode("utf-8"), "upplevelser.yaml")
    assert isinstance(entry, ParsedFile) and isinstance(entry.model, Plan)
    return entry.model


def _retitled(text: str, count: int) -> str:
    """The plan with the first ``count`` activity titles changed and the revision raised."""
    lines = text.replace("\nrevision: 2026-2\n", "\nrevision: 2027-1\n").splitlines(keepends=True)
    done = 0
    start = lines.index("activities:\n")
    for number, line in enumerate(lines[start:], start):
        if line.startswith("    title: ") and done < count:
            lines[number] = line.rstrip("\n") + " (ny)\n"
            done += 1
    return "".join(lines)


def test_a_file_read_block_by_block_is_the_file_read_whole() -> None:
    blocks = BlockReader()
    first = read_entry("plans/upplevelser.yaml", PLAN.encode("utf-8"), blocks)
    assert isinstance(first, ParsedFile) and isinstance(first.model, Plan)
    assert blocks.parsed == 0  # nothing known yet: parsed whole, its blocks learnt
    changed = _retitled(PLAN, 2)
    second = read_entry("plans/upplevelser.yaml", changed.encode("utf-8"), blocks)
    assert isinstance(second, ParsedFile) and isinstance(second.model, Plan)
    assert second.model == _whole(changed)
    assert second.model.revision == "2027-1"
    assert blocks.parsed == 2 and blocks.reused > 10
    # the items whose text did not change are the same objects: a comparison skips them at once
    assert second.model.goals[0] is first.model.goals[0]
    assert second.model.activities[0] is not first.model.activities[0]
    assert sum(a is b for a, b in zip(first.model.activities, second.model.activities, strict=True)) == len(first.model.activities) - 2


def test_what_the_cutting_is_not_sure_of_is_read_whole() -> None:
    assert split_blocks(PLAN.encode()) is not None
    anchored = PLAN.replace("vision: ", "vision: &v ", 1)
    assert split_blocks(anchored.encode()) is None
    assert split_blocks(PLAN.replace("\n", "\r\n").encode()) is None
    assert split_blocks(PLAN.replace("\nvision: ", "\nvision: \u2028", 1).encode()) is None
    blocks = BlockReader()
    read_entry("plans/upplevelser.yaml", PLAN.encode("utf-8"), blocks)
    # a broken item is left to the whole read, which locates the error
    broken = PLAN.replace("    title: ", "    title: [", 1)
    entry = read_entry("plans/upplevelser.yaml", broken.encode("utf-8"), blocks)
    assert isinstance(entry, Diagnostic)
    assert entry == _parse("plans/upplevelser.yaml", broken.encode("utf-8"), "upplevelser.yaml")


def test_the_area_line() -> None:
    assert area_line(PLAN.encode()) == "upplevelser"
    assert area_line(b"actors:\n  - id: x\n") == ""
    assert area_line(b"area: a\narea: b\n") == ""  # twice: the whole read says so
    assert area_line(b'schema_version: 2\narea: "upplevelser"  # comment\n') == "upplevelser"


def _repo(tmp_path: Path) -> GitRepo:
    repo = new_repo(tmp_path / "repo")
    shutil.copytree(REPO / "plans", repo.root / "plans")
    repo.write("region.yaml", REGION)
    return repo


def _record(repo: GitRepo, revision: str, when: str) -> str:
    sha = repo.commit_all(f"revision {revision}", when=when)
    repo.git("tag", "-a", f"upplevelser/{revision}", "-m", f"upplevelser {revision}", when=when)
    return sha


def _are_in(plan: Plan) -> str:
    for activity in plan.activities:
        for municipality in activity.municipalities:
            if municipality.value == "are":
                return municipality.text("en")
    raise AssertionError("no activity in Åre")


def test_each_revision_is_read_against_its_own_region_file(tmp_path: Path) -> None:
    """The region renames Åre between two revisions whose Åre activity is the same text: the second
    revision reads it with the second region's name, not re-used from the first, nor with today's."""
    assert ARE in REGION
    repo = _repo(tmp_path)
    first = _record(repo, "2026-2", "2026-10-01T12:00:00+02:00")
    repo.write("region.yaml", REGION.replace(ARE, ARE.replace("name: Åre", "name: Åre kommun")))
    repo.write("plans/upplevelser.yaml", _retitled(PLAN, 1))
    second = _record(repo, "2027-1", "2027-03-01T12:00:00+01:00")
    repo.write("region.yaml", REGION.replace(ARE, ARE.replace("name: Åre", "name: Åre by")))  # today's, not committed
    BLOB_CACHE.clear()
    with History(repo.root) as history:
        reader = AreaReader(history, Area("upplevelser"))
        old = reader.plan(first, "upplevelser/2026-2")
        new = reader.plan(second, "upplevelser/2027-1")
        assert old is not None and new is not None
        assert _are_in(old) == "Åre"
        assert _are_in(new) == "Åre kommun"
        assert reader.blocks.reused == 0  # nothing read under the first region is re-used under the second
        assert new == history.load_commit(history.repo.commit(second), "upplevelser/2027-1").plans[Area("upplevelser")]
        again = AreaReader(history, Area("upplevelser"))
        assert _are_in(again.plan(second, "x") or old) == "Åre kommun"
        assert _are_in(again.plan(second, "y") or old) == "Åre kommun"


def test_a_region_that_no_longer_has_a_value_fails_the_revision_that_still_names_it(tmp_path: Path) -> None:
    """The second revision's region drops Åre while the plan's Åre activity is unchanged: that revision
    does not read (as it would read whole), however the revision before it was read."""
    repo = _repo(tmp_path)
    _record(repo, "2026-2", "2026-10-01T12:00:00+02:00")
    assert len(revision_list(repo.root)) == 1
    repo.write("region.yaml", REGION.replace(ARE + "    sami_administrative_area: true\n", ""))
    repo.write("plans/upplevelser.yaml", _retitled(PLAN, 1))
    _record(repo, "2027-1", "2027-03-01T12:00:00+01:00")
    repo.write("region.yaml", REGION)  # today's region has Åre again
    with pytest.raises(PlanReadError) as raised:
        revision_list(repo.root)
    assert raised.value.revision == "upplevelser/2027-1"
    assert raised.value.diagnostic is not None and raised.value.diagnostic.params.get("value") == "are"
    with pytest.raises(PlanReadError):
        compare(repo.root, "2026-2", "2027-1")


def test_revisions_and_diff_read_only_the_areas_files_and_give_the_whole_reads_changes(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _record(repo, "2026-2", "2026-10-01T12:00:00+02:00")
    repo.write("plans/upplevelser.yaml", _retitled(PLAN, 3))
    _record(repo, "2027-1", "2027-03-01T12:00:00+01:00")
    entries = revision_list(repo.root, Area("upplevelser"))
    assert [e.tag.revision for e in entries] == ["2026-2", "2027-1"]
    assert entries[0].summary is None
    assert entries[1].summary is not None and entries[1].summary.by_kind == {"activity": {"changed": 3}}
    assert entries[1].to_dict()["meeting"]["date"] == _whole(PLAN).meeting.date.isoformat()
    changes = compare(repo.root, "2026-2", "2027-1")
    assert [a.area.value for a in changes.areas] == ["upplevelser"]
    assert sum(1 for a in changes.areas for item in a.items if item.change == "changed") == 3


def test_another_areas_broken_file_is_not_read_for_an_area(tmp_path: Path) -> None:
    """Changed (issue 14): a revision is read for its own area; another area's broken plan at that
    commit no longer stops ``rus revisions`` or ``rus diff --area``, and still stops a diff of every area."""
    repo = _repo(tmp_path)
    _record(repo, "2026-2", "2026-10-01T12:00:00+02:00")
    other = repo.root / "plans" / "hallbar-energi.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("\nvision: ", "\nvision: [", 1), encoding="utf-8")
    repo.write("plans/upplevelser.yaml", _retitled(PLAN, 1))
    _record(repo, "2027-1", "2027-03-01T12:00:00+01:00")
    entries = revision_list(repo.root)
    assert [e.tag.tag for e in entries] == ["upplevelser/2026-2", "upplevelser/2027-1"]
    assert entries[1].summary is not None and entries[1].summary.total == 1
    assert compare(repo.root, "HEAD~1", "HEAD", Area("upplevelser")).areas[0].summary.total == 1
    with pytest.raises(PlanReadError) as raised:
        compare(repo.root, "HEAD~1", "HEAD")
    assert raised.value.path == "plans/hallbar-energi.yaml"
