"""The region file's history, as a long-running process (``rus lsp``) sees it across commits."""

from __future__ import annotations

from pathlib import Path

from rus.plans.region import read_region, removal_of
from tests.gitrepo import git, new_repo
from tests.test_region_history import COASTAL, MERGED


def test_a_removal_committed_while_the_process_runs_is_found_in_its_commit(tmp_path: Path) -> None:
    # The history was cached by the working file's content alone: after the removal was committed,
    # the same process still said "not committed yet" (G005) instead of naming the commit (G003).
    new_repo(tmp_path)
    region_file = tmp_path / "region.yaml"
    region_file.write_text(COASTAL, encoding="utf-8")
    git(tmp_path, "add", "region.yaml")
    git(tmp_path, "commit", "-qm", "Coastal region")
    region_file.write_text(MERGED, encoding="utf-8")
    region = read_region(region_file)[1]
    assert region is not None
    assert removal_of("alderport", "municipalities", region) == ("", "", "")
    git(tmp_path, "commit", "-qam", "Merge Alderport and Birchfield into Alderfield")
    sha = git(tmp_path, "rev-parse", "--short=7", "HEAD").strip()
    found = removal_of("alderport", "municipalities", region)
    assert found is not None and found[0] == sha
    assert found[2] == "Merge Alderport and Birchfield into Alderfield"
    assert removal_of("birchfield", "municipalities", region) == found
