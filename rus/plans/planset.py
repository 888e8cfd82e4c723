"""The plans at one point in time: one plan per area, the actor registry and the programme file.

One class for every command that works on "the plans as they stood": :mod:`rus.timeline.history`
builds a :class:`PlanSet` from a commit or the working tree, the report's sources build one from the
models of a validation run, and validate, diff, report and status take it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rus.base.codes import N_
from rus.base.vocab import Area
from rus.plans.loader import Model
from rus.plans.models import ActorRegistry, Plan, ProgrammeFile

#: The label of the plans as they are in the working tree (not a commit).
WORKING_TREE = N_("working tree")


@dataclass(frozen=True)
class PlanSet:
    """The plans of one point in history: one plan per area, the actor registry and the files' texts.

    When an area's plan is split over several files, ``plans`` holds them merged (lists joined in
    path order, the metadata of the first file); ``paths`` names the files of each area. ``models``
    holds each file's own model by its path, the programme file's among them.
    """

    plans: dict[Area, Plan]
    registry: ActorRegistry | None
    texts: dict[str, str] = field(default_factory=dict)  # repo-relative path -> text (when kept)
    paths: dict[Area, tuple[str, ...]] = field(default_factory=dict)
    label: str = WORKING_TREE
    commit: str | None = None  # the commit read (None: the working tree)
    models: dict[str, Model] = field(default_factory=dict)  # path -> model of that file
    #: The programme file (EU fulfilment criteria, goal conflicts across areas), when there is one.
    programme: ProgrammeFile | None = None

    def area_of(self, path: str) -> Area | None:
        """The area whose plan the file holds (None for the actor registry or an unknown path)."""
        model = self.models.get(path)
        return model.area if isinstance(model, Plan) else None

    def in_area_order(self) -> PlanSet:
        """The same plans, ordered as the areas are (as reports list them)."""
        from dataclasses import replace

        return replace(self, plans={area: self.plans[area] for area in Area if area in self.plans})


__all__ = ["WORKING_TREE", "PlanSet"]
