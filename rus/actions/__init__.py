"""Actions that combine the core with output: ``rus commit`` describes the changes it records
with the renderers' words, ``rus undo`` takes the last recording back.

What it owns: recording updates of the plans in git (validate, describe, commit, tag) and undoing them.
What it may import: :mod:`rus.render`, :mod:`rus.timeline`, :mod:`rus.plans`, :mod:`rus.base`;
never :mod:`rus.cli` (which calls it).
"""
