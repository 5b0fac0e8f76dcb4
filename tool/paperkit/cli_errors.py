"""How the ``paperkit`` command ends: every error once, as one line and an exit code.

Errors raised on purpose (:mod:`paperkit.errors`) become one line on stderr and their exit code; an
``OSError`` from the filesystem becomes one line naming the path and the way out; Ctrl-C, SIGTERM and
SIGHUP end the same way (the cleanup that runs on a KeyboardInterrupt runs for all three); anything else
is a bug, reported in one line too.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import warnings
from collections.abc import Sequence
from typing import Any

import click

from paperkit.errors import PaperkitError, Terminated, filesystem_error
from paperkit.sanitize import one_line
from paperkit.terminal import echo


def fail(message: str, code: int) -> None:
    """Print a one-line error and exit with ``code``."""
    echo(f"paperkit: error: {one_line(message)}", err=True)
    sys.exit(code)


def _terminate(signum: int, _frame: object) -> None:
    raise Terminated(signum, signal.Signals(signum).name)


_TERMINATION = ("SIGTERM", "SIGHUP")


def _catch_termination() -> dict[int, Any]:
    """Treat SIGTERM (``timeout``, systemd, ``docker stop``) and SIGHUP (a closed terminal) like Ctrl-C:
    raised as a KeyboardInterrupt, so every cleanup path that runs on Ctrl-C runs for them too."""
    previous: dict[int, Any] = {}
    if threading.current_thread() is not threading.main_thread():
        return previous
    for name in _TERMINATION:
        if hasattr(signal, name):
            signum = getattr(signal, name)
            previous[signum] = signal.signal(signum, _terminate)
    return previous


def _restore(previous: dict[int, Any]) -> None:
    for signum, handler in previous.items():
        signal.signal(signum, handler)


def _interrupted(e: BaseException) -> None:
    if isinstance(e, Terminated):
        fail(f"terminated ({e.name})", 128 + e.signum)
    fail("interrupted", 130)


def _own_warnings_as_one_line() -> None:
    """paperkit's own warnings (a broken ``reimpl/`` folder) as one line each, each once per command,
    instead of Python's two lines with the warning's source line; call inside ``catch_warnings``."""
    shown = warnings.showwarning

    def show(message: Warning | str, category: type[Warning], *rest: Any, **kw: Any) -> None:
        if category.__module__.startswith("paperkit."):
            echo(f"paperkit: warning: {one_line(message)}", err=True)
        else:
            shown(message, category, *rest, **kw)

    warnings.showwarning = show
    warnings.filterwarnings("once", module=r"paperkit\.")  # the message decides "once", not the place


class OneLineErrors(click.Group):
    """A group whose usage errors (a bad option, a missing argument) are one line too, like paperkit's own."""

    def main(  # one signature for both of click's overloads
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        previous = _catch_termination()
        try:
            with warnings.catch_warnings():
                _own_warnings_as_one_line()
                code = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.NoArgsIsHelpError as e:
            click.echo(e.ctx.get_help() if e.ctx else str(e))
            sys.exit(0)
        except click.UsageError as e:
            where = f" (see {e.ctx.command_path} --help)" if e.ctx else ""
            fail(e.format_message() + where, e.exit_code)
        except click.ClickException as e:
            fail(e.format_message(), e.exit_code)
        except click.Abort as e:
            # click turns Ctrl-C (and our SIGTERM/SIGHUP) into Abort; the interrupt is its cause
            if isinstance(e.__context__, KeyboardInterrupt):
                _interrupted(e.__context__)
            fail("aborted", 1)
        except PaperkitError as e:
            fail(str(e), e.exit_code)
        except KeyboardInterrupt as e:
            _interrupted(e)
        except BrokenPipeError:
            sys.exit(1)
        except Exception as e:  # a bug: still one line, with a way to see more
            failure = filesystem_error(e) if isinstance(e, OSError) else None
            if failure is not None:  # the filesystem, outside a batch: one line, the path, the way out
                fail(str(failure), failure.exit_code)
            if os.environ.get("PAPERKIT_DEBUG"):
                raise
            fail(f"internal error: {type(e).__name__}: {e} (set PAPERKIT_DEBUG=1 to see where)", 1)
        finally:
            _restore(previous)
        sys.exit(code if isinstance(code, int) else 0)
