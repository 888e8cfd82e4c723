"""workspace.neighbour_texts: the one reader of the files beside a plan (used by edits and rus fix)."""

from __future__ import annotations

from pathlib import Path

from rus.base.workspace import neighbour_texts


def test_the_yaml_files_beside_a_plan_by_name_without_the_plan_itself(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "energi.yaml").write_text("area: energi\n", encoding="utf-8")
    (plans / "actors.yml").write_text("actors: []\n", encoding="utf-8")
    (plans / "notes.txt").write_text("not a plan\n", encoding="utf-8")
    (plans / "broken.yaml").write_bytes(b"\xff\xfe not utf-8")
    (plans / "folder.yaml").mkdir()
    outside = tmp_path.parent / f"{tmp_path.name}-outside.yaml"
    outside.write_text("secret: 1\n", encoding="utf-8")
    (plans / "link.yaml").symlink_to(outside)

    texts = neighbour_texts(plans / "energi.yaml")

    assert texts == {"actors.yml": "actors: []\n"}
    assert list(neighbour_texts(plans / "actors.yml")) == ["energi.yaml"]
