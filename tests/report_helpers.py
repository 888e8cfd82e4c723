"""A small plans repository with three recorded revisions, for the report and follow-up tests.

The numbers the tests expect are worked out by hand from the three revisions below (see the
comments in ``test_report.py``); change a revision here and those expectations must change too.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from tests import gitrepo

AUTHOR = {"GIT_AUTHOR_NAME": gitrepo.REPORTER.name, "GIT_AUTHOR_EMAIL": gitrepo.REPORTER.email,
          "GIT_COMMITTER_NAME": gitrepo.REPORTER.name, "GIT_COMMITTER_EMAIL": gitrepo.REPORTER.email}

REGISTRY_1: dict[str, Any] = {
    "actors": [
        {"id": "rjh", "name": "Region Jämtland Härjedalen", "helix": "public", "municipality": "ostersund",
         "ladder": {"upplevelser": "does"}},
        {"id": "miun", "name": "Mittuniversitetet", "helix": "academia", "municipality": "ostersund",
         "ladder": {"upplevelser": "wants"}},
        {"id": "gaaltije", "name": "Gaaltije", "helix": "civil-society", "municipality": "ostersund",
         "sami_organisation": True},
        {"id": "fjallbyn", "name": "Fjällbyns turism AB", "helix": "business", "municipality": "are",
         "ladder": {"upplevelser": "understands"}},
    ]
}


def _activity(ident: str, title: str, status: str, start: str, end: str | None, **extra: Any) -> dict[str, Any]:
    activity: dict[str, Any] = {
        "id": ident, "title": title, "sub_area": "UPP-D1", "goals": ["UPP-M1"], "lead": ["rjh"],
        "period": {"start": start, **({"end": end} if end else {})}, "status": status,
        "phase": "policy-mix",
        "sustainability": {"social": "contributes", "economic": "contributes", "environmental": "neutral"},
    }
    activity.update(extra)
    return activity


def _plan(revision: str, meeting: str, activities: list[dict[str, Any]], actuals: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "area": "upplevelser", "revision": revision, "state": "adopted",
        "meeting": {"date": meeting, "place": "Funäsdalen", "participants": ["rjh", "miun", "fjallbyn"], "cycle": ["policy-mix"],
                    "notes": f"Möte inför revision {revision}."},
        "vision": "En levande destination året runt.",
        "sub_areas": [{"id": "UPP-D1", "name": "Året runt-turism"}],
        "goals": [{"id": "UPP-M1", "title": "Fler året runt-jobb", "sub_areas": ["UPP-D1"]}],
        "indicators": [{
            "id": "UPP-I1", "goal": "UPP-M1", "name": "Antal helårsanställda", "kind": "result",
            "unit": "antal personer", "baseline": {"value": 100, "year": 2021},
            "target": {"value": 160, "year": 2027}, "actuals": actuals,
        }],
        "activities": activities,
        # the consultation on the cycle paths (UPP-001), wherever that activity is in the plan
        "consultations": [{
            "id": "UPP-K1", "form": "dialogue", "activities": ["UPP-001"], "actors": ["gaaltije"],
            "date": "2026-03-12", "notes": "Samråd med samebyn 2026-03-12.",
        }] if any(a["id"] == "UPP-001" for a in activities) else [],
    }


def _cycling(status: str, priorities: list[str], funding: list[dict[str, Any]], milestones: list[dict[str, Any]]) -> dict[str, Any]:
    return _activity(
        "UPP-001", "Cykelleder i Åre", status, "2026-01-01", "2027-12-31",
        municipalities=["are"], priorities=priorities, funding=funding, milestones=milestones,
        partners=[{"actor": "fjallbyn", "role": "implementing"}],
        sustainability={"social": "contributes", "economic": "contributes", "environmental": "risk"},
        sami={"relevance": "direct", "touches": ["land-and-water", "reindeer-husbandry"]},
        goal_conflicts=[{"between": ["environmental", "economic"], "description": "Slitage på känslig mark.",
                         "handling": "Leder dras utanför kalvningsland.", "state": "handling"}],
    )


def _heritage(status: str, **extra: Any) -> dict[str, Any]:
    return _activity(
        "UPP-002", "Kulturarvsvandringar", status, "2025-01-01", "2026-06-30", whole_county=True,
        priorities=["whole-county"], phase="evaluation",
        funding=[{"source": "appropriation-1-1", "instrument": "project-grant", "amount_sek": 400000, "state": "granted",
                  "year": 2025, "payments": [{"year": 2025, "amount_sek": 200000}, {"year": 2026, "amount_sek": 150000}]}],
        sami={"relevance": "none"}, **extra,
    )


def _dam(status: str, **extra: Any) -> dict[str, Any]:
    return _activity("UPP-003", "Besöksplan vid Döda fallet", status, "2026-03-01", "2026-12-31",
                     municipalities=["ragunda"], priorities=["sustainable-development"], sami={"relevance": "none"}, **extra)


def revisions() -> list[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    """The three revisions: (revision, tag date, plan, actor registry), oldest first."""
    erdf_applied = {"source": "erdf", "instrument": "project-grant", "amount_sek": 1000000, "state": "applied", "year": 2025}
    erdf_granted = {**erdf_applied, "state": "granted", "year": 2026}
    private = {"source": "private", "instrument": "in-kind", "amount_sek": 500000, "state": "granted", "year": 2026,
               "payments": [{"year": 2026, "amount_sek": 250000}]}
    signs = {"date": "2026-09-30", "title": "Skyltning klar"}
    bus = {"date": "2026-12-15", "title": "Cykelbuss upphandlad"}
    first = _plan("2025-2", "2025-10-15", [
        _cycling("planned", ["strength-areas"], [erdf_applied], [signs, bus]),
        _heritage("ongoing", progress=60),
        _dam("idea"),
    ], [{"period": "2025-2", "value": 110}])
    second = _plan("2026-1", "2026-04-20", [
        _cycling("ongoing", ["strength-areas"], [erdf_granted, private], [signs, bus]),
        _heritage("ongoing", progress=90),
        _dam("planned"),
    ], [{"period": "2025-2", "value": 110}, {"period": "2026-1", "value": 120}])
    third = _plan("2026-2", "2026-10-20", [
        _cycling("ongoing", ["strength-areas", "whole-county"], [erdf_granted, private], [signs, bus]),
        _heritage("completed", progress=100, status_note="Klar enligt plan."),
        _dam("cancelled", status_note="Ingen projektägare hittades.", replaced_by="UPP-004"),
        _activity(
            "UPP-004", "Besöksnäring i Bergs och Härjedalens fjällbyar", "planned", "2026-11-01", "2027-10-31",
            municipalities=["berg", "harjedalen"], priorities=["whole-county", "sustainable-development"],
            funding=[
                {"source": "appropriation-1-1", "instrument": "project-grant", "amount_sek": 300000, "state": "applied", "year": 2026},
                {"source": "regional", "instrument": "project-grant", "amount_sek": 200000, "state": "rejected", "year": 2026},
            ],
            sami={"relevance": "indirect"},
            goal_conflicts=[{"between": ["besöksnäring", "rennäring"], "description": "Fler besökare i betesland.",
                             "state": "identified"}],
        ),
    ], [{"period": "2025-2", "value": 110}, {"period": "2026-1", "value": 118}, {"period": "2026-2", "value": 131}])
    registry_2 = copy.deepcopy(REGISTRY_1)
    registry_2["actors"][3]["ladder"]["upplevelser"] = "wants"
    registry_3 = copy.deepcopy(registry_2)
    registry_3["actors"][3]["ladder"]["upplevelser"] = "does"
    registry_3["actors"][2]["ladder"] = {"upplevelser": "sees-hears"}
    return [
        ("2025-2", "2025-10-16T12:00:00+02:00", first, REGISTRY_1),
        ("2026-1", "2026-04-21T12:00:00+02:00", second, registry_2),
        ("2026-2", "2026-10-21T12:00:00+02:00", third, registry_3),
    ]


def git(root: Path, *args: str, when: str = gitrepo.REPORTER.when) -> str:
    """Run git in ``root`` with a fixed author and clock (and ``root`` as home: no user config)."""
    return gitrepo.git(root, *args, identity=gitrepo.REPORTER, when=when, home=str(root))


def write_plans(folder: Path, plan: dict[str, Any], registry: dict[str, Any]) -> None:
    """Write a plan and an actor registry as YAML files."""
    folder.mkdir(parents=True, exist_ok=True)
    dump = {"allow_unicode": True, "sort_keys": False}
    (folder / "upplevelser.yaml").write_text(yaml.safe_dump(plan, **dump), encoding="utf-8")  # type: ignore[arg-type]
    (folder / "actors.yaml").write_text(yaml.safe_dump(registry, **dump), encoding="utf-8")  # type: ignore[arg-type]


def make_repo(root: Path, count: int = 3, tag: bool = True) -> Path:
    """A git repository whose plans went through the first ``count`` revisions, each committed and tagged."""
    gitrepo.new_repo(root, gitrepo.REPORTER, "main", home=str(root))
    for revision, when, plan, registry in revisions()[:count]:
        write_plans(root / "plans", plan, registry)
        git(root, "add", "plans", when=when)
        git(root, "commit", "-q", "-m", f"Revision {revision}", when=when)
        if tag:
            git(root, "tag", "-a", f"upplevelser/{revision}", "-m", f"Upplevelser {revision}", when=when)
    return root
