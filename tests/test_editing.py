"""The editing core: unedited round-trips are byte-identical, edits keep every comment and stay valid."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yamllint import linter
from yamllint.config import YamlLintConfig

from rus.plans.validation import validate_paths
from rus.writing import editing
from rus.writing.editing import EditableFile, EditError, InvalidEditError
from rus.writing.formatting import comments_of, format_text
from tests.edit_helpers import PLANS, REPO

BASE = REPO / "tests" / "fixtures" / "base"


@pytest.fixture
def base(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    shutil.copytree(BASE, folder)
    return folder


@pytest.mark.parametrize("name", sorted(p.name for p in PLANS.glob("*.yaml")))
def test_unedited_bundled_plan_round_trips_byte_for_byte(name: str) -> None:
    path = PLANS / name
    assert EditableFile.load(path).render() == path.read_bytes().decode("utf-8")


_COMMENT = st.text(alphabet=st.sampled_from("abc åäö:-#'\"0123"), max_size=30)


def _with_comments(text: str, comments: list[tuple[int, str]]) -> str:
    lines = text.splitlines()
    for position, comment in sorted(comments, reverse=True):
        at = min(position, len(lines))
        indent = len(lines[at]) - len(lines[at].lstrip(" ")) if at < len(lines) else 0
        lines.insert(at, (" " * indent + "# " + comment).rstrip())
    return "\n".join(lines) + "\n"


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(comments=st.lists(st.tuples(st.integers(min_value=1, max_value=75), _COMMENT), max_size=6),
       crlf=st.booleans(), bom=st.booleans())
def test_unedited_file_with_any_comments_round_trips(tmp_path: Path, comments: list[tuple[int, str]], crlf: bool, bom: bool) -> None:
    text = _with_comments((BASE / "upplevelser.yaml").read_text(encoding="utf-8"), comments)
    if crlf:
        text = text.replace("\n", "\r\n")
    if bom:
        text = "\ufeff" + text
    path = tmp_path / "upplevelser.yaml"
    path.write_bytes(text.encode("utf-8"))
    assert EditableFile.load(path).render() == text


_EDITS = st.one_of(
    st.tuples(st.just("progress"), st.integers(min_value=0, max_value=100).map(str)),
    st.tuples(st.just("title"), st.text(alphabet=st.sampled_from("abcåäö :#'\"-,!?019"), min_size=1, max_size=40).filter(str.strip)),
    st.tuples(st.just("description"), st.text(alphabet=st.sampled_from("abc åäö.,:#\n\t"), min_size=1, max_size=120).filter(str.strip)),
    st.tuples(st.just("period.end"), st.dates(min_value=date(2027, 1, 1), max_value=date(2030, 12, 31)).map(date.isoformat)),
    st.tuples(st.just("actual"), st.integers(min_value=0, max_value=10_000).map(str)),
)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(comments=st.lists(st.tuples(st.integers(min_value=1, max_value=75), _COMMENT), max_size=5),
       edits=st.lists(_EDITS, min_size=1, max_size=3))
def test_any_edit_keeps_every_comment_and_validity(tmp_path: Path, comments: list[tuple[int, str]], edits: list[tuple[str, str]]) -> None:
    folder = tmp_path / "plans"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(BASE, folder)
    plan = folder / "upplevelser.yaml"
    plan.write_text(_with_comments(plan.read_text(encoding="utf-8"), comments), encoding="utf-8")
    before = comments_of(plan.read_text(encoding="utf-8"))
    for field, value in edits:
        if field == "actual":
            editing.record_actual(folder, "UPP-I1", "2026-2", float(value))
        else:
            editing.set_activity_fields(folder, "UPP-001", [f"{field}={value}"])
    after = plan.read_text(encoding="utf-8")
    assert sorted(comments_of(after)) == sorted(before)
    assert validate_paths([folder]).errors == 0
    # yamllint in process (what ``yamllint -d relaxed -`` runs; it exits 1 on an error-level problem)
    errors = [f"{p.line}:{p.column}: {p.message}" for p in linter.run(after, YamlLintConfig("extends: relaxed")) if p.level == "error"]
    assert errors == [], errors


def test_an_edit_keeps_crlf_and_bom(base: Path) -> None:
    plan = base / "upplevelser.yaml"
    text = "\ufeff" + plan.read_text(encoding="utf-8").replace("\n", "\r\n")
    plan.write_bytes(text.encode("utf-8"))
    editing.set_activity_fields(base, "UPP-001", ["progress=55", "description=Ny beskrivning"])
    raw = plan.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == raw.count(b"\n")
    assert b"progress: 55\r\n" in raw and b"description: Ny beskrivning\r\n" in raw


def test_a_file_in_a_layout_of_its_own_keeps_it(base: Path) -> None:
    plan = base / "upplevelser.yaml"
    original = plan.read_text(encoding="utf-8")
    assert format_text(original, plan.name) != original  # flow lists: not the canonical layout
    editing.set_activity_fields(base, "UPP-001", ["progress=41"])
    assert plan.read_text(encoding="utf-8") == original.replace("progress: 40", "progress: 41")


def test_an_invalid_edit_is_refused_and_nothing_written(base: Path) -> None:
    plan = base / "upplevelser.yaml"
    original = plan.read_bytes()
    with pytest.raises(InvalidEditError) as caught:
        editing.set_activity_fields(base, "UPP-001", ["sub_area=UPP-D9"])
    assert [d.code for d in caught.value.diagnostics] == ["R003"]
    assert plan.read_bytes() == original
    assert [p.name for p in base.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_values_are_converted_by_the_model(base: Path) -> None:
    editing.set_activity_fields(base, "UPP-001", ["lead=rjh, miun", "whole_county=false", "progress=45",
                                                 "sustainability.social=contributes"])
    text = (base / "upplevelser.yaml").read_text(encoding="utf-8")
    assert "lead:\n      - rjh\n      - miun\n" in text
    assert "whole_county: false" in text
    assert "social: contributes" in text


@pytest.mark.parametrize(
    ("assignment", "message"),
    [("progress=many", "is not a whole number"), ("nosuch=1", "Unknown field"), ("id=UPP-002", "cannot be changed"),
     ("period.start=2026-3-1", "is not a date"), ("status=paused", "rus activity status")],
)
def test_bad_assignments_are_usage_errors(base: Path, assignment: str, message: str) -> None:
    with pytest.raises(EditError) as caught:
        editing.set_activity_fields(base, "UPP-001", [assignment])
    assert message in caught.value.message()


def test_removing_an_optional_field(base: Path) -> None:
    editing.set_activity_fields(base, "UPP-001", ["period.end="])
    text = (base / "upplevelser.yaml").read_text(encoding="utf-8")
    assert "end: 2027-12-31" not in text
    assert "start: 2026-01-01\n    milestones:" in text


def test_completing_sets_progress_and_end(base: Path) -> None:
    editing.set_activity_status(base, "UPP-001", "completed", end=date(2026, 11, 30))
    text = (base / "upplevelser.yaml").read_text(encoding="utf-8")
    assert "status: completed" in text and "progress: 100" in text and "end: 2026-11-30" in text


def test_final_status_cannot_change(base: Path) -> None:
    editing.cancel_activity(base, "UPP-001", "Avbruten")
    with pytest.raises(EditError) as caught:
        editing.set_activity_status(base, "UPP-001", "ongoing")
    assert "final status" in caught.value.hint()


def test_next_activity_id_never_reuses(base: Path) -> None:
    doc = EditableFile.load(base / "upplevelser.yaml")
    assert editing.next_activity_id(doc, editing.Area.UPPLEVELSER) == "UPP-003"  # UPP-001 and UPP-002 are taken
    doc.data["activities"][0]["id"] = "UPP-0099"
    assert editing.next_activity_id(doc, editing.Area.UPPLEVELSER) == "UPP-0100"


def test_a_file_with_a_syntax_error_is_not_edited(base: Path) -> None:
    plan = base / "upplevelser.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "broken: [\n", encoding="utf-8")
    with pytest.raises(EditError) as caught:
        editing.set_activity_fields(base, "UPP-001", ["progress=1"])
    assert "not valid YAML" in caught.value.message()


def test_only_warnings_the_edit_brings_are_reported(base: Path) -> None:
    first = editing.set_activity_status(base, "UPP-001", "completed", end=date(2026, 5, 1))
    assert [d.code for d in first.warnings] == ["R005"]  # the milestone of 2026-06-30 is now outside the period
    second = editing.set_activity_fields(base, "UPP-001", ["description=Klar."])
    assert second.changed and second.warnings == []


def test_lines_ruamel_would_respace_are_kept_when_the_edit_is_elsewhere(base: Path) -> None:
    plan = base / "upplevelser.yaml"
    odd = plan.read_text(encoding="utf-8").replace("vision: En levande", "vision:    En levande").replace(
        "    title: Cykelleder i Åre", '    title:   "Cykelleder i Åre"   # titel')
    plan.write_text(odd, encoding="utf-8")
    assert EditableFile.load(plan).base_dump != odd  # ruamel alone would rewrite those two lines
    editing.set_activity_fields(base, "UPP-001", ["progress=41"])
    editing.record_actual(base, "UPP-I1", "2026-2", 150, municipality="are")
    expected = odd.replace("    progress: 40", "    progress: 41").replace(
        "        value: 131\n", "        value: 131\n      - period: 2026-2\n        value: 150\n        municipality: are\n")
    assert plan.read_text(encoding="utf-8") == expected


def test_comments_below_a_list_stay_below_what_is_appended(base: Path) -> None:
    plan = base / "upplevelser.yaml"
    text = plan.read_text(encoding="utf-8").replace("\nactivities:\n", "\n\n# Insatserna\nactivities:\n")
    text = text[: text.index("consultations:\n")]  # the activities last in the file
    plan.write_text(text + "# slut på filen\n", encoding="utf-8")
    editing.record_actual(base, "UPP-I1", "2025-2", 140)
    editing.add_activity(base, "UPP", {"title": "Ny", "sub_area": "UPP-D1", "period": {"start": date(2027, 1, 1)},
                                       "phase": "analysis", "status": "idea", "whole_county": True,
                                       "sustainability": {"social": "unknown", "economic": "unknown", "environmental": "unknown"},
                                       "sami": {"relevance": "none"}})
    after = plan.read_text(encoding="utf-8")
    assert "      - period: 2025-2\n        value: 140\n\n# Insatserna\nactivities:\n" in after
    assert "  - id: UPP-003\n" in after
    assert after.endswith("      relevance: none\n# slut på filen\n")


def test_a_file_changed_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    from rus.base.errors import WriteError
    from rus.writing.formatting import replace_text

    path = tmp_path / "plan.yaml"
    path.write_text("area: upplevelser  # saved in an editor meanwhile\n", encoding="utf-8")
    with pytest.raises(WriteError) as caught:
        replace_text(path, "area: upplevelser\n", "area: upplevelser\n\n", "plan.yaml")
    assert "changed while rus was working" in caught.value.message()
    assert path.read_text(encoding="utf-8") == "area: upplevelser  # saved in an editor meanwhile\n"


def test_a_file_that_cannot_be_written_is_a_write_error() -> None:
    from rus.base.errors import ExitCode, WriteError
    from rus.writing.formatting import replace_text

    # /proc takes no new files, not even from root: the temporary file beside the target fails.
    target = Path("/proc/version")
    if not target.is_file():
        pytest.skip("needs Linux /proc")
    before = target.read_bytes().decode("utf-8")
    with pytest.raises(WriteError) as caught:
        replace_text(target, before, before + "x", "version")
    assert caught.value.exit_code is ExitCode.FAILURE
    assert "cannot be written" in caught.value.message()


def test_an_edit_keeps_the_meaning_of_cr_cr_lf(base: Path) -> None:
    """``\\r\\r\\n`` is two line breaks to every YAML reader; an edit elsewhere must keep it so."""
    import yaml

    plan = base / "upplevelser.yaml"
    text = plan.read_text(encoding="utf-8").replace("\n", "\r\n")
    text = text.replace("    title: Kulturarvsvandringar\r\n", "    title: >\r\n      Kulturarvs-\r\r\n      vandringar\r\n")
    plan.write_bytes(text.encode("utf-8"))
    before = yaml.safe_load(text)
    assert before["activities"][1]["title"] == "Kulturarvs-\nvandringar\n"
    editing.set_activity_fields(base, "UPP-002", ["description=Ny beskrivning"])
    after = yaml.safe_load(plan.read_bytes().decode("utf-8"))
    assert after["activities"][1]["title"] == before["activities"][1]["title"]
    assert after["activities"][1]["description"] == "Ny beskrivning"
