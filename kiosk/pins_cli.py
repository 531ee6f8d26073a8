"""``kiosk set-pin --organiser|--volunteer``: set a PIN from a shell, before the kiosk meets the public.

The installer runs it (``packaging/linux/install.sh``), so the first person at the hidden entry
never chooses the organiser's PIN; a root shell runs it to reset a forgotten PIN or a damaged
``pins.json`` (the damaged file is kept aside). With a terminal the PIN is asked twice and not
shown (``getpass``); a weak PIN is refused with the reason and asked again. Without a terminal
it is the first line of standard input, for scripts: ``printf '%s\\n' "$PIN" | kiosk set-pin ...``.

Run as root for a data dir that belongs to another user (the kiosk's), the files are given to
that user, so the kiosk can still read them. ``kiosk.cli`` wires this in after ``--data-dir``.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from typing import TextIO

from kiosk.pin_file import Owner, PinRole
from kiosk.pin_strength import MAX_DIGITS, MIN_DIGITS
from kiosk.pins import PinInUseError, PinStore, WeakPinError, reset_command, validate_pin
from kiosk.system import paths

# Asked again this many times at a terminal (two different entries, a weak PIN) before giving up.
TERMINAL_ROUNDS = 3


def set_pin_command(
    role: PinRole,
    out: TextIO,
    *,
    if_unset: bool = False,
    stdin: TextIO,
    ask: Callable[[str], str] = getpass.getpass,
) -> int:
    """Set ``role``'s PIN; 0 when it is set (or, with ``if_unset``, was set already), else 1."""
    store = PinStore(owner=_data_dir_owner())
    if if_unset:
        if store.damage is not None:
            out.write(f"error: {store.damage}\nto replace it: {reset_command(role, store.path.parent)}\n")
            return 1
        if store.is_set(role):
            out.write(f"the {role} PIN is already set; it was left as it is\n")
            return 0
    pin = _pin_from_terminal(role, store, out, ask) if stdin.isatty() else _pin_from_line(stdin, out)
    if pin is None:
        return 1
    try:
        kept = store.set_pin(role, pin, replace_damaged=True)
    except PinInUseError:
        out.write("error: that PIN is already another role's PIN; choose a different one\n")
        return 1
    except WeakPinError as error:
        out.write(f"error: {error}\n")
        return 1
    except OSError as error:
        out.write(f"error: could not write {store.path}: {error.strerror or error}\n")
        return 1
    if kept is not None:
        out.write(f"the damaged PIN file was kept as {kept}; any other role's PIN must be set again\n")
    out.write(f"the {role} PIN is set ({store.path})\n")
    return 0


def _pin_from_line(stdin: TextIO, out: TextIO) -> str | None:
    line = stdin.readline()
    pin = line.removesuffix("\n").removesuffix("\r")
    if not pin:
        out.write(f"error: no PIN on standard input (one line of {MIN_DIGITS} to {MAX_DIGITS} digits)\n")
        return None
    try:
        return validate_pin(pin)
    except WeakPinError as error:
        out.write(f"error: {error}\n")
        return None


def _pin_from_terminal(role: PinRole, store: PinStore, out: TextIO, ask: Callable[[str], str]) -> str | None:
    for _ in range(TERMINAL_ROUNDS):
        try:
            pin = validate_pin(ask(f"New {role} PIN ({MIN_DIGITS} to {MAX_DIGITS} digits): "))
        except WeakPinError as error:
            out.write(f"{error}. Please choose another.\n")
            continue
        except (EOFError, KeyboardInterrupt):
            out.write("\nerror: no PIN was set\n")
            return None
        if store.used_by_another_role(role, pin):
            out.write("That PIN is already another role's PIN. Please choose another.\n")
            continue
        try:
            again = ask("The same PIN again: ")
        except (EOFError, KeyboardInterrupt):
            out.write("\nerror: no PIN was set\n")
            return None
        if again == pin:
            return pin
        out.write("The two PINs were not the same. Please choose the PIN again.\n")
    out.write("error: no PIN was set\n")
    return None


def _data_dir_owner() -> Owner | None:
    """The data dir's user and group when root writes into another user's data dir; else None."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    try:
        status = paths.data_dir().stat()
    except OSError:
        return None
    return (status.st_uid, status.st_gid) if status.st_uid != 0 else None
