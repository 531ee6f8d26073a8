"""The command line: the arguments every entry point shares and the core's commands.

``ui.main`` owns the process entry point (it can start the window); the commands here
need no screen, so organisers can script them and the core tests can run them where Qt
is not installed.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from kiosk import __version__
from kiosk.content import DEFAULT_LANGUAGE
from kiosk.system import paths

_CORE_COMMANDS = (
    "content",
    "handout",
    "take-home",
    "export",
    "verify-export",
    "stats",
    "demo-data",
    "set-pin",
    "voices",
)


def since_date(text: str) -> date:
    """``--since``'s argparse type: a local date, YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-01") from None


def window_size(text: str) -> tuple[int, int]:
    """``--size``'s argparse type: WIDTHxHEIGHT in pixels, such as 1366x768."""
    width, sep, height = text.lower().replace("×", "x").partition("x")
    if sep and width.strip().isdigit() and height.strip().isdigit():
        size = int(width), int(height)
        if size[0] >= 320 and size[1] >= 240:
            return size
    raise argparse.ArgumentTypeError(f"{text!r} is not a window size like 1366x768 (at least 320x240)")


def _kiosk_parser() -> argparse.ArgumentParser:
    """The options of ``kiosk`` itself, without the commands."""
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Kiosk for mobile digital-literacy points. With no command, starts the kiosk.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--kiosk",
        action="store_true",
        help="full screen and locked down (close requests and Alt+F4 are ignored)",
    )
    parser.add_argument("--data-dir", type=Path, help="folder for all state: settings, logs, statistics")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check the database, content, a handout and an off-screen render, then exit (0: all passed);"
        " uses a temporary data dir unless --data-dir is given",
    )
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: the options of ``kiosk`` and every command."""
    parser = _kiosk_parser()
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    content = commands.add_parser("content", help="check, list, pre-render or install content packs")
    content_commands = content.add_subparsers(dest="content_command", metavar="ACTION", required=True)
    check = content_commands.add_parser("check", help="validate content; exit 1 on errors")
    check.add_argument(
        "path", nargs="?", type=Path, help="content folder, packs folder, one pack, or a voices folder"
    )
    check.add_argument(
        "--voices", type=Path, metavar="DIR", help="check the voice packs in DIR too (the data dir's voices)"
    )
    listing = content_commands.add_parser("list", help="one id<TAB>title line per tutorial")
    listing.add_argument(
        "--lang", default=DEFAULT_LANGUAGE, help=f"language of the titles (default: {DEFAULT_LANGUAGE})"
    )
    spoken = content_commands.add_parser(
        "spoken", help="print exactly what narration says for a tutorial, step by step"
    )
    spoken.add_argument("tutorial", help="tutorial id (see `kiosk content list`)")
    spoken.add_argument(
        "--lang", default=DEFAULT_LANGUAGE, help=f"language spoken (default: {DEFAULT_LANGUAGE})"
    )
    build_audio = content_commands.add_parser(
        "build-audio", help="pre-render narration into packs, for kiosks without espeak-ng"
    )
    build_audio.add_argument(
        "path", nargs="?", type=Path, help="one pack, a packs folder or the content folder"
    )
    install = content_commands.add_parser(
        "install", help="install a content pack from a USB stick (verified, checked, all or nothing)"
    )
    install.add_argument(
        "path", type=Path, help="a pack folder with manifest.json, or a stick with one in kiosk-content/"
    )
    install.add_argument(
        "--allow-older", action="store_true", help="go back to an older content_version than the one shown"
    )
    rollback = content_commands.add_parser(
        "rollback", help="show the content shown before the last install (or rollback) again"
    )
    rollback.add_argument(
        "--bundled", action="store_true", help="show the packs that came with the kiosk instead"
    )
    manifest = content_commands.add_parser(
        "manifest", help="check a pack and write its manifest.json (for putting it on sticks)"
    )
    manifest.add_argument("pack", type=Path, help="the pack folder")
    manifest.add_argument("--sign", type=Path, metavar="KEY", help="sign it too, with this secret key")
    from kiosk.content.signing_cli import add_signing_commands

    add_signing_commands(content_commands)

    handout = commands.add_parser("handout", help="write a tutorial's handout to a PDF file")
    handout.add_argument("tutorial", help="tutorial id (see `kiosk content list`)")
    handout.add_argument(
        "--lang", default=DEFAULT_LANGUAGE, help=f"language of the handout (default: {DEFAULT_LANGUAGE})"
    )
    handout.add_argument("--size", default="a4", choices=("a4", "receipt"), help="A4 page or 80 mm receipt")
    handout.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    take_home = commands.add_parser(
        "take-home", help='write a guided session\'s "continue at home" sheet to a PDF file'
    )
    take_home.add_argument(
        "results",
        nargs="+",
        metavar="TUTORIAL[:ID,...]",
        help="each tutorial in session order, with its ticked outcome and reason ids",
    )
    take_home.add_argument(
        "--lang", default=DEFAULT_LANGUAGE, help=f"language of the sheet (default: {DEFAULT_LANGUAGE})"
    )
    take_home.add_argument("--size", default="a4", choices=("a4", "receipt"), help="A4 page or 80 mm receipt")
    take_home.add_argument("--out", type=Path, required=True, help="the PDF file to write")

    export = commands.add_parser(
        "export", help="write the statistics to a new folder under DIR (a USB stick)"
    )
    export.add_argument("--to", type=Path, required=True, metavar="DIR", help="the mounted stick or folder")
    export.add_argument(
        "--since",
        type=since_date,
        metavar="DATE",
        help="from the first day of this local date's month (YYYY-MM-DD): exports hold whole months and days",
    )
    verify = commands.add_parser(
        "verify-export",
        help="check an export against its manifest and the kiosk's signature; exit 1 on any mismatch",
    )
    verify.add_argument("folder", type=Path, metavar="DIR", help="an export-... folder")
    verify.add_argument(
        "--fingerprint",
        metavar="FP",
        help="the kiosk's signing key fingerprint, as its organiser screen shows it: another key fails",
    )
    commands.add_parser("stats", help="today, last 7 days and this month, in the terminal")
    demo = commands.add_parser("demo-data", help="fill an empty data dir with synthetic visits (training)")
    demo.add_argument("--visits", type=int, required=True, metavar="N")
    demo.add_argument("--point-name", metavar="NAME", help="save this point name in the settings first")
    demo.add_argument("--commune", metavar="NAME", help="save this commune in the settings first")
    demo.add_argument("--province", metavar="NAME", help="save this province in the settings first")
    from kiosk.hub.cli import add_hub_command

    add_hub_command(commands)
    from kiosk.voices.cli import add_voices_command

    add_voices_command(commands)
    set_pin = commands.add_parser(
        "set-pin",
        help="set the organiser's or volunteers' PIN (asked twice at a terminal, else one line of stdin)",
    )
    who = set_pin.add_mutually_exclusive_group(required=True)
    who.add_argument("--organiser", dest="pin_role", action="store_const", const="organiser")
    who.add_argument("--volunteer", dest="pin_role", action="store_const", const="volunteer")
    set_pin.add_argument(
        "--if-unset", action="store_true", help="leave a PIN that is already set as it is (exit 0)"
    )

    shots = commands.add_parser("screenshots", help="render every screen to PNG")
    shots.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    shots.add_argument(
        "--size",
        dest="sizes",
        type=window_size,
        action="append",
        default=[],
        metavar="WxH",
        help="window size to render, such as 1366x768, each into its own folder; repeatable "
        "(default: 1366x768 and 1920x1080)",
    )
    shots.add_argument(
        "--scene",
        dest="scenes",
        action="append",
        default=[],
        metavar="NAME",
        help="render only this visitor screen, such as 09-comfort; repeatable (default: every screen "
        "and organiser mode)",
    )
    return parser


def parse(argv: list[str] | None) -> argparse.Namespace:
    """``argv`` parsed as the whole command line would parse it (``None``: ``sys.argv[1:]``).

    Starting the kiosk is the only case a visitor waits for, and it gives no command, so its
    few options are read without building the parsers: they cost some 4 ms of every start
    (argparse also looks for its own translations on first use).
    """
    arguments = sys.argv[1:] if argv is None else argv
    kiosk_options = _kiosk_options(arguments)
    if kiosk_options is not None:
        return kiosk_options
    return build_parser().parse_args(arguments)


def _kiosk_options(argv: list[str]) -> argparse.Namespace | None:
    """What the whole parser makes of ``argv`` when it holds only the kiosk's own options.

    None for anything else (a command, ``--help``, ``--version``, an abbreviated or unknown
    option, a missing value): the whole parser reads it, so its help, usage and errors stay.
    """
    options = argparse.Namespace(kiosk=False, data_dir=None, self_test=False, command=None)
    tokens = iter(argv)
    for token in tokens:
        if token == "--kiosk":
            options.kiosk = True
        elif token == "--self-test":
            options.self_test = True
        elif token == "--data-dir" or token.startswith("--data-dir="):
            _, equals, value = token.partition("=")
            if not equals:
                value = next(tokens, "")
            if not value or (not equals and value.startswith("-")):
                return None
            options.data_dir = Path(value)
        else:
            return None
    return options


def run_core_command(args: argparse.Namespace, out: TextIO | None = None) -> int | None:
    """Run a command that needs no screen; ``None`` when ``args`` asks for the UI."""
    stream = out if out is not None else sys.stdout
    if args.command in _CORE_COMMANDS and args.data_dir is not None:
        paths.set_data_dir(args.data_dir.resolve())
    if args.command == "content":
        from kiosk.content.cli import check_command, list_command

        if args.content_command == "check":
            return check_command(args.path, stream, voices=args.voices)
        if args.content_command == "build-audio":
            from kiosk.narration.cli import build_audio_command

            return build_audio_command(args.path, stream)
        if args.content_command == "spoken":
            from kiosk.narration.cli import spoken_command

            return spoken_command(args.tutorial, args.lang, stream)
        if args.content_command in ("install", "rollback", "manifest"):
            from kiosk.content import install_cli

            if args.content_command == "install":
                return install_cli.install_command(args.path, stream, allow_older=args.allow_older)
            if args.content_command == "rollback":
                return install_cli.rollback_command(stream, to_bundled=args.bundled)
            return install_cli.manifest_command(args.pack, stream, sign_with=args.sign)
        from kiosk.content.signing_cli import SIGNING_COMMANDS

        if args.content_command in SIGNING_COMMANDS:
            from kiosk.content import signing_cli

            return signing_cli.run(args, stream)
        return list_command(args.lang, stream)
    if args.command == "handout":
        from kiosk.handouts.cli import handout_command

        return handout_command(args.tutorial, args.lang, args.size, args.out, stream)
    if args.command == "take-home":
        from kiosk.handouts.cli import take_home_command

        return take_home_command(args.results, args.lang, args.size, args.out, stream)
    if args.command == "export":
        from kiosk.export.cli import export_command

        return export_command(args.to, args.since, stream)
    if args.command == "verify-export":
        from kiosk.export.cli import verify_export_command

        return verify_export_command(args.folder, stream, args.fingerprint)
    if args.command == "stats":
        from kiosk.stats.cli import stats_command

        return stats_command(stream)
    if args.command == "demo-data":
        from kiosk.stats.cli import demo_data_command

        return demo_data_command(
            args.visits, stream, point_name=args.point_name, commune=args.commune, province=args.province
        )
    if args.command == "hub":
        from kiosk.hub.cli import run_hub_command

        return run_hub_command(args, stream)
    if args.command == "set-pin":
        from kiosk.pin_file import PinRole
        from kiosk.pins_cli import set_pin_command

        return set_pin_command(PinRole(args.pin_role), stream, if_unset=args.if_unset, stdin=sys.stdin)
    if args.command == "voices":
        from kiosk.voices import cli as voices_cli
        from kiosk.voices.cli import coverage_command

        if args.voices_command == "export":
            return voices_cli.export_command(args.lang, args.stick, stream)
        if args.voices_command == "install":
            return voices_cli.install_command(args.path, stream)
        return coverage_command(args.lang, stream)
    return None
