"""The yearly report as JSON: every number behind every table and chart, in a versioned shape.

The shape is documented in docs/report.md ("The JSON report"). It is a serialisation of the same
:class:`rus.reporting.report.Report` the HTML and Markdown renderers are built from, so the three can never
disagree. Vocabulary values are their slugs (``ongoing``, ``appropriation-1-1``), amounts whole
kronor, shares fractions (0.25, not 25 %), dates ISO 8601. A new section is a new key of
``sections``; a change that moves or removes a key raises ``schema_version``.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from enum import Enum
from typing import Any

from rus.reporting.report import Report

#: The version of the JSON shape; raise it when a key is moved, renamed or removed.
SCHEMA_VERSION = 1

#: The sections in the order of the report: the ten questions, the next steps, then the EU
#: fulfilment criteria and the goal conflicts across areas (shown in the HTML with question 7), the
#: evaluations of the period and the national strategy's strategic areas.
SECTIONS: tuple[str, ...] = (
    "status",
    "priorities",
    "funding",
    "indicators",
    "municipalities",
    "sustainability",
    "conflicts",
    "sami",
    "participation",
    "learning",
    "next_steps",
    "criteria",
    "cross_area_conflicts",
    "evaluations",
    "national_areas",
)

#: Computed figures (properties) that belong in a section's object beside its fields.
_DERIVED: dict[str, tuple[str, ...]] = {
    "funding": ("leverage",),
    "municipalities": ("mentions",),
    "criteria": ("lacking", "not_of_period"),
    "cross_area_conflicts": ("across",),
    "evaluations": ("changes",),
}

#: Computed figures (properties) that belong in each row of a section's ``rows``.
_ROW_DERIVED: dict[str, tuple[str, ...]] = {
    "criteria": ("evidenced", "of_period"),
    "cross_area_conflicts": ("across_areas",),
}


def plain(value: Any) -> Any:
    """A report value as JSON data: dataclasses as objects, vocabulary as slugs, dates as ISO."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(plain(k)): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [plain(v) for v in value]
        return sorted(items) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, float):
        return round(value, 6)
    return value


def report_data(report: Report) -> dict[str, Any]:
    """The report as a JSON-ready mapping: ``schema_version``, ``year``, ``totals``, ``sections``."""
    window = report.window
    sections: dict[str, Any] = {}
    for name in SECTIONS:
        section = getattr(report, name)
        data = plain(section)
        for extra in _DERIVED.get(name, ()):
            data[extra] = plain(getattr(section, extra))
        for extra in _ROW_DERIVED.get(name, ()):
            for row, row_data in zip(section.rows, data["rows"], strict=True):
                row_data[extra] = plain(getattr(row, extra))
        sections[name] = data
    return {
        "schema_version": SCHEMA_VERSION,
        "region": _region_name(),
        "year": window.year,
        "period": {
            "from": window.first,
            "to": window.last,
            "start": window.start_date.isoformat(),
            "end": window.end_date.isoformat(),
            "years": list(window.years),
            "from_revision": window.from_revision,
            "to_revision": window.to_revision,
        },
        "compiled": report.today.isoformat(),
        "plans": {area.value: report.revisions[area] for area in report.areas},
        "history": [
            {"area": area.value, "revision": revision, "date": when.isoformat()}
            for area, revision, when in report.history
        ],
        "totals": {
            "granted_sek": report.funding.granted_sek,
            "paid_sek": report.funding.paid_sek,
            "co_funding_sek": report.funding.co_funding_sek,
            "activities": report.status.in_scope,
            "indicators": len(report.indicators.rows),
            "meetings": len(report.participation.meetings),
        },
        "sections": sections,
    }


def render_json(report: Report) -> str:
    """The report as a JSON document (UTF-8 text, keys in a stable order)."""
    return json.dumps(report_data(report), ensure_ascii=False, indent=2) + "\n"


def _region_name() -> dict[str, str]:
    from rus.base.vocab import active_region

    name = active_region().name
    return {"sv": name.text("sv"), "en": name.text("en")}
