"""The yearly report as a document of plain blocks (headings, paragraphs, tables, charts).

The HTML and Markdown renderers serialise the same blocks, so both say exactly the same thing; all
wording and number formatting happens here, all escaping in the serialisers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict

from rus.base.codes import N_
from rus.base.i18n import translate
from rus.base.vocab import (
    Dimension,
    EvaluationKind,
    Helix,
    LadderStep,
    Lang,
    Rating,
    Status,
    active_region,
)
from rus.reporting.charts import Chart
from rus.reporting.report import (
    VERDICT_BEHIND,
    VERDICT_NO_DATA,
    VERDICT_ON_TRACK,
    VERDICT_REACHED,
    VERDICT_WRONG_WAY,
    ActivityRef,
    CriterionRow,
    CrossConflictRow,
    IndicatorSection,
    Report,
    number,
    years_text,
)


@dataclass(frozen=True)
class Heading:
    """A heading; ``anchor`` is the id to link to."""

    level: int
    text: str
    anchor: str = ""


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of plain text; ``note`` marks a caveat the reader must not miss."""

    text: str
    note: bool = False


@dataclass(frozen=True)
class Bullets:
    """A list of plain-text items; ``anchors`` (one per item) make them links within the report."""

    items: list[str]
    anchors: list[str] | None = None


@dataclass(frozen=True)
class Table:
    """A table of plain-text cells; ``numeric`` lists the columns to align right."""

    caption: str
    headers: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Figure:
    """A chart, shown with its title and its text alternative."""

    chart: Chart


Block = Heading | Paragraph | Bullets | Table | Figure


@dataclass
class ReportDocument:
    """A rendered-to-blocks report: its title, language and blocks."""

    title: str
    lang: Lang
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        """Append blocks."""
        self.blocks.extend(blocks)


#: The ten questions, in order, with their anchors.
QUESTIONS: tuple[tuple[str, str], ...] = (
    (
        "status",
        N_(
            "Which activities were ongoing, completed, paused or cancelled, per area, and what "
            "changed between the revisions?"
        ),
    ),
    ("priorities", N_("How do the activities serve each long-term priority (count and SEK)?")),
    (
        "funding",
        N_("How was money used per source and instrument, and how much co-funding was drawn in?"),
    ),
    ("indicators", N_("What did the indicators show against baseline and target?")),
    (
        "municipalities",
        N_("Where in the county did the efforts land, and which municipalities are thin?"),
    ),
    (
        "sustainability",
        N_(
            "How were the three sustainability dimensions integrated, and which activities carry "
            "a risk?"
        ),
    ),
    ("conflicts", N_("Which goal conflicts were identified, and how were they handled?")),
    ("sami", N_("Which activities affect Sámi conditions, and was there consultation?")),
    (
        "participation",
        N_(
            "How broad was participation: actors per helix type and movement up the "
            "Samhandlingstrappan?"
        ),
    ),
    ("learning", N_("What did the learning loop change in priorities, and why?")),
)

_VERDICT_TEXT = {
    VERDICT_REACHED: N_("target reached"),
    VERDICT_ON_TRACK: N_("on track"),
    VERDICT_BEHIND: N_("behind"),
    VERDICT_WRONG_WAY: N_("moving away from target"),
    VERDICT_NO_DATA: N_("no actuals"),
}


#: How the semantic diff's categories read with their count ("added: 3").
_CATEGORY_TEXT = {
    "added": N_("added: {n}"),
    "removed": N_("removed: {n}"),
    "replaced": N_("replaced: {n}"),
    "cancelled": N_("cancelled: {n}"),
    "completed": N_("completed: {n}"),
    "changed": N_("changed: {n}"),
}


def verdict_text(verdict: str, lang: Lang) -> str:
    """An indicator verdict in words."""
    return translate(_VERDICT_TEXT[verdict], lang)


def value(amount: float, lang: Lang) -> str:
    """A measured value: whole numbers as they are, others with one decimal."""
    return number(amount, lang, 0 if float(amount).is_integer() else 1)


def sek(amount: int, lang: Lang) -> str:
    """An amount of money in kronor."""
    return translate(N_("{amount} SEK"), lang).format(amount=number(amount, lang))


def percent(share: float, lang: Lang) -> str:
    """A share as a whole percentage."""
    return f"{round(share * 100)}\u00a0%" if lang == "sv" else f"{round(share * 100)}%"


def and_list(items: list[str], lang: Lang) -> str:
    """Items as a sentence lists them: "a, b och c" in Swedish, "a, b and c" in English."""
    if len(items) <= 1:
        return "".join(items)
    word = "och" if lang == "sv" else "and"
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


#: The headings of the two sections after the EU fulfilment criteria.
_EVALUATIONS = N_("Evaluations of the year and what changed because of them")
_NATIONAL_AREAS = N_("Activities and money by the strategic areas of the national strategy")


def _t(message: str, lang: Lang, **params: object) -> str:
    text = translate(message, lang)
    return text.format(**params) if params else text


def _say(doc: ReportDocument, message: str, lang: Lang, *, note: bool = False, **params: object) -> None:
    """Add a paragraph of one message in the report's language (``note``: a caveat not to miss)."""
    doc.add(Paragraph(_t(message, lang, **params), note=note))


class _VerdictCounts(TypedDict):
    total: int
    reached: int
    on_track: int
    behind: int
    wrong: int
    none: int


def _verdict_counts(section: IndicatorSection) -> _VerdictCounts:
    """How many indicators there are and how many have each verdict, as the messages name them."""
    return _VerdictCounts(
        total=len(section.rows),
        reached=section.count(VERDICT_REACHED),
        on_track=section.count(VERDICT_ON_TRACK),
        behind=section.count(VERDICT_BEHIND),
        wrong=section.count(VERDICT_WRONG_WAY),
        none=section.count(VERDICT_NO_DATA),
    )


def _interest(name: str, lang: Lang) -> str:
    """A side of a goal conflict: a sustainability dimension by its label, any other interest as written."""
    return Dimension(name).text(lang) if name in Dimension._value2member_map_ else name


def _ref(ref: ActivityRef) -> str:
    return f"{ref.id} {ref.title}"


def build_document(report: Report, charts: dict[str, Chart], lang: Lang) -> ReportDocument:
    """The report as blocks in one language, with the given charts placed next to their tables."""
    if report.window.year is not None:
        title = _t(
            N_("Smart specialisation in {region}: follow-up of the action plans {year}"),
            lang,
            region=active_region().name.text(lang),
            year=report.window.year,
        )
    else:
        title = _t(
            N_(
                "Smart specialisation in {region}: follow-up of the action plans "
                "{first} to {last}"
            ),
            lang,
            region=active_region().name.text(lang),
            first=report.window.from_revision or report.window.first,
            last=report.window.to_revision or report.window.last,
        )
    doc = ReportDocument(title, lang)
    doc.add(Heading(1, title, "top"))
    _front(doc, report, lang)
    sections = (
        _status,
        _priorities,
        _funding,
        _indicators,
        _municipalities,
        _sustainability,
        _conflicts,
        _sami,
        _participation,
        _learning,
    )
    for number_, ((anchor, question), section) in enumerate(
        zip(QUESTIONS, sections, strict=True), start=1
    ):
        doc.add(Heading(2, f"{number_}. {translate(question, lang)}", anchor))
        section(doc, report, charts, lang)
    doc.add(Heading(2, _t(N_("The EU fulfilment criteria for smart specialisation"), lang), "criteria"))
    _criteria(doc, report, lang)
    doc.add(Heading(2, _t(_EVALUATIONS, lang), "evaluations"))
    _evaluations(doc, report, lang)
    doc.add(Heading(2, _t(_NATIONAL_AREAS, lang), "national-areas"))
    _national_areas(doc, report, lang)
    doc.add(Heading(2, _t(N_("Next steps"), lang), "next-steps"))
    _next_steps(doc, report, lang)
    return doc


def _summary(doc: ReportDocument, report: Report, lang: Lang) -> None:
    years = years_text(report.window.years)
    status = report.status
    funding = report.funding
    indicators = report.indicators
    started = status.totals[Status.ONGOING] + status.totals[Status.PAUSED]
    items = [
        _t(
            N_(
                "Activities in the report: {total}; ongoing or paused: {started}; completed: "
                "{completed}; cancelled: {cancelled}; ideas and planned: {ahead}."
            ),
            lang,
            total=status.in_scope,
            started=started,
            completed=status.totals[Status.COMPLETED],
            cancelled=status.totals[Status.CANCELLED],
            ahead=status.totals[Status.IDEA] + status.totals[Status.PLANNED],
        ),
        _t(
            N_("Granted in {years}: {granted}, of which co-funding {co}. Paid out in {years}: {paid}."),
            lang,
            years=years,
            granted=sek(funding.granted_sek, lang),
            co=sek(funding.co_funding_sek, lang),
            paid=sek(funding.paid_sek, lang),
        ),
        _t(
            N_(
                "Indicators: {total}; target reached {reached}, on track {on_track}, behind "
                "plan {behind}, moving away from the target {wrong}, without values {none}."
            ),
            lang,
            **_verdict_counts(indicators),
        ),
        _t(
            N_("Mobilising meetings in the period: {meetings}; next steps named: {steps}."),
            lang,
            meetings=len(report.participation.meetings),
            steps=len(report.next_steps.activities),
        ),
    ]
    if report.municipalities.thin:
        items.append(
            _t(
                N_("Municipalities with few activities: {names}."),
                lang,
                names=and_list([m.text(lang) for m in report.municipalities.thin], lang),
            )
        )
    criteria = report.criteria
    if criteria.has_programme:
        lacking = criteria.lacking
        items.append(
            _t(
                N_("EU fulfilment criteria with evidence: {evidenced} of {total}; without evidence: {lacking}."),
                lang,
                evidenced=len(criteria.rows) - len(lacking),
                total=len(criteria.rows),
                lacking=and_list([str(c.number) for c in lacking], lang) if lacking else _t(N_("none"), lang),
            )
        )
    doc.add(Heading(2, _t(N_("Summary"), lang), "summary"), Bullets(items))


def _next_steps(doc: ReportDocument, report: Report, lang: Lang) -> None:
    section = report.next_steps
    if not section.activities:
        _say(
            doc,
            N_("The plans name no ideas, planned activities or milestones ahead."),
            lang,
            note=True,
        )
        return
    _say(
        doc,
        N_(
            "Ideas and planned activities, activities starting after the period, and the "
            "milestones not yet reached until {until}."
        ),
        lang,
        until=section.until.isoformat(),
    )
    rows = [
        [
            _ref(step.activity),
            step.activity.area.text(lang),
            step.status.text(lang),
            step.start.isoformat(),
            "; ".join(f"{when.isoformat()} {title}" for when, title in step.milestones) or "–",
        ]
        for step in section.activities
    ]
    doc.add(
        Table(
            _t(N_("Next steps"), lang),
            [
                _t(N_("Activity"), lang),
                _t(N_("Strength area"), lang),
                _t(N_("Status"), lang),
                _t(N_("Start"), lang),
                _t(N_("Milestones ahead"), lang),
            ],
            rows,
        )
    )


def _front(doc: ReportDocument, report: Report, lang: Lang) -> None:
    window = report.window
    _say(
        doc,
        N_(
            "The report covers the revision periods {first} to {last} ({start} to "
            "{end}). It was compiled from the action plans on {today}."
        ),
        lang,
        first=window.first,
        last=window.last,
        start=window.start_date.isoformat(),
        end=window.end_date.isoformat(),
        today=report.today.isoformat(),
    )
    if window.from_revision is not None and window.to_revision is not None:
        _say(
            doc,
            N_(
                "The changes are shown from the git revision {from_revision} to {to_revision}; "
                "the plans are read as they stand at {to_revision}."
            ),
            lang,
            from_revision=window.from_revision,
            to_revision=window.to_revision,
        )
    doc.add(
        Table(
            _t(N_("The plans the report is built from"), lang),
            [_t(N_("Strength area"), lang), _t(N_("Revision"), lang)],
            [[area.text(lang), report.revisions[area]] for area in report.areas],
        )
    )
    if report.has_history:
        items = [
            f"{area.text(lang)} {revision} ({when.date().isoformat()})"
            for area, revision, when in report.history
        ]
        doc.add(
            Paragraph(
                _t(N_("Revisions recorded in git and used for the changes over the period:"), lang)
            ),
            Bullets(items),
        )
    else:
        _say(
            doc,
            N_(
                "No revision history is recorded (no revision tags in git), so the "
                "changes between revisions cannot be shown. Every answer below is "
                "computed from the plans' own periods, statuses and indicator actuals "
                "per period."
            ),
            lang,
            note=True,
        )
    _say(
        doc,
        N_(
            "Activities count in the report when their period overlaps the reporting period, their status changed during it, or they are ideas or planned (the work ahead). Other activities of the plans, wholly outside the period: {out}."
        ),
        lang,
        out=report.status.out_of_scope,
    )
    _summary(doc, report, lang)
    doc.add(
        Heading(2, _t(N_("Contents"), lang), "contents"),
        Bullets(
            [f"{i}. {translate(q, lang)}" for i, (_, q) in enumerate(QUESTIONS, start=1)]
            + [
                _t(N_("The EU fulfilment criteria for smart specialisation"), lang),
                _t(_EVALUATIONS, lang),
                _t(_NATIONAL_AREAS, lang),
                _t(N_("Next steps"), lang),
            ],
            [*[anchor for anchor, _ in QUESTIONS], "criteria", "evaluations", "national-areas", "next-steps"],
        ),
    )


def _status(doc: ReportDocument, report: Report, charts: dict[str, Chart], lang: Lang) -> None:
    section = report.status
    statuses = list(Status)
    headers = (
        [_t(N_("Strength area"), lang)] + [s.text(lang) for s in statuses] + [_t(N_("Total"), lang)]
    )
    rows = [
        [area.text(lang)] + [str(counts[s]) for s in statuses] + [str(sum(counts.values()))]
        for area, counts in section.counts.items()
    ]
    rows.append(
        [_t(N_("All areas"), lang)]
        + [str(section.totals[s]) for s in statuses]
        + [str(section.in_scope)]
    )
    _say(
        doc,
        N_("Activities in the report (ongoing, ended or ahead): {count}."),
        lang,
        count=section.in_scope,
    )
    doc.add(
        Table(
            _t(N_("Activities by status and strength area"), lang),
            headers,
            rows,
            frozenset(range(1, len(headers))),
        )
    )
    if section.ended:
        _say(doc, N_("Activities that were completed or cancelled:"), lang)
        doc.add(
            Bullets(
                [
                    f"{_ref(ref)}: {status.text(lang)}" + (f". {note}" if note else "")
                    for ref, status, note in section.ended
                ]
            )
        )
    doc.add(Heading(3, _t(N_("Changes between the revisions"), lang)))
    if not section.steps:
        _say(
            doc,
            N_(
                "No revision history is recorded for the period, so the changes between "
                "the spring and autumn revisions cannot be computed. The plans' meeting "
                "notes below say what the meetings decided."
            ),
            lang,
            note=True,
        )
    for step in section.steps:
        summary = _t(
            N_(
                "{area}, {old} to {new}: new activities {added}, status changes {changed}, new indicator values {actuals}."
            ),
            lang,
            area=step.area.text(lang),
            old=step.from_revision,
            new=step.to_revision,
            added=len(step.added),
            changed=len(step.status_changes),
            actuals=step.new_actuals,
        )
        items = [_t(N_("new: {activity}"), lang, activity=_ref(ref)) for ref in step.added]
        items += [
            f"{_ref(c.activity)}: {c.old.text(lang)} → {c.new.text(lang)}"
            + (f" ({c.note})" if c.note else "")
            for c in step.status_changes
        ]
        if step.item_changes:
            parts = [
                translate(_CATEGORY_TEXT[category], lang).format(n=n)
                for category, n in step.item_changes.items()
                if n
            ]
            summary += " " + _t(
                N_(
                    "In all, the items of the plan (sub-areas, goals, indicators, activities): {parts}."
                ),
                lang,
                parts=", ".join(parts) or _t(N_("no changes"), lang),
            )
        doc.add(Paragraph(summary))
        if items:
            doc.add(Bullets(items))
    _meetings(doc, report, lang)


def _meetings(doc: ReportDocument, report: Report, lang: Lang) -> None:
    rows = [
        [
            m.area.text(lang),
            m.revision,
            m.date.isoformat(),
            m.place,
            str(m.participants),
            m.notes or "",
        ]
        for m in report.status.meetings
    ]
    doc.add(
        Table(
            _t(N_("The mobilising meetings the current plans build on"), lang),
            [
                _t(N_("Strength area"), lang),
                _t(N_("Revision"), lang),
                _t(N_("Date"), lang),
                _t(N_("Place"), lang),
                _t(N_("Actors taking part"), lang),
                _t(N_("Notes"), lang),
            ],
            rows,
            frozenset({4}),
        )
    )


def _priorities(doc: ReportDocument, report: Report, charts: dict[str, Chart], lang: Lang) -> None:
    rows = [
        [
            row.priority.text(lang),
            str(row.activities),
            sek(row.granted_sek, lang),
            sek(row.pipeline_sek, lang),
        ]
        for row in report.priorities.rows
    ]
    _say(
        doc,
        N_(
            "An activity that serves more than one long-term priority counts in each, so "
            "the rows overlap and their sum exceeds the whole. Granted is the money granted "
            "in {years}; applied for or planned is money not yet decided, whatever its year."
        ),
        lang,
        years=years_text(report.window.years),
    )
    doc.add(
        Table(
            _t(N_("Activities and SEK per long-term priority"), lang),
            [
                _t(N_("Long-term priority"), lang),
                _t(N_("Activities"), lang),
                _t(N_("Granted in {years}"), lang, years=years_text(report.window.years)),
                _t(N_("Applied for or planned"), lang),
            ],
            rows,
            frozenset({1, 2, 3}),
        )
    )
    if report.priorities.without_priority:
        _say(
            doc,
            N_("Activities that name no long-term priority: {list}"),
            lang,
            list=", ".join(r.id for r in report.priorities.without_priority),
            note=True,
        )
    if "money" in charts:
        doc.add(Figure(charts["money"]))


def _funding(doc: ReportDocument, report: Report, charts: dict[str, Chart], lang: Lang) -> None:
    section = report.funding
    years = years_text(section.years)
    _say(
        doc,
        N_(
            "Granted in {years}: {granted} (funding rows granted or paid out whose decision "
            "is dated {years}). Paid out in {years}: {paid} (payments made in {years}, also "
            "on rows decided earlier)."
        ),
        lang,
        years=years,
        granted=sek(section.granted_sek, lang),
        paid=sek(section.paid_sek, lang),
    )
    rows = [
        [
            row.source.text(lang),
            row.instrument.text(lang),
            sek(row.granted_sek, lang),
            sek(row.paid_sek, lang),
            sek(row.pipeline_sek, lang),
            sek(row.rejected_sek, lang),
        ]
        for row in section.rows
    ]
    rows.append(
        [
            _t(N_("All sources"), lang),
            "",
            sek(section.granted_sek, lang),
            sek(section.paid_sek, lang),
            sek(section.pipeline_sek, lang),
            sek(section.rejected_sek, lang),
        ]
    )
    doc.add(
        Table(
            _t(N_("Funding in {years} per source and instrument"), lang, years=years),
            [
                _t(N_("Source"), lang),
                _t(N_("Instrument"), lang),
                _t(N_("Granted"), lang),
                _t(N_("Paid out"), lang),
                _t(N_("Applied for or planned"), lang),
                _t(N_("Rejected"), lang),
            ],
            rows,
            frozenset({2, 3, 4, 5}),
        )
    )
    _say(
        doc,
        N_(
            "Of the money granted in {years}, {region} comes from the regional growth "
            "funds the region decides on (the state appropriation 1:1 Regional growth "
            "measures and the region's own funds) and {co} is co-funding: money that "
            "other sources (EU funds, state funds, municipalities and private parties, in "
            "cash or in kind) put next to it."
        ),
        lang,
        years=years,
        region=sek(section.region_granted_sek, lang),
        co=sek(section.co_funding_sek, lang),
    )
    if section.leverage is not None:
        _say(
            doc,
            N_(
                "Each krona granted from the regional growth funds was matched by {ratio} "
                "kronor of co-funding."
            ),
            lang,
            ratio=number(section.leverage, lang, 1),
        )
    if section.undated_granted_sek:
        _say(
            doc,
            N_(
                "Granted funding rows without a year, {amount}, are not counted in any "
                "year's money; give them the year of the decision ({list})."
            ),
            lang,
            amount=sek(section.undated_granted_sek, lang),
            list=", ".join(section.undated_activities),
            note=True,
        )
    doc.add(
        Table(
            _t(N_("Lifetime totals of the activities in the report (all years)"), lang),
            [_t(N_("Measure"), lang), _t(N_("Amount"), lang)],
            [
                [_t(N_("Activities with funding"), lang), str(section.lifetime_activities)],
                [_t(N_("Granted over the activities' lifetime"), lang), sek(section.lifetime_granted_sek, lang)],
                [_t(N_("Paid out so far"), lang), sek(section.lifetime_paid_sek, lang)],
            ],
            frozenset({1}),
        )
    )
    _say(
        doc,
        N_(
            "The lifetime totals span every year of the activities and so are not the "
            "money of {years}; do not add them to the figures above."
        ),
        lang,
        years=years,
    )


def _indicators(doc: ReportDocument, report: Report, charts: dict[str, Chart], lang: Lang) -> None:
    section = report.indicators
    _say(
        doc,
        N_(
            "Indicators: {total}. Target reached: {reached}; on track: {on_track}; behind: {behind}; moving away from the target: {wrong}; no actuals yet: {none}."
        ),
        lang,
        **_verdict_counts(section),
    )
    _say(
        doc,
        N_(
            "Progress is the share of the way from baseline to target that the latest "
            "county value has come; expected is the share a straight line from the "
            "baseline year to the target year reaches by that period. An indicator is "
            "behind when its progress is below the expected share."
        ),
        lang,
    )
    for area in report.areas:
        rows = [row for row in section.rows if row.area == area]
        if not rows:
            continue
        doc.add(Heading(3, area.text(lang)))
        chart = charts.get(f"indicators-{area.value}")
        if chart is not None:
            doc.add(Figure(chart))
        table_rows = []
        for row in rows:
            trajectory = "; ".join(f"{p.period}: {value(p.value, lang)}" for p in row.trajectory)
            table_rows.append(
                [
                    row.id,
                    row.name,
                    row.unit,
                    f"{value(row.baseline.value, lang)} ({row.baseline.period})",
                    f"{value(row.target.value, lang)} ({row.target.period})",
                    trajectory or "–",
                    percent(row.progress, lang) if row.progress is not None else "–",
                    percent(row.expected, lang) if row.expected is not None else "–",
                    verdict_text(row.verdict, lang)
                    + ("" if row.higher_is_better else " " + _t(N_("(lower is better)"), lang))
                    + (
                        " "
                        + _t(
                            N_("(values for {periods} were revised)"),
                            lang,
                            periods=", ".join(row.revised),
                        )
                        if row.revised
                        else ""
                    ),
                ]
            )
        doc.add(
            Table(
                _t(N_("Indicators of {area}"), lang, area=area.text(lang)),
                [
                    _t(N_("Id"), lang),
                    _t(N_("Indicator"), lang),
                    _t(N_("Unit"), lang),
                    _t(N_("Baseline"), lang),
                    _t(N_("Target"), lang),
                    _t(N_("County values per period"), lang),
                    _t(N_("Goal attainment"), lang),
                    _t(N_("Expected"), lang),
                    _t(N_("Verdict"), lang),
                ],
                table_rows,
                frozenset({6, 7}),
            )
        )
        municipal = [
            [row.id, v.municipality.text(lang), v.period, value(v.value, lang)]
            for row in rows
            for v in row.municipal
        ]
        if municipal:
            doc.add(
                Table(
                    _t(N_("Indicator values per municipality, {area}"), lang, area=area.text(lang)),
                    [
                        _t(N_("Id"), lang),
                        _t(N_("Municipality"), lang),
                        _t(N_("Period"), lang),
                        _t(N_("Value"), lang),
                    ],
                    municipal,
                    frozenset({3}),
                )
            )


def _municipalities(doc: ReportDocument, report: Report, charts: dict[str, Chart], lang: Lang) -> None:
    section = report.municipalities
    if section.thin:
        names = and_list([m.text(lang) for m in section.thin], lang)
        _say(
            doc,
            N_(
                "Municipalities with few activities (named by fewer than half the county "
                "mean of {mean} activities): {names}."
            ),
            lang,
            mean=number(section.mean, lang, 1),
            names=names,
            note=True,
        )
    else:
        fewest = and_list(
            [f"{row.municipality.text(lang)} ({row.activities})" for row in section.fewest], lang
        )
        _say(
            doc,
            N_(
                "No municipality is named by fewer than half the county mean of {mean} "
                "activities. Fewest: {fewest}."
            ),
            lang,
            mean=number(section.mean, lang, 1),
            fewest=fewest,
        )
    _say(
        doc,
        N_(
            "The table shows reach, not money: an activity that names several "
            "municipalities counts once in each, so the column adds up to {mentions} "
            "while {naming} activities name a municipality. Money is not split per "
            "municipality. Activities for the whole county, which reach every "
            "municipality, are counted apart: {count}."
        ),
        lang,
        mentions=section.mentions,
        naming=section.naming,
        count=section.whole_county,
    )
    if "municipalities" in charts:
        doc.add(Figure(charts["municipalities"]))
    yes, no = _t(N_("yes"), lang), _t(N_("no"), lang)
    rows = [
        [
            row.municipality.text(lang),
            str(row.activities),
            yes if row.sami_area else no,
            yes if row.thin else no,
        ]
        for row in section.rows
    ]
    doc.add(
        Table(
            _t(N_("Activities per municipality"), lang),
            [
                _t(N_("Municipality"), lang),
                _t(N_("Activities that name it"), lang),
                _t(N_("Sámi administrative area"), lang),
                _t(N_("Few activities"), lang),
            ],
            rows,
            frozenset({1}),
        )
    )


def _sustainability(doc: ReportDocument, report: Report, charts: dict[str, Chart], lang: Lang) -> None:
    section = report.sustainability
    ratings = list(Rating)
    rows = [[d.text(lang)] + [str(section.ratings[d][r]) for r in ratings] for d in Dimension]
    doc.add(
        Table(
            _t(N_("Activities by sustainability dimension and rating"), lang),
            [_t(N_("Dimension"), lang)] + [r.text(lang) for r in ratings],
            rows,
            frozenset(range(1, 5)),
        )
    )
    if not section.risks:
        _say(doc, N_("No activity is rated as a risk for any dimension."), lang)
        return
    _say(doc, N_("Activities rated as a risk:"), lang)
    items = []
    for risk in section.risks:
        dims = and_list([d.text(lang) for d in risk.dimensions], lang)
        tail = (
            _t(N_("goal conflict recorded"), lang)
            if risk.conflict_recorded
            else _t(N_("no goal conflict recorded"), lang)
        )
        items.append(f"{_ref(risk.activity)}: {dims} ({tail})")
    doc.add(Bullets(items))


def _conflicts(doc: ReportDocument, report: Report, charts: dict[str, Chart], lang: Lang) -> None:
    doc.add(Heading(3, _t(N_("Goal conflicts across strength areas"), lang), "conflicts-across-areas"))
    _cross_area_conflicts(doc, report, lang)
    doc.add(Heading(3, _t(N_("Goal conflicts within activities"), lang), "conflicts-in-activities"))
    _activity_conflicts(doc, report, lang)


def _actor_list(ids: list[str], report: Report, lang: Lang) -> str:
    return and_list([report.actor_names.get(i, i) for i in ids], lang) or "–"


def _side_text(row: CrossConflictRow, lang: Lang) -> str:
    parts = []
    for side in row.sides:
        named = [f"{g.id} {g.title}" if g.title else g.id for g in side.goals]
        for item in side.activities:
            label = _ref(item.activity) if item.activity else item.id
            named.append(f"{label} ({item.status.text(lang).lower()})" if item.status else label)
        areas = and_list([a.text(lang) for a in side.areas], lang)
        text = f"{side.interest} ({areas})" if areas else side.interest
        if named:
            text += ": " + "; ".join(named)
        parts.append(text)
    return " ↔ ".join(parts)


def _cross_area_conflicts(doc: ReportDocument, report: Report, lang: Lang) -> None:
    rows = report.cross_area_conflicts.programme_rows
    if not rows:
        _say(doc, N_("The programme file records no goal conflicts across strength areas."), lang)
        return
    _say(
        doc,
        N_(
            "Goal conflicts between goals or strength areas recorded in the programme file: "
            "{count}. The table names the goals and activities on each side and the strength "
            "areas they belong to."
        ),
        lang,
        count=len(rows),
    )
    table = [
        [
            f"{row.id} {row.title}",
            _side_text(row, lang),
            and_list([a.text(lang) for a in row.areas], lang) or "–",
            row.handling or "–",
            _actor_list(row.handled_by, report, lang),
            row.state.text(lang),
        ]
        for row in rows
    ]
    doc.add(
        Table(
            _t(N_("Goal conflicts across strength areas and how they are handled"), lang),
            [
                _t(N_("Goal conflict"), lang),
                _t(N_("Sides"), lang),
                _t(N_("Strength areas"), lang),
                _t(N_("Handling"), lang),
                _t(N_("Handled by"), lang),
                _t(N_("State"), lang),
            ],
            table,
        )
    )
    unhandled = [row.id for row in rows if not row.handling or not row.handled_by]
    if unhandled:
        _say(
            doc,
            N_("Conflicts across areas with no handling described or no one named to handle them: {list}"),
            lang,
            list=", ".join(unhandled),
            note=True,
        )


def _evidence_items(row: CriterionRow, report: Report, lang: Lang) -> list[str]:
    items: list[str] = []
    for document in row.documents:
        if document.title is None:
            items.append(_t(N_("Document {reference}: not among the programme's or the plans' documents"), lang, reference=document.reference))
            continue
        text = _t(N_("Document {reference}: {title}"), lang, reference=document.reference, title=document.title)
        if document.adopted is not None:
            text += " " + _t(N_("(adopted {date})"), lang, date=document.adopted.isoformat())
        items.append(text)
    for meeting in row.meetings:
        if meeting.date is None:
            items.append(
                _t(
                    N_("Mobilising meeting, {area} {revision}: that revision is not among the plans or the recorded revisions"),
                    lang,
                    area=meeting.area.text(lang),
                    revision=meeting.revision,
                )
            )
            continue
        items.append(
            _t(
                N_("Mobilising meeting, {area} {revision}: {date}, {place}, {participants} participating actors"),
                lang,
                area=meeting.area.text(lang),
                revision=meeting.revision,
                date=meeting.date.isoformat(),
                place=meeting.place,
                participants=meeting.participants,
            )
        )
    for indicator in row.indicators:
        if indicator.name is None:
            items.append(_t(N_("Indicator {id}: in no plan"), lang, id=indicator.id))
        elif indicator.latest is None or indicator.verdict is None:
            items.append(_t(N_("Indicator {id} {name}: no actuals"), lang, id=indicator.id, name=indicator.name))
        else:
            items.append(
                _t(
                    N_("Indicator {id} {name}: {value} {unit} ({period}), {verdict}"),
                    lang,
                    id=indicator.id,
                    name=indicator.name,
                    value=value(indicator.latest.value, lang),
                    unit=indicator.unit,
                    period=indicator.latest.period,
                    verdict=verdict_text(indicator.verdict, lang),
                )
            )
    for activity in row.activities:
        if activity.activity is None or activity.status is None:
            items.append(_t(N_("Activity {id}: in no plan"), lang, id=activity.id))
            continue
        text = _t(
            N_("Activity {activity} ({area}): {status}"),
            lang,
            activity=_ref(activity.activity),
            area=activity.activity.area.text(lang),
            status=activity.status.text(lang).lower(),
        )
        if activity.status in (Status.IDEA, Status.PLANNED):
            text += " " + _t(N_("(not yet started)"), lang)
        elif not activity.in_period:
            text += " " + _t(N_("(did not run during the period)"), lang)
        items.append(text)
    return items


def _criteria(doc: ReportDocument, report: Report, lang: Lang) -> None:
    section = report.criteria
    if not section.has_programme:
        _say(
            doc,
            N_(
                "No programme file is among the plans, so the evidence for the fulfilment "
                "criteria cannot be reported. Record it in programme.yaml beside the plans."
            ),
            lang,
            note=True,
        )
        return
    _say(
        doc,
        N_(
            "The seven fulfilment criteria of the enabling condition on good governance of the "
            "smart specialisation strategy (Regulation (EU) 2021/1060, Annex IV, condition 1.1), "
            "each with its evidence from the programme file ({programme}) and the plans."
        ),
        lang,
        programme=section.programme_name,
    )

    def yes_no(flag: bool) -> str:
        return _t(N_("yes"), lang) if flag else _t(N_("no"), lang)

    doc.add(
        Table(
            _t(N_("The fulfilment criteria and their evidence"), lang),
            [
                "#",
                _t(N_("Criterion"), lang),
                _t(N_("Documents"), lang),
                _t(N_("Meetings"), lang),
                _t(N_("Indicators"), lang),
                _t(N_("Activities"), lang),
                _t(N_("Evidence from the period"), lang),
            ],
            [
                [
                    str(row.number),
                    row.criterion.text(lang),
                    str(len(row.documents)),
                    str(len(row.meetings)),
                    str(len(row.indicators)),
                    str(len(row.activities)),
                    yes_no(row.of_period) if row.evidenced else _t(N_("no evidence"), lang),
                ]
                for row in section.rows
            ],
            frozenset({0, 2, 3, 4, 5}),
        )
    )
    for row in section.rows:
        doc.add(Heading(3, f"{row.number}. {row.criterion.text(lang)}", f"criterion-{row.number}"))
        if row.summary is None:
            _say(doc, N_("The programme file has no entry for this criterion."), lang, note=True)
            continue
        doc.add(Paragraph(row.summary))
        items = _evidence_items(row, report, lang)
        if items:
            doc.add(Bullets(items))
    if section.lacking:
        _say(
            doc,
            N_("Criteria without evidence: {list}."),
            lang,
            list=and_list([f"{c.number}. {c.text(lang)}" for c in section.lacking], lang),
            note=True,
        )
    else:
        _say(doc, N_("Every criterion has evidence in the programme file and the plans."), lang)
    if section.not_of_period:
        _say(
            doc,
            N_("Criteria whose evidence all lies outside the period: {list}."),
            lang,
            list=and_list([f"{c.number}. {c.text(lang)}" for c in section.not_of_period], lang),
            note=True,
        )


def _activity_conflicts(doc: ReportDocument, report: Report, lang: Lang) -> None:
    section = report.conflicts
    if not section.rows:
        _say(doc, N_("No goal conflicts are recorded in the plans."), lang)
        return
    counts = ", ".join(
        f"{state.text(lang).lower()} {n}" for state, n in section.by_state.items() if n
    )
    _say(
        doc,
        N_("Goal conflicts recorded: {count} ({states})."),
        lang,
        count=len(section.rows),
        states=counts,
    )
    rows = [
        [
            _ref(row.activity),
            " ↔ ".join(_interest(item, lang) for item in row.between),
            row.description,
            row.handling or "–",
            row.state.text(lang),
        ]
        for row in section.rows
    ]
    doc.add(
        Table(
            _t(N_("Goal conflicts and how they are handled"), lang),
            [
                _t(N_("Activity"), lang),
                _t(N_("Between"), lang),
                _t(N_("Conflict"), lang),
                _t(N_("Handling"), lang),
                _t(N_("State"), lang),
            ],
            rows,
        )
    )
    if section.unhandled:
        _say(
            doc,
            N_("Conflicts with no handling described: {list}"),
            lang,
            list=", ".join(r.activity.id for r in section.unhandled),
            note=True,
        )


def _sami(doc: ReportDocument, report: Report, charts: dict[str, Chart], lang: Lang) -> None:
    section = report.sami
    consulted = sum(1 for row in section.rows if row.consulted_at_all)
    _say(
        doc,
        N_(
            "Activities affecting Sámi conditions: {count}; with a consultation recorded: {consulted}."
        ),
        lang,
        count=len(section.rows),
        consulted=consulted,
    )
    if section.rows:
        rows = [
            [
                _ref(row.activity),
                row.relevance.text(lang),
                and_list([report.actor_names.get(a, a) for a in row.consulted], lang) or "–",
                row.consulted_on.isoformat() if row.consulted_on else "–",
                row.consultation or "–",
            ]
            for row in section.rows
        ]
        doc.add(
            Table(
                _t(N_("Activities affecting Sámi conditions"), lang),
                [
                    _t(N_("Activity"), lang),
                    _t(N_("Relevance"), lang),
                    _t(N_("Consulted"), lang),
                    _t(N_("Latest consultation"), lang),
                    _t(N_("Consultation"), lang),
                ],
                rows,
            )
        )
    if section.records:
        record_rows = [
            [
                row.id,
                row.form.text(lang),
                and_list([f"{a.id} {a.title}" for a in row.activities], lang) or "–",
                and_list([report.actor_names.get(a, a) for a in row.actors], lang) or "–",
                row.matter or "–",
                row.held.isoformat() if row.held else "–",
                row.concluded.isoformat() if row.concluded else "–",
                row.outcome.text(lang) if row.outcome else "–",
                row.documented or "–",
            ]
            for row in section.records
        ]
        doc.add(
            Table(
                _t(N_("Consultations and samråd held in the period, with their outcomes"), lang),
                [
                    _t(N_("Record"), lang),
                    _t(N_("Form"), lang),
                    _t(N_("Activities"), lang),
                    _t(N_("Sámi representatives"), lang),
                    _t(N_("Matter"), lang),
                    _t(N_("Held"), lang),
                    _t(N_("Concluded"), lang),
                    _t(N_("Outcome"), lang),
                    _t(N_("Documented in"), lang),
                ],
                record_rows,
            )
        )
    else:
        _say(doc, N_("No consultation or samråd was held in the period."), lang)
    if section.without_consultation:
        _say(
            doc,
            N_("Affecting activities with no consultation recorded: {list}"),
            lang,
            list=", ".join(r.activity.id for r in section.without_consultation),
            note=True,
        )
    if section.unassessed_in_sami_area:
        _say(
            doc,
            N_(
                "Activities in the Sámi administrative area whose Sámi relevance is not "
                "assessed: {list}"
            ),
            lang,
            list=", ".join(r.id for r in section.unassessed_in_sami_area),
            note=True,
        )


def _participation(doc: ReportDocument, report: Report, charts: dict[str, Chart], lang: Lang) -> None:
    section = report.participation
    helixes = list(Helix)
    rows = [
        [_t(N_("In the actor registry"), lang)]
        + [str(section.registry_actors[h]) for h in helixes]
        + [str(sum(section.registry_actors.values()))],
        [_t(N_("Leading or partner in an activity"), lang)]
        + [str(section.active_actors[h]) for h in helixes]
        + [str(sum(section.active_actors.values()))],
    ]
    doc.add(
        Table(
            _t(N_("Actors per helix type"), lang),
            [""] + [h.text(lang) for h in helixes] + [_t(N_("Total"), lang)],
            rows,
            frozenset(range(1, 6)),
        )
    )
    _meeting_participation(doc, report, lang)
    _say(
        doc,
        N_("Sámi organisations leading or taking part in activities: {count}."),
        lang,
        count=section.sami_organisations_active,
    )
    steps = list(LadderStep)
    ladder_rows = [
        [area.text(lang)] + [str(counts[s]) for s in steps]
        for area, counts in section.ladder.items()
    ]
    doc.add(
        Table(
            _t(N_("Actors per step of the Samhandlingstrappan"), lang),
            [_t(N_("Strength area"), lang)] + [s.text(lang) for s in steps],
            ladder_rows,
            frozenset(range(1, 5)),
        )
    )
    if not section.ladder_compared:
        _say(
            doc,
            N_(
                "No earlier actor registry is recorded for the period, so movement up "
                "the Samhandlingstrappan cannot be shown; the table shows where the "
                "actors stand now."
            ),
            lang,
            note=True,
        )
    elif not section.moves:
        _say(doc, N_("No actor changed step on the Samhandlingstrappan during the period."), lang)
    else:
        up = sum(1 for m in section.moves if _rank(m.new) > _rank(m.old))
        _say(
            doc,
            N_("Changes of step during the period: {moves}, of them upwards: {up}."),
            lang,
            moves=len(section.moves),
            up=up,
        )
        none = _t(N_("not engaged"), lang)
        doc.add(
            Bullets(
                [
                    f"{m.name} ({m.area.text(lang)}): "
                    f"{m.old.text(lang) if m.old else none} → {m.new.text(lang) if m.new else none}"
                    for m in section.moves
                ]
            )
        )
    if section.unknown_actors:
        _say(
            doc,
            N_("Actor ids not in the registry: {list}"),
            lang,
            list=", ".join(section.unknown_actors),
            note=True,
        )


def _meeting_participation(doc: ReportDocument, report: Report, lang: Lang) -> None:
    meetings = report.participation.meetings
    if not meetings:
        _say(doc, N_("No mobilising meeting is recorded for the period."), lang, note=True)
        return
    helixes = list(Helix)
    rows = [
        [
            m.area.text(lang),
            m.date.isoformat(),
            m.place,
            *[str(m.by_helix[h]) for h in helixes],
            str(m.participants),
            percent(m.registry_share, lang) if m.registry_share is not None else "–",
        ]
        for m in meetings
    ]
    doc.add(
        Table(
            _t(N_("Participants per mobilising meeting of the period, by helix type"), lang),
            [_t(N_("Strength area"), lang), _t(N_("Date"), lang), _t(N_("Place"), lang)]
            + [h.text(lang) for h in helixes]
            + [_t(N_("Total"), lang), _t(N_("Share of the actor registry"), lang)],
            rows,
            frozenset(range(3, 5 + len(helixes))),
        )
    )


def _rank(step: LadderStep | None) -> int:
    return step.rank if step else 0


def _learning(doc: ReportDocument, report: Report, charts: dict[str, Chart], lang: Lang) -> None:
    section = report.learning
    if section.compared:
        rows = [
            [
                s.priority.text(lang),
                str(s.activities_before),
                str(s.activities_after),
                sek(s.sek_before, lang),
                sek(s.sek_after, lang),
            ]
            for s in section.shifts
        ]
        doc.add(
            Table(
                _t(
                    N_(
                        "Long-term priorities at the start and end of the period (activities; SEK "
                        "granted in the period's years and applied for or planned)"
                    ),
                    lang,
                ),
                [
                    _t(N_("Long-term priority"), lang),
                    _t(N_("Activities before"), lang),
                    _t(N_("Activities after"), lang),
                    _t(N_("SEK before"), lang),
                    _t(N_("SEK after"), lang),
                ],
                rows,
                frozenset({1, 2, 3, 4}),
            )
        )
    else:
        _say(
            doc,
            N_(
                "No revision history is recorded, so the priorities before and after the "
                "period cannot be compared. What the plans themselves record about the "
                "learning loop follows."
            ),
            lang,
            note=True,
        )
    if section.added:
        doc.add(
            Paragraph(_t(N_("New activities during the period:"), lang)),
            Bullets([_ref(ref) for ref in section.added]),
        )
    if section.ended:
        _say(doc, N_("Activities stopped, paused or replaced, and why:"), lang)
        items = []
        for ref, status, note, replaced_by in section.ended:
            text = f"{_ref(ref)}: {status.text(lang)}"
            if replaced_by:
                text += " " + _t(N_("(replaced by {id})"), lang, id=replaced_by)
            items.append(text + (f". {note}" if note else ""))
        doc.add(Bullets(items))
    if section.reprioritised:
        none = "–"
        _say(doc, N_("Activities whose long-term priorities changed:"), lang)
        doc.add(
            Bullets(
                [
                    f"{_ref(ref)}: {and_list([p.text(lang) for p in old], lang) or none} → "
                    f"{and_list([p.text(lang) for p in new], lang) or none}"
                    for ref, old, new in section.reprioritised
                ]
            )
        )
    phase_rows = [[phase.text(lang), str(n)] for phase, n in section.phases.items()]
    doc.add(
        Table(
            _t(N_("Steps of the six-step process the latest meetings worked on"), lang),
            [_t(N_("Step"), lang), _t(N_("Plans"), lang)],
            phase_rows,
            frozenset({1}),
        )
    )
    notes = [
        f"{m.area.text(lang)} {m.revision} ({m.date.isoformat()}): {m.notes}"
        for m in section.meetings
        if m.notes
    ]
    if notes:
        doc.add(
            Paragraph(_t(N_("What the latest mobilising meetings recorded:"), lang)), Bullets(notes)
        )


def _evaluations(doc: ReportDocument, report: Report, lang: Lang) -> None:
    section = report.evaluations
    window = report.window
    if not section.rows:
        _say(
            doc,
            N_(
                "No evaluation in the plans is dated in the period ({start} to {end}). "
                "Record evaluations and what they changed under evaluations: in each plan."
            ),
            lang,
            start=window.start_date.isoformat(),
            end=window.end_date.isoformat(),
            note=True,
        )
        return
    _say(
        doc,
        N_(
            "Evaluations reported in the period: {n}. Changes to activities recorded as made "
            "because of them: {changes}."
        ),
        lang,
        n=len(section.rows),
        changes=section.changes,
    )
    rows = []
    for row in section.rows:
        changes = [
            _t(
                N_("{activity} (revision {revision}): {description}"),
                lang,
                activity=f"{change.activity} {change.title}" if change.title else change.activity,
                revision=change.revision,
                description=change.description,
            )
            for change in row.changes
        ]
        evaluated = ", ".join(row.activities) if row.activities else _t(N_("the whole plan"), lang)
        rows.append(
            [
                row.area.text(lang),
                EvaluationKind(row.kind).text(lang),
                row.evaluator or _t(N_("not stated"), lang),
                row.date.isoformat(),
                evaluated,
                row.findings,
                "; ".join(changes) if changes else _t(N_("no change recorded"), lang),
            ]
        )
    doc.add(
        Table(
            _t(N_("The evaluations of the period and the changes they led to"), lang),
            [
                _t(N_("Strength area"), lang),
                _t(N_("Kind"), lang),
                _t(N_("Evaluator"), lang),
                _t(N_("Date"), lang),
                _t(N_("Evaluated"), lang),
                _t(N_("Findings of the evaluation"), lang),
                _t(N_("Changes (activity, revision)"), lang),
            ],
            rows,
        )
    )


def _national_areas(doc: ReportDocument, report: Report, lang: Lang) -> None:
    section = report.national_areas
    years = years_text(section.years)
    _say(
        doc,
        N_(
            "The activities in the report by the four strategic areas of the national strategy "
            "for sustainable regional development in the whole country 2021–2030, with the money "
            "granted (by decision year) and paid out in {years}, defined as in question 3."
        ),
        lang,
        years=years,
    )
    if not section.activities:
        _say(
            doc,
            N_("No activity in the report names a strategic area of the national strategy."),
            lang,
            note=True,
        )
        return
    doc.add(
        Paragraph(
            _t(
                N_(
                    "An activity that serves several strategic areas is counted in each of them, so the "
                    "rows add up to more than the whole: {several} of the {n} activities serve more than "
                    "one area. Counted once each, the {n} activities were granted {granted} in total "
                    "in {years}, and {paid} was paid out to them."
                ),
                lang,
                several=section.several_areas,
                n=section.activities,
                granted=sek(section.granted_sek, lang),
                paid=sek(section.paid_sek, lang),
                years=years,
            ),
            note=True,
        ),
        Table(
            _t(N_("Activities and money per strategic area (an activity can count in several rows)"), lang),
            [
                _t(N_("Strategic area"), lang),
                _t(N_("Activities"), lang),
                _t(N_("Granted {years}"), lang, years=years),
                _t(N_("Paid out {years}"), lang, years=years),
            ],
            [
                [row.national_area.text(lang), str(row.activities), sek(row.granted_sek, lang), sek(row.paid_sek, lang)]
                for row in section.rows
            ],
            numeric=frozenset({1, 2, 3}),
        ),
    )
    if section.without_area:
        doc.add(
            Paragraph(
                _t(
                    N_("Activities in the report that name no strategic area of the national strategy: {n}."),
                    lang,
                    n=len(section.without_area),
                )
            ),
            Bullets([_ref(ref) for ref in section.without_area]),
        )
