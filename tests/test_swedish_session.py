"""A facilitator's session after a mobilising meeting, in Swedish, on the rus command line (in process):
meeting, new activity, status change, an actual, two hand-made mistakes, fix, commit, undo, diff and
the report. Every word the user sees is checked against a list of English words; what may stay
English is allowed explicitly: codes, slugs, ids, keys of the plan files, paths and plan content."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from rus.base.vocab import VOCABULARIES
from rus.plans.models import Activity, Actor, Indicator, Meeting, Plan
from tests.conftest import rus_in_process
from tests.edit_helpers import GIT_ENV, plans_repo

#: English words that must not reach a Swedish reader (whole words, any case).
ENGLISH = frozenset(
    # not "status", "plan", "revision", "period" or "problem": they are Swedish words too
    [
        "the", "and", "or", "of", "to", "for", "with", "from", "into", "was", "were", "has", "have", "had",
        "not", "no", "yes", "is", "are", "be", "been", "this", "that", "these", "error", "errors", "warning",
        "warnings", "hint", "hints", "file", "files", "folder", "checked", "found", "problems", "usage",
        "options", "option", "arguments", "argument", "commands", "command", "help", "show", "try", "message",
        "exit", "invalid", "missing", "added", "updated", "recorded", "removed", "changed", "activity",
        "activities", "indicator", "indicators", "plans", "meeting", "actor", "actors", "change", "changes",
        "summary", "repair", "repairs", "made", "would", "nothing", "committed", "commit", "undo", "undone",
        "revisions", "value", "values", "allowed", "did", "you", "mean", "please", "run", "see", "default",
        "required", "unknown", "cannot", "could", "should", "must", "only", "also", "which", "what", "when",
        "where", "how", "new", "old", "last", "first", "ongoing", "planned", "paused", "completed", "cancelled",
        "analysis", "governance", "evaluation", "contributes",
    ]
)

#: What may stay as written although it is English: the slugs of every vocabulary and the keys of
#: the plan files (the syntax of a plan), whatever stands in `code`, ids, codes and paths.
SLUGS = {member.value for vocab in VOCABULARIES for member in vocab}
KEYS = {key for model in (Plan, Activity, Indicator, Meeting, Actor) for key in model.model_fields}
ALLOWED_PATTERNS = (
    r"`[^`]*`",  # code: keys, values, commands as typed
    r"\b[A-Z]{3}-[A-Z]?[0-9]+\b",  # ids: UPP-003, UPP-I2
    r"\b[SRHYF][0-9]{3}\b",  # codes
    r"\S+\.ya?ml\b|\S+/\S*",  # paths
    r"\b[0-9a-f]{7,40}\b",  # commit ids
    r"--[a-z-]+",  # options as typed
    r"^[-+@].*$",  # diff lines (plan content)
)


def english_words(text: str, content: set[str]) -> list[str]:
    """The English words in ``text`` outside what is allowed."""
    for pattern in ALLOWED_PATTERNS:
        text = re.sub(pattern, " ", text, flags=re.MULTILINE)
    words = re.findall(r"[A-Za-zÅÄÖåäöé]+", text)
    return sorted({w for w in words if w.lower() in ENGLISH and w not in SLUGS | KEYS and w.lower() not in content})


def _content_words(root: Path) -> set[str]:
    """Words of the plans' own text (titles, descriptions), which are content, not the tool's words."""
    words: set[str] = set()
    for path in (root / "plans").glob("*.yaml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            _, _, value = line.partition(":")
            words.update(w.lower() for w in re.findall(r"[A-Za-zÅÄÖåäö]+", value))
    return words - {"status"}


@pytest.mark.slow  # a whole session: edits, commit, undo and the report with its charts
def test_a_facilitators_session_in_swedish(tmp_path: Path) -> None:
    root = plans_repo(tmp_path)
    env = {"LANG": "sv_SE.UTF-8", "RUS_LANG": "", **GIT_ENV}
    content = _content_words(root)
    seen: list[tuple[str, str]] = []

    def rus(*args: str, code: int = 0) -> str:
        done = rus_in_process(*args, cwd=root, env=env)
        said = done.stdout + done.stderr
        assert done.returncode == code, (args, said)
        seen.append((" ".join(args), said))
        return said

    rus("meeting", "record", "Upplevelser", "--date", "2026-10-08", "--place", "Funäsdalen",
        "--participant", "rjh", "--participant", "miun")
    said = rus("activity", "add", "UPP", "--title", "Vinterleder för cykel", "--sub-area", "UPP-D1",
               "--start", "2026-11-01", "--phase", "Policymix", "--status", "Planerad", "--municipality", "Åre",
               "--priority", "Utveckla styrkeområdena",
               "--national-area", "Innovation och förnyelse samt entreprenörskap och företagande i hela landet", "--social", "bidrar", "--sami", "ingen", "--goal", "UPP-M1",
               "--lead", "rjh")
    new_id = re.search(r"insatsen (UPP-[0-9]+)", said)
    assert new_id, said
    assert "Planerad → Pågående" in rus("activity", "status", "UPP-003", "pågående")
    rus("indicator", "record", "UPP-I2", "2026-2", "44")

    # two mistakes made by hand: a status by its label, a key by its Swedish name
    plan = root / "plans" / "upplevelser.yaml"
    text = plan.read_text(encoding="utf-8")
    block = text[text.index(f"id: {new_id.group(1)}"):]
    edited = block.replace("    status: planned\n", "    status: Planerad\n", 1).replace("    priorities:\n", "    prioriteringar:\n", 1)
    assert edited != block
    plan.write_text(text.replace(block, edited), encoding="utf-8")
    said = rus("validate", code=1)
    assert "Menade du `planned` (Planerad)?" in said and "Menade du `priorities`?" in said
    assert "2 rättelser gjorda" in rus("fix")
    assert "Inga problem hittades" in rus("validate")

    assert "Incheckat" in rus("commit")
    assert "Ångrat med den nya incheckningen" in rus("undo", "--yes")
    rus("diff", "HEAD~2", "HEAD~1")
    rus("status")
    report = tmp_path / "rapport.md"
    rus("report", "--format", "markdown", "--output", str(report), "--year", "2026")
    seen.append(("report", report.read_text(encoding="utf-8")))

    leaks = {command: found for command, said in seen if (found := english_words(said, content))}
    assert leaks == {}, "\n".join(f"{c}: {w}\n{dict(seen)[c]}" for c, w in leaks.items())
    log = subprocess.run(["git", "log", "--format=%s"], cwd=root, capture_output=True, text=True, check=True,
                         env={**os.environ, **GIT_ENV}).stdout
    assert log.startswith("Ångra: ")


def test_the_word_check_finds_english() -> None:
    assert {"Usage", "OPTIONS", "No", "option"} <= set(english_words("Usage: rus validate [OPTIONS]\nNo such option: --nope", set()))
    assert english_words("Status för UPP-003: Planerad → Pågående (`ongoing`) i plans/x.yaml", set()) == []
    assert english_words("3 files checked", set()) == ["checked", "files"]
