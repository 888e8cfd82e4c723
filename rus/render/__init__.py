"""Renderers: turn results into text for people (rich) or machines (JSON, GitHub annotations).

Renderers never compute and never exit; the CLI picks one by name.

What it may import: the reporting, timeline, plans and base packages (the data it renders); never
the command line, the language server or the writing package (docs/architecture.md).
"""
