"""The bottom: what every part of rus speaks.

What it owns: diagnostic codes (and why each rule exists) and diagnostics, the tool's errors and exit codes, Swedish and English
(gettext), the vocabularies, did-you-mean, finding the repository and its plans folder, and safe
writes (atomic, one writer at a time), and the generated table of codes in docs/diagnostics.md.
What it may import: only its own modules; no pydantic, YAML reader or git at import time (a command
that needs only these starts fast; Babel only for the catalog tool).
"""
