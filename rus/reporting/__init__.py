"""The yearly report and the follow-up before a meeting, as data.

What it owns: what a report or follow-up is computed from (the plans and their history), the report's
sections, the follow-up per area, and the report's charts (SVG).
What it may import: :mod:`rus.timeline`, :mod:`rus.plans`, :mod:`rus.base`; never a renderer
(:mod:`rus.render` turns these data into HTML, Markdown and text), never :mod:`rus.writing`.
"""
