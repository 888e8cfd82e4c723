"""Editing commands: ``rus fmt``, ``rus fix``, ``rus init``, and the ``activity``, ``indicator``,
``meeting`` and ``actor`` groups that record what a mobilising meeting decided."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rus.base.codes import N_, NP_
from rus.base.errors import ExitCode, NotFoundError
from rus.base.i18n import Counted, join_words, localize, plural, translate
from rus.base.vocab import Lang
from rus.cli import LangOption, _, app, choose_lang, console, handled

if TYPE_CHECKING:
    from rus.base.diagnostics import Diagnostic
    from rus.writing.editing import EditResult

activity_app = typer.Typer(help=_("Add and change activities (insatser)."), no_args_is_help=True)
indicator_app = typer.Typer(help=_("Record indicator values."), no_args_is_help=True)
meeting_app = typer.Typer(help=_("Record mobilising meetings."), no_args_is_help=True)
actor_app = typer.Typer(help=_("Add actors and set their step on the Samhandlingstrappan."), no_args_is_help=True)
app.add_typer(activity_app, name="activity")
app.add_typer(indicator_app, name="indicator")
app.add_typer(meeting_app, name="meeting")
app.add_typer(actor_app, name="actor")

PlansOption = Annotated[
    Path | None,
    typer.Option("--plans", help=_("The plans folder (default: plans/ of the repository you stand in)."), show_default=False),
]
DryRunOption = Annotated[bool, typer.Option("--dry-run", "-n", help=_("Show the change as a diff without writing it."))]


def _plans(option: Path | None) -> Path:
    """The plans folder to edit; its region file becomes the active region."""
    from rus.base.workspace import default_plans_dir
    from rus.plans.regionfile import activate_for

    if option is None:
        folder = default_plans_dir(Path.cwd())
    elif not option.is_dir():
        raise NotFoundError(N_("No such file or folder: {path}"), "", path=str(option))
    else:
        folder = option
    activate_for(folder)
    return folder


def _t(message: str, lang: Lang, **params: Any) -> str:
    """A message to print, filled in: on one line, with control characters in plan text shown."""
    from rus.render.escape import one_line

    text = translate(message, lang)
    return one_line(text.format(**{key: localize(value, lang) for key, value in params.items()}) if params else text)


def _diff(text: str) -> None:
    """A unified diff of plan files on stdout, with control characters in plan text shown."""
    from rus.render.escape import visible

    sys.stdout.write(visible(text))
    sys.stdout.flush()


#: Which option of an edit command gives the value a finding is about (a finding about a reference
#: by the kind of thing referred to), so that a refused edit names the option, not a YAML key.
Options = dict[str, str]


def _report(result: EditResult, lang: Lang, dry_run: bool, options: Options) -> None:
    """The diff (with --dry-run) or what was done on stdout; warnings about the result on stderr."""
    out = console()
    if dry_run:
        _diff(result.diff())
    elif not result.changed:
        out.print(_t(N_("Nothing to change in {path}"), lang, path=result.display), soft_wrap=True, markup=False)
    else:
        out.print(_t(result.summary, lang, **result.params), soft_wrap=True, markup=False)
    for diagnostic in result.warnings:
        _explain(diagnostic, lang, options)


def _option_for(diagnostic: Diagnostic, options: Options) -> str | None:
    what = diagnostic.params.get("what")
    return options.get(f"{diagnostic.code} {what}" if isinstance(what, str) else diagnostic.code) or options.get(diagnostic.code)


def _explain(diagnostic: Diagnostic, lang: Lang, options: Options) -> None:
    """A finding about an edit, told by the command's options (the file was not written, or the
    lines are the command's doing): no line numbers, no YAML keys."""
    from rus.base.diagnostics import Severity

    err = console(stderr=True)
    level = translate(N_("error") if diagnostic.level is Severity.ERROR else N_("warning"), lang)
    option = _option_for(diagnostic, options)
    message = diagnostic.message(lang)
    if option is not None:
        message = _t(N_("{option}: {text}"), lang, option=option, text=message)
    err.print(f"{level} {diagnostic.code}: {message}", soft_wrap=True, markup=False)
    if option is not None and diagnostic.code == "R003" and diagnostic.params.get("what") == "@actor in the actor registry":
        hint = _t(N_("Add the actor first with `rus actor add {id} --name \"…\" --helix …`, or check the id."), lang,
                  id=diagnostic.params.get("ref", ""))
        closest = diagnostic.params.get("closest") or diagnostic.params.get("suggestion")
        if closest:
            hint += " " + _t(N_("The closest actors: {closest}."), lang, closest=closest)
    elif option is not None:
        hint = _t(N_("Give it with {option}."), lang, option=option)
    else:
        hint = diagnostic.hint(lang)
    if hint:
        err.print(f"{translate(N_('hint'), lang)}: {hint}", soft_wrap=True, markup=False)


def _edit(lang: Lang, dry_run: bool, action: Any, options: Options | None = None) -> None:
    """Run an edit; an edit that would make the plan invalid says why, by the options, and exits 1."""
    from rus.writing.editing import InvalidEditError

    with handled(lang):
        try:
            result = action()
        except InvalidEditError as exc:
            for diagnostic in exc.diagnostics:
                _explain(diagnostic, lang, options or {})
            raise
        _report(result, lang, dry_run, options or {})


# --- fmt, fix, init ---------------------------------------------------------------------------------


@app.command("fmt", help=_("Write plan files in the one canonical layout, keeping every comment."))
def fmt_command(
    paths: Annotated[list[Path] | None, typer.Argument(metavar=_("PATH"), help=_("Plan files or folders (default: plans/ of the repository you stand in)."), show_default=False)] = None,
    check: Annotated[bool, typer.Option("--check", help=_("Change nothing; list the files that are not in the canonical layout and exit 1 if there are any."))] = False,
    dry_run: DryRunOption = False,
    lang: LangOption = None,
) -> None:
    """Write plan files in the one canonical layout, keeping every comment."""
    language = choose_lang(lang)
    with handled(language):
        from rus.base.workspace import find_root
        from rus.writing.formatting import format_paths

        targets = _targets(paths)
        outcomes = format_paths(targets, check=check or dry_run, display_root=find_root(Path.cwd()) or Path.cwd())
        if dry_run:
            _show_layout_diffs(outcomes)
        out, err = console(), console(stderr=True)
        failed = False
        for outcome in outcomes:
            if outcome.error is not None:
                failed = True
                err.print(_t("rus: {error}", language, error=outcome.error.message(language)), soft_wrap=True, markup=False)
            elif outcome.changed:
                failed = failed or check
                message = N_("would reformat {path}") if check or dry_run else N_("reformatted {path}")
                out.print(_t(message, language, path=outcome.display), soft_wrap=True, markup=False)
        changed = sum(1 for o in outcomes if o.changed)
        unchanged = sum(1 for o in outcomes if not o.changed and o.error is None)
        done = (Counted(changed, *NP_("{n} file would be reformatted", "{n} files would be reformatted")) if check or dry_run
                else Counted(changed, *NP_("{n} file reformatted", "{n} files reformatted")))
        kept = Counted(unchanged, *NP_("{n} already formatted", "{n} already formatted"))
        err.print(_t(N_("{changed}, {unchanged}"), language, changed=done, unchanged=kept), soft_wrap=True, markup=False)
        if failed:
            raise typer.Exit(int(ExitCode.FINDINGS))


def _show_layout_diffs(outcomes: list[Any]) -> None:
    """The change ``rus fmt`` would make to each file, as a unified diff on stdout."""
    from rus.base.fileio import unified_diff
    from rus.writing.formatting import format_text

    for outcome in outcomes:
        if outcome.changed and outcome.error is None:
            original = outcome.path.read_bytes().decode("utf-8")
            _diff(unified_diff(original, format_text(original, outcome.display), outcome.display))


def _targets(paths: list[Path] | None) -> list[Path]:
    from rus.base.workspace import default_plans_dir

    targets = list(paths) if paths else [default_plans_dir(Path.cwd())]
    for target in targets:
        if not target.exists():
            raise NotFoundError(N_("No such file or folder: {path}"), N_("Check the path, or run the command without arguments to use plans/."), path=str(target))
    return targets


@app.command("fix", help=_("Repair findings that have exactly one right answer (misspellings, id case, dates, tabs)."))
def fix_command(
    paths: Annotated[list[Path] | None, typer.Argument(metavar=_("PATH"), help=_("Plan files or folders (default: plans/ of the repository you stand in)."), show_default=False)] = None,
    dry_run: DryRunOption = False,
    lang: LangOption = None,
) -> None:
    """Repair findings that have exactly one right answer (misspellings, id case, dates, tabs)."""
    language = choose_lang(lang)
    with handled(language):
        from rus.base.workspace import find_root
        from rus.writing.fixing import fix_paths

        results = fix_paths(_targets(paths), dry_run=dry_run, display_root=find_root(Path.cwd()) or Path.cwd())
        out = console()
        total = 0
        for result in results:
            if result.unreadable is not None:
                problem = result.unreadable
                message = _t(N_("{path} was not repaired: {problem}"), language, path=result.display, problem=problem.message(language))
                console(stderr=True).print(message, soft_wrap=True, markup=False)
            for repair in result.repairs:
                total += 1
                out.print(_t("{path}:{line}:{column}: [{code}] {old} → {new}", language, path=result.display, line=repair.line,
                             column=repair.column, code=repair.code, old=repair.old, new=repair.new), soft_wrap=True, markup=False)
            if dry_run and result.changed:
                _diff(result.diff())
        said = (NP_("{n} repair would be made (nothing written)", "{n} repairs would be made (nothing written)") if dry_run
                else NP_("{n} repair made", "{n} repairs made"))
        console(stderr=True).print(plural(total, *said, language), soft_wrap=True, markup=False)
        if any(result.unreadable is not None for result in results):
            raise typer.Exit(int(ExitCode.FINDINGS))


@app.command("init", help=_("Create a new plans repository for a region: its region file, templates for every area, actor registry, schemas, git."))
def init_command(
    directory: Annotated[Path, typer.Argument(metavar=_("FOLDER"), help=_("The folder to create the plans repository in (new or empty)."))] = Path(),
    region: Annotated[str | None, typer.Option("--region", metavar=_("FILE"), help=_("The region file to start from (default: a commented template to fill in)."))] = None,
    no_git: Annotated[bool, typer.Option("--no-git", help=_("Do not create a git repository."))] = False,
    lang: LangOption = None,
) -> None:
    """Create a new plans repository for a region: its region file, templates for every area, actor registry, schemas, git."""
    language = choose_lang(lang)
    with handled(language):
        from rus.writing.scaffold import init_repository

        result = init_repository(directory, git=not no_git, region=region)
        out = console()
        for path in result.files:
            out.print(_t("{path}", language, path=str(path.relative_to(result.root))), soft_wrap=True, markup=False)
        message = N_("Created a plans repository in {path} (first commit {commit})") if result.commit else N_("Created a plans folder in {path}")
        console(stderr=True).print(_t(message, language, path=str(directory), commit=(result.commit or "")[:7]), soft_wrap=True, markup=False)


# --- activities ---------------------------------------------------------------------------------------


def _interactive() -> bool:
    """Whether to ask for missing required fields: only when a person is at a terminal."""
    return sys.stdin.isatty()


def _ask(label: str, lang: Lang, check: Callable[[str], object], default: str | None = None, choices: Sequence[str] = ()) -> str:
    """Ask until the answer passes ``check``; a refused answer is explained and asked for again.

    The default is shown once (by the prompt); other choices are listed after the question.
    """
    from rus.base.errors import RusError

    text = translate(label, lang)
    listed = [c for c in choices if c != default] if default is not None and len(choices) == 1 else list(choices)
    if listed:
        text += f" ({', '.join(listed)})"
    while True:
        answer = str(typer.prompt(text, default=default, show_default=default is not None)).strip()
        try:
            check(answer)
        except RusError as exc:
            err = console(stderr=True)
            err.print(exc.message(lang), soft_wrap=True, markup=False)
            hint = exc.hint(lang)
            if hint:
                err.print(hint, soft_wrap=True, markup=False)
            continue
        return answer


def _sub_area_check(known: list[str]) -> Callable[[str], object]:
    def check(answer: str) -> object:
        from rus.base.errors import UsageError

        if not answer:
            raise UsageError(N_("An answer is needed here."))
        if known and answer.upper() not in {k.upper() for k in known}:
            raise UsageError(N_("`{value}` is not a sub-area of this plan"), N_("Sub-areas: {known}."), value=answer, known=", ".join(known))
        return answer

    return check


def _required(answer: str) -> object:
    if not answer:
        from rus.base.errors import UsageError

        raise UsageError(N_("An answer is needed here."))
    return answer


@activity_app.command("add", help=_("Add an activity with the next free id; asks for the required fields in a terminal."))
def activity_add(
    area: Annotated[str, typer.Argument(metavar=_("AREA"), help=_("The strength area (its slug or its id prefix)."))],
    title: Annotated[str | None, typer.Option("--title", help=_("Title of the activity."))] = None,
    sub_area: Annotated[str | None, typer.Option("--sub-area", help=_("Id of the sub-area, e.g. ABC-D1."))] = None,
    start: Annotated[str | None, typer.Option("--start", help=_("Start date (YYYY-MM-DD)."))] = None,
    end: Annotated[str | None, typer.Option("--end", help=_("End date (YYYY-MM-DD)."))] = None,
    status: Annotated[str, typer.Option("--status", help=_("Status: idea, planned, ongoing, paused, completed or cancelled."))] = "idea",
    phase: Annotated[str | None, typer.Option("--phase", help=_("Step of the six-step process, e.g. analysis or policy-mix."))] = None,
    description: Annotated[str | None, typer.Option("--description", help=_("Description of the activity."))] = None,
    goal: Annotated[list[str] | None, typer.Option("--goal", help=_("Id of a goal it serves (repeatable)."))] = None,
    lead: Annotated[list[str] | None, typer.Option("--lead", help=_("Id of a lead actor (repeatable)."))] = None,
    municipality: Annotated[list[str] | None, typer.Option("--municipality", help=_("A municipality it reaches (repeatable)."))] = None,
    whole_county: Annotated[bool, typer.Option("--whole-county", help=_("It reaches the whole county."))] = False,
    priority: Annotated[list[str] | None, typer.Option("--priority", help=_("A long-term priority it serves (repeatable)."))] = None,
    national_area: Annotated[list[str] | None, typer.Option("--national-area", help=_("A strategic area of the national strategy it serves: equal-opportunities, skills, innovation or accessibility (repeatable)."))] = None,
    social: Annotated[str, typer.Option("--social", help=_("Social sustainability: contributes, neutral, risk or unknown."))] = "unknown",
    economic: Annotated[str, typer.Option("--economic", help=_("Economic sustainability: contributes, neutral, risk or unknown."))] = "unknown",
    environmental: Annotated[str, typer.Option("--environmental", help=_("Environmental sustainability: contributes, neutral, risk or unknown."))] = "unknown",
    sami: Annotated[str | None, typer.Option("--sami", help=_("Sámi relevance: none, indirect or direct."))] = None,
    plans: PlansOption = None,
    dry_run: DryRunOption = False,
    lang: LangOption = None,
) -> None:
    """Add an activity with the next free id; asks for the required fields in a terminal."""
    language = choose_lang(lang)
    interactive = _interactive()
    with handled(language):
        from rus.base.vocab import (
            Municipality,
            NationalArea,
            Phase,
            Priority,
            Rating,
            SamiRelevance,
            Status,
        )
        from rus.plans.choices import parse_choice
        from rus.writing.values import parse_date

        folder = _plans(plans)  # first: the municipalities and priorities are the region's of these plans
        if interactive and not (title and sub_area and start and phase):
            from rus.writing.editing import plan_ids

            known = plan_ids(folder, area)["sub_areas"]
            title = title or _ask(N_("Title"), language, _required)
            sub_area = sub_area or _ask(N_("Sub-area (id)"), language, _sub_area_check(known),
                                        known[0] if len(known) == 1 else None, choices=known)
            start = start or _ask(N_("Start date (YYYY-MM-DD)"), language, lambda a: parse_date(a, "start"), date.today().isoformat())
            phase = phase or _ask(N_("Step of the six-step process"), language, lambda a: parse_choice(Phase, a, "--phase"),
                                  Phase.ANALYSIS.text(language), choices=[p.text(language) for p in Phase])
        missing = [name for name, value in (("--title", title), ("--sub-area", sub_area), ("--start", start), ("--phase", phase)) if not value]
        if missing:
            from rus.base.errors import UsageError

            raise UsageError(N_("A required option is missing: {options}") if len(missing) == 1 else N_("Required options are missing: {options}"),
                             N_("Give them on the command line, or run the command in a terminal to be asked."),
                             options=join_words(missing, language))
        from rus.writing.editing import add_activity

        period: dict[str, Any] = {"start": parse_date(str(start), "--start")}
        if end:
            period["end"] = parse_date(end, "--end")
        fields: dict[str, Any] = {
            "title": title,
            "description": description,
            "sub_area": sub_area,
            "goals": goal or [],
            "lead": lead or [],
            "municipalities": [parse_choice(Municipality, m, "--municipality").value for m in municipality or []],
            "whole_county": True if whole_county else None,
            "period": period,
            "status": parse_choice(Status, status, "--status").value,
            "priorities": [parse_choice(Priority, p, "--priority").value for p in priority or []],
            "national_areas": [parse_choice(NationalArea, n, "--national-area").value for n in national_area or []],
            "phase": parse_choice(Phase, str(phase), "--phase").value,
            "sustainability": {
                "social": parse_choice(Rating, social, "--social").value,
                "economic": parse_choice(Rating, economic, "--economic").value,
                "environmental": parse_choice(Rating, environmental, "--environmental").value,
            },
            "sami": {"relevance": parse_choice(SamiRelevance, sami, "--sami").value} if sami else None,
        }
    _edit(language, dry_run, lambda: add_activity(folder, area, fields, dry_run=dry_run), {
        "R003 @actor in the actor registry": "--lead", "R003 @goal in this plan": "--goal", "R003 @sub-area in this plan": "--sub-area",
        "R011": "--sami", "R015": "--goal", "R016": "--priority", "R027": "--national-area", "R017": "--municipality / --whole-county",
        "R018": "--municipality / --whole-county", "R004": "--start / --end",
    })


@activity_app.command("set", help=_("Set fields of an activity."))
def activity_set(
    activity_id: Annotated[str, typer.Argument(metavar="ID", help=_("The activity's id, e.g. ABC-004."))],
    assignments: Annotated[list[str], typer.Argument(metavar=_("FIELD=VALUE..."), help=_("Fields to set, e.g. progress=60 period.end=2027-06-30 lead=university,region (empty value: remove)."))],
    plans: PlansOption = None,
    dry_run: DryRunOption = False,
    lang: LangOption = None,
) -> None:
    """Set fields of an activity."""
    language = choose_lang(lang)
    from rus.writing.editing import set_activity_fields

    _edit(language, dry_run, lambda: set_activity_fields(_plans(plans), activity_id, assignments, dry_run=dry_run))


@activity_app.command("status", help=_("Change an activity's status (only the allowed transitions)."))
def activity_status(
    activity_id: Annotated[str, typer.Argument(metavar="ID", help=_("The activity's id, e.g. ABC-004."))],
    status: Annotated[str, typer.Argument(metavar="STATUS", help=_("The new status: planned, ongoing, paused, completed or cancelled."))],
    note: Annotated[str | None, typer.Option("--note", help=_("Why the status changed (kept as status_note)."))] = None,
    end: Annotated[str | None, typer.Option("--end", help=_("End date (YYYY-MM-DD), e.g. when the activity is completed."))] = None,
    plans: PlansOption = None,
    dry_run: DryRunOption = False,
    lang: LangOption = None,
) -> None:
    """Change an activity's status (only the allowed transitions)."""
    language = choose_lang(lang)
    from rus.writing.editing import set_activity_status
    from rus.writing.values import parse_date

    def action() -> EditResult:
        return set_activity_status(_plans(plans), activity_id, status, note=note,
                                   end=parse_date(end, "end") if end else None, dry_run=dry_run)

    _edit(language, dry_run, action)


@activity_app.command("cancel", help=_("Cancel an activity, saying why."))
def activity_cancel(
    activity_id: Annotated[str, typer.Argument(metavar="ID", help=_("The activity's id, e.g. ABC-004."))],
    reason: Annotated[str, typer.Option("--reason", help=_("Why the activity is cancelled."))],
    plans: PlansOption = None,
    dry_run: DryRunOption = False,
    lang: LangOption = None,
) -> None:
    """Cancel an activity, saying why."""
    language = choose_lang(lang)
    from rus.writing.editing import cancel_activity

    _edit(language, dry_run, lambda: cancel_activity(_plans(plans), activity_id, reason, dry_run=dry_run))


# --- indicators, meetings, actors ------------------------------------------------------------------


@indicator_app.command(
    "record",
    help=_("Record an indicator's value for a period (replacing one already recorded for it)."),
    # a negative value (-5) is a value, not an unknown option
    context_settings={"ignore_unknown_options": True},
)
def indicator_record(
    indicator_id: Annotated[str, typer.Argument(metavar="ID", help=_("The indicator's id, e.g. ABC-I2."))],
    period: Annotated[str, typer.Argument(metavar=_("PERIOD"), help=_("The half-year, YYYY-1 (January to June) or YYYY-2 (July to December), e.g. 2026-2."))],
    value: Annotated[str, typer.Argument(metavar=_("VALUE"), help=_("The measured value (a decimal comma is fine: 4,5)."))],
    municipality: Annotated[str | None, typer.Option("--municipality", help=_("The municipality the value is for (default: the whole county)."))] = None,
    note: Annotated[str | None, typer.Option("--note", help=_("A note on the value."))] = None,
    plans: PlansOption = None,
    dry_run: DryRunOption = False,
    lang: LangOption = None,
) -> None:
    """Record an indicator's value for a period (replacing one already recorded for it)."""
    language = choose_lang(lang)
    from rus.writing.editing import record_actual
    from rus.writing.values import parse_number

    def action() -> EditResult:
        from rus.base.vocab import Municipality
        from rus.plans.choices import parse_choice

        folder = _plans(plans)  # first: the values are the region's of these plans
        place = parse_choice(Municipality, municipality, "--municipality").value if municipality else None
        return record_actual(folder, indicator_id, period, parse_number(value, "VALUE"),
                             municipality=place, note=note, dry_run=dry_run)

    _edit(language, dry_run, action)


@meeting_app.command("record", help=_("Record the mobilising meeting of an area's plan (date, place, participants)."))
def meeting_record(
    area: Annotated[str, typer.Argument(metavar=_("AREA"), help=_("The strength area (its slug or its id prefix)."))],
    when: Annotated[str, typer.Option("--date", help=_("Date of the meeting (YYYY-MM-DD)."))],
    place: Annotated[str, typer.Option("--place", help=_("Where the meeting was held."))],
    participant: Annotated[list[str], typer.Option("--participant", help=_("Id of an actor who took part (repeatable)."))],
    notes: Annotated[str | None, typer.Option("--notes", help=_("Notes from the meeting."))] = None,
    revision: Annotated[str | None, typer.Option("--revision", help=_("The plan's revision (default: the current one if it fits the date, else the next: YYYY-1 spring, YYYY-2 autumn, YYYY-3 a third revision in the year)."))] = None,
    cycle: Annotated[list[str] | None, typer.Option("--cycle", help=_("A step of the six-step process the meeting worked on, e.g. analysis or policy-mix (repeatable)."))] = None,
    plans: PlansOption = None,
    dry_run: DryRunOption = False,
    lang: LangOption = None,
) -> None:
    """Record the mobilising meeting of an area's plan (date, place, participants)."""
    language = choose_lang(lang)
    from rus.base.vocab import Phase
    from rus.plans.choices import parse_choice
    from rus.writing.editing import record_meeting
    from rus.writing.values import parse_date

    def action() -> EditResult:
        steps = [parse_choice(Phase, step, "--cycle").value for step in cycle or []]  # refused inside the handler
        return record_meeting(_plans(plans), area, when=parse_date(when, "date"), place=place, participants=participant,
                              notes=notes, revision=revision, cycle=steps, dry_run=dry_run)

    _edit(language, dry_run, action, {"R003 @actor in the actor registry": "--participant", "R013": "--revision", "R039": "--cycle"})


@actor_app.command("add", help=_("Add an actor to the actor registry."))
def actor_add(
    actor_id: Annotated[str, typer.Argument(metavar="ID", help=_("A short, lower-case id, e.g. university."))],
    name: Annotated[str, typer.Option("--name", help=_("The actor's name."))],
    helix: Annotated[str, typer.Option("--helix", help=_("business, civil-society, academia or public."))],
    municipality: Annotated[str | None, typer.Option("--municipality", help=_("Home municipality (leave out for actors outside the county)."))] = None,
    country: Annotated[str | None, typer.Option("--country", help=_("ISO 3166-1 country code for an actor in another country than the programme's member state, e.g. NO."))] = None,
    sami: Annotated[bool, typer.Option("--sami-organisation", help=_("The actor is a Sámi organisation."))] = False,
    step: Annotated[list[str] | None, typer.Option("--step", help=_("AREA=STEP on the Samhandlingstrappan, e.g. tourism=wants (repeatable)."))] = None,
    plans: PlansOption = None,
    dry_run: DryRunOption = False,
    lang: LangOption = None,
) -> None:
    """Add an actor to the actor registry."""
    language = choose_lang(lang)
    from rus.writing.editing import add_actor

    def action() -> EditResult:
        from rus.base.vocab import Helix, LadderStep, Municipality
        from rus.plans.choices import parse_area, parse_choice

        folder = _plans(plans)  # first: the areas and municipalities are the region's of these plans
        ladder: dict[str, str] = {}
        for item in step or []:
            area, sep, value = item.partition("=")
            if not sep:
                from rus.base.errors import UsageError

                raise UsageError(N_("`{value}` is not of the form AREA=STEP"), N_("E.g. --step tourism=wants."), value=item)
            ladder[parse_area(area, "--step").value] = parse_choice(LadderStep, value, "--step").value
        home = parse_choice(Municipality, municipality, "--municipality").value if municipality else None
        return add_actor(folder, actor_id, name, parse_choice(Helix, helix, "--helix").value, municipality=home,
                         country=country, sami_organisation=sami, ladder=ladder, dry_run=dry_run)

    _edit(language, dry_run, action, {"R040": "--country"})


@actor_app.command("step", help=_("Set an actor's step on the Samhandlingstrappan for an area."))
def actor_step(
    actor_id: Annotated[str, typer.Argument(metavar="ID", help=_("The actor's id."))],
    area: Annotated[str, typer.Argument(metavar=_("AREA"), help=_("The strength area (its slug or its id prefix)."))],
    step: Annotated[str, typer.Argument(metavar=_("STEP"), help=_("sees-hears, understands, wants or does."))],
    plans: PlansOption = None,
    dry_run: DryRunOption = False,
    lang: LangOption = None,
) -> None:
    """Set an actor's step on the Samhandlingstrappan for an area."""
    language = choose_lang(lang)
    from rus.writing.editing import set_ladder_step

    def action() -> EditResult:
        from rus.base.vocab import LadderStep
        from rus.plans.choices import parse_choice

        return set_ladder_step(_plans(plans), actor_id, area, parse_choice(LadderStep, step, "STEP").value, dry_run=dry_run)

    _edit(language, dry_run, action)
