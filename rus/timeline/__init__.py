"""The plans over time: their git history, the changes between two points, the transition rules.

What it owns: reading the plans at any revision, the semantic diff (``rus diff``), comparing across the
history (``rus log``, ``rus revisions``), the transition rules against a base, and the pull-request
check (``rus ci``) that combines them with validation.
What it may import: :mod:`rus.plans`, :mod:`rus.base`, GitPython.
"""
