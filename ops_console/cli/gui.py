"""Opening the desktop console (the default when no subcommand is given)."""

from __future__ import annotations

import argparse
import os
import shutil
import sys

from ..domain.messages import LANGUAGES
from .common import DB, USER, Commands, arg, signed_in

COMMANDS = Commands()


def _window_size(text: str) -> tuple[int, int]:
    """Parse ``WxH`` (e.g. 1366x768) for --size."""
    width, sep, height = text.lower().partition("x")
    if not sep or not width.isdigit() or not height.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1366x768")
    w, h = int(width), int(height)
    if not (320 <= w <= 7680 and 240 <= h <= 4320):
        raise argparse.ArgumentTypeError(f"{text!r}: width 320-7680 and height 240-4320 pixels")
    return w, h


@COMMANDS.command(
    "snapshot",
    help="render every page of the console to PNG (offscreen), in English and Chinese",
    db_user_first=False,  # --db and --user after the folder
    args=[
        arg("outdir", help="folder for <lang>/<NN-page>.png"),
        DB,
        USER,  # whose view is rendered: that person signs in
        arg("--lang", action="append", choices=LANGUAGES, help="only this language"),
        arg(
            "--page",
            action="append",
            metavar="KEY",
            help="only this page (its key, e.g. users, as in the file names); repeat for several",
        ),
        arg(
            "--large-text",
            "--large",
            dest="large",
            action="store_true",
            help="in the large-text mode, at 1366x768 unless --size says otherwise",
        ),
        arg("--high-contrast", action="store_true", help="in the high-contrast colours"),
        arg(
            "--size",
            metavar="WxH",
            type=_window_size,
            default=None,
            help="the window's size in pixels (default 1400x900; 1366x768 with --large-text)",
        ),
    ],
)
def run_snapshot(args: argparse.Namespace) -> int:
    """Render the pages offscreen with the database of --db."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from pathlib import Path

    from ..ui.snapshot import snapshot

    services, actor = signed_in(args)
    files = snapshot(
        services,
        Path(args.outdir),
        actor.username,
        tuple(args.lang or ("en", "zh_CN")),
        large=args.large,
        high_contrast=args.high_contrast,
        size=args.size,
        pages=tuple(args.page) if args.page else None,
    )
    print(f"{len(files)} snapshots written to {args.outdir}")
    return 0


def self_command() -> list[str]:
    """The command that runs this program again: the bundle's own executable when frozen."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle has no "-m ops_console"
        return [sys.executable]
    return [sys.executable, "-m", "ops_console"]


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
            argv = [*self_command(), *sys.argv[1:]]
            os.execve(xvfb, [xvfb, "-a", *argv], env)
        print(
            "ops-console: no display found and xvfb-run is not installed; running "
            "offscreen (nothing will appear)",
            file=sys.stderr,
        )
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from ..ui.launch import run

    return run(args)
