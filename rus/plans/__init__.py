"""Reading and checking plans: the model, the YAML reader, the region file, the rules, the schema.

What it owns: the domain model (plans and actor registry), reading YAML with every value located, the
one loader every reader of plan files goes through (:mod:`rus.plans.loader`), the plans at a point in
time (:class:`rus.plans.planset.PlanSet`), the region file (found, cached, checked), validation with
the domain's rules (one unit per rule in the registry of :mod:`rus.plans.ruleset`, run on the
validated model), the JSON Schemas, and the
command line's spelling of vocabulary values.
What it may import: :mod:`rus.base`, pydantic, the YAML parsers.
"""
