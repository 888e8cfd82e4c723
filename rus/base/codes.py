"""The stable diagnostic codes: name, default severity, message and hint templates.

Codes never change meaning once released. Families: ``F`` file, ``Y`` YAML syntax, ``S`` schema,
``R`` the domain's rules within and across plans, ``H`` history (transitions against a base), ``G``
the region file (``region.yaml``, the region's own vocabularies), ``P`` the programme file
(``programme.yaml``: the EU's fulfilment criteria and goal conflicts across areas), ``M`` editions
of the file formats and their migration (``rus migrate``).
Templates are English gettext message ids; :mod:`rus.base.i18n` renders them in Swedish.
"""

from __future__ import annotations

from dataclasses import dataclass


def N_(message: str) -> str:
    """Mark a string for translation without translating it (gettext convention)."""
    return message


def NP_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular and plural message pair (one ``ngettext`` entry) without translating it."""
    return singular, plural


@dataclass(frozen=True)
class Code:
    """A diagnostic code's documentation and templates."""

    name: str
    severity: str
    message: str
    hint: str


CODES: dict[str, Code] = {
    # --- the file itself -------------------------------------------------------------------------
    "F001": Code("unreadable", "error", N_("The file cannot be read: {reason}"),
                 N_("Check that the file exists and that you are allowed to read it.")),
    "F002": Code("not-utf8", "error", N_("The file is not UTF-8 text (byte {offset}); it looks like {encoding}"),
                 N_("Save the file as UTF-8 (in most editors: Save as, then Encoding: UTF-8).")),
    "F003": Code("binary", "error", N_("The file is binary, not YAML text"),
                 N_("Only YAML plan files belong here; move or remove this file.")),
    "F004": Code("too-large", "error", N_("The file is {size} MB, larger than the limit of {limit} MB"),
                 N_("Check that this really is a plan file; a plan is rarely larger than a few MB.")),
    "F005": Code("empty", "error", N_("The file is empty"),
                 N_("Copy one of the bundled plans as a start, or run `rus init`.")),
    "F006": Code("unknown-kind", "error", N_("The file is neither an action plan, the actor registry nor the programme file"),
                 N_("An action plan starts with `area:`; the actor registry with `actors:`; the programme file with `programme:`.")),
    "F007": Code("link-outside", "error", N_("`{link}` is a symbolic link to `{target}`, which leads {where}; it is not read"),
                 N_("rus reads plans only from inside their repository (or the folder given): keep the files themselves there instead of a link, or remove the link.")),
    "F008": Code("in-git-folder", "error", N_("`{path}` is inside the repository's .git folder; it is not read"),
                 N_("Plans are never kept in .git: name the plans folder or a file in it.")),
    # --- YAML syntax -----------------------------------------------------------------------------
    "Y001": Code("syntax", "error", N_("YAML syntax error: {problem}"),
                 N_("Check the indentation and punctuation on this line and the line before it.")),
    "Y002": Code("tab", "error", N_("A tab character is used for indentation"),
                 N_("Indent with spaces, two per level; YAML does not allow tabs.")),
    "Y003": Code("duplicate-key", "error", N_("The key `{key}` appears twice in the same block (first on line {first})"),
                 N_("Keep one of them; otherwise one value silently overwrites the other.")),
    "Y004": Code("unclosed-quote", "error", N_("A quoted text that starts on line {start} is never closed"),
                 N_("Add the closing quote ({quote}) at the end of the text.")),
    "Y005": Code("merge-conflict", "error", N_("A merge conflict marker `{marker}` is left in the file"),
                 N_("Resolve the conflict: keep the right lines and delete the lines with <<<<<<<, ======= and >>>>>>>.")),
    "Y006": Code("multiple-documents", "error", N_("The file holds more than one YAML document"),
                 N_("Keep one plan per file: remove the `---` line and what follows, or move it to a file of its own.")),
    "Y007": Code("not-a-mapping", "error", N_("The top level is {kind}, not a set of keys"),
                 N_("A plan starts with keys such as `area:` and `revision:` at the left margin.")),
    "Y008": Code("tag", "error", N_("The YAML tag `{tag}` is not allowed"),
                 N_("Remove the tag; plan files hold only text, numbers, lists and keys.")),
    "Y009": Code("alias-bomb", "error", N_("Anchors and aliases expand to more than {limit} values"),
                 N_("Write the values out instead of repeating them with `&anchor` and `*alias`.")),
    "Y010": Code("too-deep", "error", N_("The data is nested more than {limit} levels deep"),
                 N_("A plan needs only a few levels; check the indentation and the brackets.")),
    "Y011": Code("complex-key", "error", N_("A key must be plain text"),
                 N_("Write the key as a word followed by a colon, e.g. `status:`.")),
    "Y012": Code("recursive-alias", "error", N_("An alias refers to the block it is part of"),
                 N_("Write the values out instead of using `&anchor` and `*alias`.")),
    "Y013": Code("merge-key", "error", N_("A merge key (`<<`) is not allowed"),
                 N_("Write the keys out in full; merge keys make the plan mean different things to different tools.")),
    "Y014": Code("bad-escape", "error", N_("A backslash in a text in double quotes starts an escape YAML does not know (`{escape}`)"),
                 N_("Write the backslash twice (\\\\), or put the text in single quotes ('…'), where a backslash is just a backslash.")),
    "Y015": Code("control-character", "error", N_("The file contains a control character ({char}) that YAML does not allow"),
                 N_("Delete it; it often comes with text copied from a word processor (e.g. a soft line break).")),
    # --- schema ----------------------------------------------------------------------------------
    "S001": Code("missing-key", "error", N_("The required key `{key}` is missing"),
                 N_("Add `{key}:` ({title}).")),
    "S002": Code("unknown-key", "error", N_("Unknown key `{key}`"),
                 N_("Allowed keys here: {allowed}.")),
    "S003": Code("invalid-choice", "error", N_("`{value}` is not an allowed value for `{key}`"),
                 N_("Allowed values: {allowed}.")),
    "S004": Code("wrong-type", "error", N_("`{key}` should be {expected}"),
                 N_("Write {expected} here, e.g. {example}.")),
    "S005": Code("invalid-date", "error", N_("`{value}` is not a valid date"),
                 N_("Write dates as YYYY-MM-DD, e.g. 2026-03-01.")),
    "S006": Code("invalid-format", "error", N_("`{value}` does not have the form of {what}"),
                 N_("Expected form: {example}.")),
    "S007": Code("out-of-range", "error", N_("`{value}` is out of range for `{key}`"),
                 N_("Allowed: {constraint}.")),
    "S008": Code("empty-value", "error", N_("`{key}` must not be empty"),
                 N_("Give at least {minimum}.")),
    "S009": Code("invalid", "error", N_("Invalid value for `{key}`: {detail}"),
                 N_("See the schema in schemas/ for what this key takes.")),
    # --- the domain's rules ----------------------------------------------------------------------
    "R001": Code("duplicate-id", "error", N_("The id `{id}` is used more than once (also at {other})"),
                 N_("Give one of them a new id; ids are never reused.")),
    "R002": Code("id-prefix", "error", N_("The id `{id}` does not carry the area's prefix `{prefix}`"),
                 N_("Use an id such as `{example}`.")),
    "R003": Code("unknown-reference", "error", N_("`{ref}` does not refer to any {what}"),
                 N_("Known: {known}.")),
    "R004": Code("period-order", "error", N_("The period ends ({end}) before it starts ({start})"),
                 N_("Swap the dates or correct one of them.")),
    "R005": Code("milestone-outside-period", "warning", N_("The milestone on {date} is outside the activity's period ({start} to {end})"),
                 N_("Move the milestone, or extend the period.")),
    "R006": Code("actual-after-revision", "error", N_("An actual for period {period} is later than the plan's revision {revision}"),
                 N_("Record actuals only for periods up to the plan's revision, or raise the revision.")),
    "R007": Code("duplicate-actual", "error", N_("There are two actuals for period {period} ({scope})"),
                 N_("Keep one value per period and municipality.")),
    "R008": Code("completed-progress", "error", N_("A completed activity has progress {progress}, not 100"),
                 N_("Set `progress: 100`, or choose another status.")),
    "R009": Code("completed-without-end", "error", N_("A completed activity has no end date"),
                 N_("Add `end:` under `period:` with the date the activity was completed.")),
    "R010": Code("cancelled-without-reason", "error", N_("A cancelled activity does not say why"),
                 N_("Add `status_note:` with the reason for cancelling.")),
    "R011": Code("sami-relevance-missing", "error", N_("The activity does not state its Sámi relevance"),
                 N_("Add `sami:` with `relevance: none`, `indirect` or `direct`, and what it touches under `touches:`; the duty to consult (Lag 2022:66) follows what an activity touches, anywhere in Sápmi.")),
    "R012": Code("risk-without-conflict", "error", N_("{dimension} is rated `risk` but no goal conflict is recorded"),
                 N_("Add an entry under `goal_conflicts:` saying between what, and how it is handled, or name the activity in a goal conflict of the programme file.")),
    "R013": Code("revision-meeting-mismatch", "warning", N_("The revision {revision} does not fit the meeting date {date} (expected {expected})"),
                 N_("A revision is numbered within the year of its meeting: YYYY-1 is the spring revision, a meeting from July on gives YYYY-2 or later, and a third revision in a year is YYYY-3.")),
    "R014": Code("replaced-but-active", "warning", N_("The activity is replaced by {replacement} but its status is {status}"),
                 N_("An activity that is replaced ends as cancelled or completed.")),
    "R015": Code("no-goal", "warning", N_("The activity serves no goal"),
                 N_("Add the ids of the goals it serves under `goals:`.")),
    "R016": Code("no-priority", "warning", N_("The activity names no long-term priority"),
                 N_("Add at least one of: whole-county, sustainable-development, strength-areas under `priorities:`.")),
    "R017": Code("no-reach", "warning", N_("The activity names no municipality and is not marked as reaching the whole county"),
                 N_("List the municipalities under `municipalities:`, or set `whole_county: true`.")),
    "R018": Code("reach-both", "warning", N_("The activity both lists municipalities and reaches the whole county"),
                 N_("Keep `whole_county: true` and remove the list, or set it to false.")),
    "R019": Code("file-name-area", "warning", N_("The file name `{name}` does not match the area `{area}`"),
                 N_("Name the file `{expected}` so that people and tools find it.")),
    "R020": Code("goal-without-indicator", "warning", N_("No indicator measures the goal `{id}`"),
                 N_("Add an indicator with `goal: {id}`, so that the goal can be followed up.")),
    "R021": Code("no-actor-registry", "warning", N_("No actor registry was found, so actor references are not checked"),
                 N_("Keep the registry as actors.yaml beside the plans, or name it on the command line.")),
    "R022": Code("replaced-by-self", "error", N_("The activity is replaced by itself"),
                 N_("Name the id of the activity that replaces it.")),
    "R040": Code("unknown-country", "error", N_("`{country}` is not a country code of ISO 3166-1"),
                 N_("Write the country's two-letter code in capitals, e.g. NO for Norway or FI for Finland.")),
    # --- the programme file (programme.yaml) ------------------------------------------------------
    "P001": Code("criterion-missing", "error", N_("Fulfilment criterion {number} ({criterion}) is not evidenced"),
                 N_("Add an entry with `criterion: {criterion_slug}` under `criteria:`, naming the documents, meetings, indicators or activities that meet it.")),
    "P002": Code("criterion-twice", "error", N_("Criterion {number} ({criterion}) is listed twice (first on line {other})"),
                 N_("Keep one entry per criterion and put all its evidence there.")),
    "P003": Code("criterion-without-evidence", "error", N_("Criterion {number} ({criterion}) names no evidence"),
                 N_("Name at least one document, meeting, indicator or activity that shows how the criterion is met.")),
    "P004": Code("unknown-plan-reference", "error", N_("`{ref}` does not refer to any {what}"),
                 N_("Known: {known}.")),
    "P005": Code("meeting-area-without-plan", "error", N_("There is no plan for the area `{area}` among the plans, so the meeting of revision {revision} cannot be found"),
                 N_("Name an area with a plan: {areas}.")),
    "P006": Code("meeting-after-revision", "error", N_("The meeting of revision {revision} of `{area}` is later than the plan's revision {current}"),
                 N_("Name a revision the plan has reached: {current} or an earlier one.")),
    "P007": Code("unknown-document", "error", N_("`{ref}` is not the reference number of any document of the programme or the plans"),
                 N_("Add the document under `documents:` in the programme file or a plan. Known: {known}.")),
    "P008": Code("duplicate-conflict-id", "error", N_("The goal conflict id `{id}` is used more than once (also on line {other})"),
                 N_("Give each goal conflict its own id.")),
    "P009": Code("conflict-side-empty", "error", N_("The side `{interest}` of the goal conflict names no goal or activity"),
                 N_("Name the goals or activities that carry this interest under `goals:` or `activities:`.")),
    "P010": Code("conflict-handling-missing", "warning", N_("The goal conflict is {state} but does not say how it is handled"),
                 N_("Describe under `handling:` how the conflict is handled.")),
    "P011": Code("conflict-handlers-missing", "warning", N_("The goal conflict is {state} but does not say who handles it"),
                 N_("Name the actors who handle it under `handled_by:` (ids from the actor registry).")),
    "P012": Code("no-partner-abroad", "warning", N_("None of the activities cited for cooperation with partners outside the member state names an actor outside {member_state}"),
                 N_("Cite an activity with a lead or partner whose `country:` in the actor registry is another country's code.")),
    "P013": Code("programme-without-plans", "warning", N_("No action plans were read with the programme file, so its references are not checked"),
                 N_("Validate the folder that holds the plans and the programme file, e.g. `rus validate plans`.")),
    "P014": Code("programme-twice", "error", N_("There is more than one programme file (the other is {other})"),
                 N_("Keep one programme file beside the plans; merge the two.")),
    "R030": Code("consultation-missing", "warning", N_("The activity may be of particular importance to the Sámi and is {status}, but no documented consultation under Lag (2022:66) names it"),
                 N_("Add a record under `consultations:` with `form: statutory`, this activity under `activities:`, its outcome, and `reference:` or `documented_in:`.")),
    "R031": Code("sami-touches-missing", "warning", N_("The Sámi relevance is {relevance} but the activity does not say what it touches"),
                 N_("List under `touches:` what it touches: land-and-water, reindeer-husbandry, culture, language, livelihoods or other.")),
    "R032": Code("consultation-undocumented", "error", N_("The consultation has ended but does not say where it is documented"),
                 N_("Lag (2022:66) requires the consultation to be documented: add `reference:` (the case's reference number) or `documented_in:`.")),
    "R033": Code("consultation-incomplete", "warning", N_("The consultation under Lag (2022:66) does not state {keys}"),
                 N_("A consultation record says which activities it concerned, which Sámi representatives were consulted, on what matter, when, and its outcome.")),
    "R034": Code("consultation-dates", "error", N_("The consultation concluded ({concluded}) before it started ({date})"),
                 N_("Swap the dates or correct one of them.")),
    "R035": Code("evaluation-without-evaluator", "error", N_("The evaluation does not say who evaluated"),
                 N_("Add `evaluator:` (an id from the actor registry) or `evaluator_name:` (an organisation outside it; never a private person).")),
    "R036": Code("evaluation-change-later", "error", N_("The change is recorded for revision {revision}, later than the plan's revision {current}"),
                 N_("Name the revision of the plan that made the change; it cannot be later than this one.")),
    "R037": Code("evaluation-change-earlier", "error", N_("The change is recorded for revision {revision}, made before the evaluation of {date}"),
                 N_("A change because of an evaluation is made in a revision after it: name that revision.")),
    "R038": Code("document-not-reviewed", "warning", N_("The governing document was last adopted or reviewed on {last}: not once in the term of office {start} to {end}"),
                 N_("Förordning (2017:583) requires the strategy documents to be reviewed at least once between elections; record the latest review under `reviewed:`.")),
    "R039": Code("meeting-cycle-missing", "warning", N_("The meeting does not say which steps of the six-step process it worked on"),
                 N_("Add `cycle:` under `meeting:` with the steps: analysis, governance, vision, prioritisation, policy-mix, evaluation.")),
    "R023": Code("funding-without-year", "warning", N_("The funding row does not say which year it concerns"),
                 N_("Add `year:` with the year of the application or decision, so that the yearly report counts the money in the right year.")),
    "R024": Code("payments-not-granted", "error", N_("Payments are recorded on a funding row whose state is {state}"),
                 N_("Only granted money is paid out: set `state: granted` (or `paid` when all of it is paid out), or remove the payments.")),
    "R025": Code("payments-over-amount", "error", N_("The payments add up to SEK {paid}, more than the row's amount of SEK {amount}"),
                 N_("Correct the payments, or raise `amount_sek` to what was granted.")),
    "R026": Code("paid-not-paid", "warning", N_("The row is marked as paid out in full, but its payments add up to SEK {paid} of SEK {amount}"),
                 N_("Record each year's payment under `payments:`, or set `state: granted` while money is still to be paid out.")),
    "R027": Code("no-national-area", "warning", N_("The activity names no strategic area of the national strategy"),
                 N_("Add at least one of: equal-opportunities, skills, innovation, accessibility under `national_areas:`.")),
    "R028": Code("indicator-not-auditable", "warning", N_("The indicator cannot be audited: it lacks {missing}"),
                 N_("Say what is counted (`definition:`), how it is measured (`method:`), where the value comes from (`source:`) and how often it is measured (`frequency:`).")),
    "R029": Code("result-without-priority", "warning", N_("The result indicator `{id}` does not say which long-term priority it measures"),
                 N_("Add `priority:` with the long-term priority whose change the indicator follows.")),
    # --- the region file --------------------------------------------------------------------------
    "G001": Code("region-missing", "error", N_("No region file (region.yaml) was found for these plans"),
                 N_("Put the region's region.yaml at the repository root, beside plans/ (`rus init --region FILE` starts a repository with one), or name one with RUS_REGION.")),
    "G002": Code("region-duplicate", "error", N_("The {what} `{value}` is defined twice in the region file (first on line {other})"),
                 N_("Keep one of them; each value of the region must be unique.")),
    "G003": Code("region-value-removed", "error", N_("`{value}` is no longer a {what} of the region: it was removed from region.yaml in {commit} ({date}, \"{subject}\")"),
                 N_("Change the plan to one of the region's values: {allowed}.")),
    "G005": Code("region-value-removed-uncommitted", "error", N_("`{value}` is no longer a {what} of the region: it was removed from region.yaml (not committed yet)"),
                 N_("Change the plan to one of the region's values: {allowed}.")),
    "G004": Code("region-schema-version", "error", N_("The region file is of schema version {found}; this version of rus reads version {supported}"),
                 N_("Upgrade rus to a version that reads this edition of the region file.")),
    # --- editions and migration -----------------------------------------------------------------
    "M001": Code("old-edition", "warning", N_("The file is of edition {found} of its format; this version of rus writes edition {current}"),
                 N_("Run `rus migrate` to upgrade it (every comment is kept; `rus migrate --dry-run` shows the changes first). Until then it is read upgraded in memory.")),
    "M002": Code("newer-edition", "error", N_("The file is of edition {found} of its format, newer than this version of rus reads ({current})"),
                 N_("Upgrade rus to a version that reads this edition; the file is not checked further.")),
    "M003": Code("edition-not-first", "warning", N_("`schema_version` is not the file's first key"),
                 N_("Keep `schema_version:` at the top of the file (`rus fmt` moves it there).")),
    # --- history (against a base revision) -------------------------------------------------------
    "H001": Code("forbidden-transition", "error", N_("The status went from {old} to {new}, which is not allowed"),
                 N_("Allowed from {old}: {allowed}.")),
    "H002": Code("activity-removed", "error", N_("The activity `{id}` was removed (it was {status} at {base})"),
                 N_("Keep the activity and set its status to completed or cancelled, or name its replacement in `replaced_by`.")),
    "H003": Code("id-reused", "error", N_("The id `{id}` was used for another activity at {base} (\"{old_title}\")"),
                 N_("Give the new activity a new id; ids are never reused.")),
    "H004": Code("tagged-revision-changed", "warning", N_("The plan changed after revision {revision} was recorded, but `revision` was not raised"),
                 N_("Set `revision:` to the next revision (e.g. {next}) when the plan is revised.")),
    "H005": Code("ended-activity-removed", "warning", N_("The activity `{id}` was removed after it ended (it was {status} at {base})"),
                 N_("Keep ended activities in the plan, so that the yearly report and the diff still count them.")),
    "H008": Code("ongoing-without-consultation", "error", N_("The activity became ongoing without a documented consultation under Lag (2022:66), though it may be of particular importance to the Sámi"),
                 N_("Record the consultation under `consultations:` (`form: statutory`, its outcome and where it is documented) before the activity starts.")),
    "H009": Code("consultation-removed", "warning", N_("The consultation record `{id}` was removed (it was in the plan at {base})"),
                 N_("Keep consultation records: they are the plan's documentation of the consultation. Correct a record instead of removing it.")),
    "H006": Code("revision-lowered", "error", N_("The revision went back from {old} (at {base}) to {new}"),
                 N_("A plan's revision only ever rises: keep {old}, or raise it to the next revision.")),
}

#: Hints used instead of a code's default hint in particular cases.
HINT_DID_YOU_MEAN = N_("Did you mean `{suggestion}`?")
HINT_CLOSEST_ACTORS = N_("The closest actors: {closest}. Every actor is in the actor registry (actors.yaml); add a new one with `rus actor add`.")
HINT_ASCII_ID = N_("Ids are written without å, ä and ö: did you mean `{suggestion}`?")
HINT_DID_YOU_MEAN_LABEL = N_("Did you mean `{suggestion}` ({label})?")
HINT_FIX_DATE = N_("Write the date as YYYY-MM-DD: `{suggestion}`.")
HINT_ALLOWED_FROM_FINAL = N_("{old} is a final status; start a new activity with a new id instead.")
