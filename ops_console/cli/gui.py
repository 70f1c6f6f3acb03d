"""Opening the desktop console (the default when no subcommand is given)."""

from __future__ import annotations

import argparse
import os
import shutil
import sys


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The GUI has no subcommand of its own (``snapshot`` is added by the UI)."""


def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def open_gui(args: argparse.Namespace) -> int:
    """Open the main window; without a display, re-run under xvfb-run or offscreen."""
    if not has_display() and not os.environ.get("QT_QPA_PLATFORM"):
        xvfb = shutil.which("xvfb-run")
        if xvfb and not os.environ.get("OPS_CONSOLE_NO_XVFB"):
            print(
                "ops-console: no display found; running the window under xvfb-run "
                "(a virtual screen: nothing will appear here)",
                file=sys.stderr,
            )
            env = dict(os.environ, OPS_CONSOLE_NO_XVFB="1")
            argv = [sys.executable, "-m", "ops_console", *sys.argv[1:]]
            os.execve(xvfb, [xvfb, "-a", *argv], env)
        print(
            "ops-console: no display found and xvfb-run is not installed; running "
            "offscreen (nothing will appear)",
            file=sys.stderr,
        )
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from ..ui.launch import run

    return run(args)
