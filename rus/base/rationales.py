"""Why each rule of the domain exists: a short rationale per rule code (R, P, H and the
region file's G002), in English.

The rule units themselves (their checks) are in :mod:`rus.plans.rules`, :mod:`rus.plans.programme`,
:mod:`rus.plans.region` and :mod:`rus.timeline.transitions`
(registry: :mod:`rus.plans.ruleset`); each refers to its code's entry in :data:`rus.base.codes.CODES`
and its rationale here. The rationales are kept beside the codes, in the lowest layer, so that the
generated table of codes (:mod:`rus.base.diagnostics_doc`) and the renderers can show them without
importing the rules. Texts are gettext message ids; the Swedish is in ``rus/locale/sv/po/rules.po``.
"""

from __future__ import annotations

from rus.base.codes import N_

RATIONALES: dict[str, str] = {
    "R001": N_("An id names one goal, indicator, activity or actor for good: reports, history and other plans refer to it, so two items with one id cannot be told apart."),
    "R002": N_("The area's prefix tells at a glance which action plan an id belongs to, and keeps ids unique across the four strength areas."),
    "R003": N_("A reference that leads nowhere breaks the link between goals, indicators, activities and actors that the follow-up is built on."),
    "R004": N_("An activity cannot end before it starts; one of the dates is a typing error."),
    "R005": N_("A milestone marks a step of the activity, so it normally falls within the activity's period."),
    "R006": N_("An actual reports a half-year the plan has reached; a later one cannot have been measured yet."),
    "R007": N_("The follow-up counts one value per period and municipality; two values make the result ambiguous."),
    "R008": N_("A completed activity has done all it set out to do; progress below 100 contradicts the status."),
    "R009": N_("The yearly report tells when activities were completed; that needs the end date."),
    "R010": N_("A cancelled activity is kept in the plan, and the reason for cancelling it is part of the learning loop the region reports on."),
    "R011": N_("The region must consult Sámi representatives before decisions that may be of particular importance to the Sámi (Lag 2022:66); each activity stating its relevance is how the plan shows this was considered."),
    "R012": N_("Goal conflicts are to be made visible (long-term priority 2, sustainable development): a sustainability risk without a recorded conflict hides one."),
    "R013": N_("Plans are revised at mobilising meetings, at least twice a year; a revision numbered for another year or half-year than its meeting is often a copied plan."),
    "R014": N_("An activity that is replaced by another should end, so that the two are not followed up as running side by side."),
    "R015": N_("Every activity is there to reach goals of the plan; one that serves none cannot be followed up against them."),
    "R016": N_("The region reports its work to the government by the long-term priorities (Förordning 2017:583); an activity without one falls outside that report."),
    "R017": N_("The first long-term priority follows up where in the county efforts land; that needs the municipalities reached, or the whole county."),
    "R018": N_("An activity either reaches the whole county or the municipalities it lists; both at once makes the count per municipality ambiguous."),
    "R019": N_("Each area's plan is kept in a file named after the area, so that people, history and the tools find it."),
    "R020": N_("A goal is followed up through its indicators; a goal no indicator measures cannot be followed up."),
    "R021": N_("Actors are kept in one registry shared by every plan; without it, references to actors cannot be checked."),
    "R022": N_("An activity replaced by itself names no successor; the replacement must be another activity."),
    "R023": N_("The yearly report counts money in the year of its application or decision; a row without a year falls in no year."),
    "R024": N_("Only granted money is paid out; payments on a row that was never granted would be counted as money that cannot have been paid."),
    "R025": N_("Payments cannot exceed the amount granted; the yearly report would overstate the money paid out."),
    "R026": N_("A row marked as paid out in full should have payments that add up to its amount, so that each year's payments are reported."),
    "R027": N_("Tillväxtverket compiles the regions' yearly follow-ups by the four strategic areas of the national strategy for sustainable regional development 2021–2030."),
    "R028": N_("Someone else must be able to check a reported value: that needs the indicator's definition, method, source and frequency."),
    "R029": N_("Result indicators are tied to the change a long-term priority aims at, so that the evaluation can tell whether the priority moved."),
    "R030": N_("Under Lag (2022:66) the region consults Sámi representatives before a decision that may be of particular importance to the Sámi, and documents the consultation."),
    "R031": N_("Whether a consultation is needed depends on what an activity touches: land and water, reindeer husbandry, culture, language or livelihoods."),
    "R032": N_("Lag (2022:66) requires a consultation to be documented; the record says where."),
    "R033": N_("A consultation record shows who was consulted, on what matter and when, and with what outcome; without them it documents nothing."),
    "R034": N_("A consultation cannot be concluded before it started; one of the dates is a typing error."),
    "R035": N_("The region's work is to be evaluated, and an evaluation is only credible when it says who carried it out."),
    "R036": N_("A change made because of an evaluation is made in a revision of the plan; a revision later than the plan's own has not happened yet."),
    "R037": N_("A change because of an evaluation comes after the evaluation; a revision made before it cannot be its consequence."),
    "R038": N_("Förordning (2017:583) requires the strategy documents to be reviewed at least once in each term of office."),
    "R039": N_("Work follows the six-step process of smart specialisation; recording the steps a meeting worked on shows where the learning loop stands."),
    "R040": N_("Cooperation with partners abroad (fulfilment criterion 7) is shown by the actors' countries, written as ISO 3166-1 codes."),
    "P001": N_("ERDF programmes depend on enabling condition 1.1 (Regulation (EU) 2021/1060, Annex IV); each of its seven fulfilment criteria must be shown to be met."),
    "P002": N_("One entry per criterion keeps its evidence in one place, so that nothing is missed or counted twice."),
    "P003": N_("A criterion is met only when evidence shows it: a document, meeting, indicator or activity."),
    "P004": N_("The evidence for a criterion must lead to goals, indicators and activities that exist in the plans."),
    "P005": N_("A meeting cited as evidence is found through its area's plan; without that plan it cannot be found."),
    "P006": N_("A meeting cited as evidence must have been held; a revision the plan has not reached has no meeting yet."),
    "P007": N_("A document cited as evidence must be one the programme or a plan records, with its reference number."),
    "P008": N_("Goal conflicts are followed up and referred to by their ids; two conflicts with one id cannot be told apart."),
    "P009": N_("A goal conflict runs between interests that goals or activities carry; a side that names none shows no conflict."),
    "P010": N_("A goal conflict that has been addressed says how it is handled; making conflicts visible is part of the second long-term priority."),
    "P011": N_("A goal conflict that has been addressed says who handles it, so that the handling can be followed up."),
    "P012": N_("Criterion 7 asks for cooperation with partners outside the member state; the activities cited must involve such a partner."),
    "P013": N_("The programme file's references point into the plans; without the plans they cannot be checked."),
    "P014": N_("One programme covers the region's plans; two programme files would make the evidence for the criteria ambiguous."),
    "H001": N_("A status moves only along the allowed transitions, and an ended activity stays ended, so that each activity's history tells what really happened to it."),
    "H002": N_("An activity of an adopted plan ends as completed or cancelled (with a reason), or is replaced; one that just disappears leaves a gap in the follow-up and in the yearly report."),
    "H003": N_("An id names one activity for good: history, reports and other plans refer to it, so a new activity under an old id would take over the old one's past."),
    "H004": N_("A recorded revision is what the mobilising meeting adopted; a change after it belongs to the next revision, so that the record stays true."),
    "H005": N_("An ended activity may leave the plan, but the yearly report then finds it only in the history; keeping it until the report is written keeps it in view."),
    "H006": N_("Revisions follow one another in time; a lower number than before would put this version of the plan before one already adopted."),
    "H008": N_("Under Lag (2022:66) the region consults Sámi representatives before it decides on matters that may be of particular importance to the Sámi; starting such an activity shows that the decision has been taken."),
    "H009": N_("The plan's consultation records document that the duty to consult was met; removing one removes that documentation."),
    "G002": N_("Each strength area, id prefix, municipality, priority, funding source, programme and report language is defined once: plans refer to them by slug or code, and a second definition would make such a reference ambiguous."),
}
