"""Exit codes and the errors of the tool's own job (not findings about plans, which are data).

Every error carries its exit code and a message for the user (a gettext message id and its
parameters), rendered in Swedish or English where the CLI catches it, in one place.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from rus.base.codes import N_
from rus.base.i18n import localize, translate
from rus.base.vocab import Lang


class ExitCode(IntEnum):
    """The exit codes of every ``rus`` command."""

    OK = 0
    FINDINGS = 1
    USAGE = 2
    FAILURE = 3
    INTERNAL = 4
    LOCKED = 5


#: What each exit code means, for ``rus --help`` and the README (a test keeps them in step).
EXIT_CODE_DOCS: dict[ExitCode, str] = {
    ExitCode.OK: N_("success: no errors (warnings allowed unless --strict)"),
    ExitCode.FINDINGS: N_("findings: the plans have errors (or warnings under --strict), or there are changes with --exit-code"),
    ExitCode.USAGE: N_("usage error: unknown option or command, a path that does not exist, a bad value"),
    ExitCode.FAILURE: N_("the tool could not do its job: not a git repository, unknown revision, git failure, a file that cannot be written"),
    ExitCode.INTERNAL: N_("internal error in rus (rerun with --debug and report it)"),
    ExitCode.LOCKED: N_("locked: another rus command kept writing the same plans for longer than the wait (RUS_LOCK_TIMEOUT, 10 s); nothing was written"),
}


class RusError(Exception):
    """Base of the tool's errors: a message for the user and an exit code."""

    exit_code: ExitCode = ExitCode.FAILURE

    def __init__(self, message: str, hint: str = "", **params: Any) -> None:
        super().__init__(message.format(**params) if params else message)
        self.message_id = message
        self.hint_id = hint
        self.params = params

    def message(self, lang: Lang = "en") -> str:
        """The message in the given language."""
        return _render(self.message_id, self.params, lang)

    def hint(self, lang: Lang = "en") -> str:
        """A hint in the given language ("" when there is none)."""
        return _render(self.hint_id, self.params, lang) if self.hint_id else ""


def _render(template: str, params: dict[str, Any], lang: Lang) -> str:
    text = translate(template, lang)
    return text.format(**{key: localize(value, lang) for key, value in params.items()}) if params else text


class UsageError(RusError):
    """The command was called wrongly (a path that does not exist, a bad option value)."""

    exit_code = ExitCode.USAGE


class NotFoundError(UsageError):
    """A file, folder, area or revision named on the command line does not exist."""


class GitError(RusError):
    """A git operation failed, or the folder is not a git repository."""

    exit_code = ExitCode.FAILURE


class WriteError(RusError):
    """A file could not be written."""

    exit_code = ExitCode.FAILURE


class LockedError(RusError):
    """Another ``rus`` command held the plans' write lock for longer than this one would wait."""

    exit_code = ExitCode.LOCKED


class RegionError(RusError):
    """The region file of the plans has errors, so the plans cannot be read against it."""

    exit_code = ExitCode.FINDINGS
