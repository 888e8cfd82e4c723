"""Renderers: turn results into text for people (rich) or machines (JSON, GitHub annotations).

Renderers never compute and never exit; the CLI picks one by name.
"""
