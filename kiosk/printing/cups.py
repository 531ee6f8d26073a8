"""Printing a PDF through CUPS (``lp``, ``lpstat``, ``cancel``), with an answer the UI can act on.

The call blocks until the job is done, failed or timed out; the UI runs it off the GUI
thread through its worker helper. Before submitting, the queue is checked, because CUPS
happily accepts a job for a stopped queue and then holds it forever: a stopped queue or a
missing printer must give the visitor the QR code on screen at once, not after a long wait.
A job that left the queue is asked for its IPP job state (``kiosk.printing.ipp``), because
``lpstat`` lists aborted and printed jobs alike. Every ``PrintResult`` carries CUPS's own words
for the organiser's log. The commands run
with ``LC_ALL=C`` so their answers can be read whatever the kiosk's locale is.
"""

from __future__ import annotations

import enum
import logging
import os
import re
import shutil
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass

log = logging.getLogger(__name__)

_REQUEST_ID = re.compile(r"request id is (\S+)")
_DEFAULT_DESTINATION = re.compile(r"system default destination:\s*(\S+)")
# Job-state reasons of a job that left the queue without being printed.
_FAILED_REASONS = ("abort", "cancel", "completed-with-errors", "document-format-error")


class PrintStatus(enum.Enum):
    OK = "ok"
    NO_PRINTER = "no-printer"
    QUEUE_STOPPED = "queue-stopped"
    FAILED = "failed"
    TIMED_OUT = "timed-out"


@dataclass(frozen=True)
class PrintResult:
    """How a print ended; ``message`` is CUPS's exact text (or ours when CUPS said nothing)."""

    status: PrintStatus
    message: str
    printer: str = ""
    job_id: str = ""
    # The printer's state reasons as CUPS gave them ("media-empty-error", "paused", "offline-report").
    reasons: tuple[str, ...] = ()
    # Other jobs that were in the printer's queue while ours waited (its own excluded).
    jobs_ahead: int = 0

    @property
    def ok(self) -> bool:
        return self.status is PrintStatus.OK


class _StopError(Exception):
    """Ends a print early with ``result``."""

    def __init__(self, result: PrintResult) -> None:
        super().__init__(result.message)
        self.result = result


def cups_available(command_timeout_s: float = 5.0) -> bool:
    """Whether the CUPS client tools exist and the scheduler answers (otherwise the UI prints with Qt)."""
    if shutil.which("lp") is None or shutil.which("lpstat") is None:
        return False
    try:
        done = subprocess.run(
            ["lpstat", "-r"], capture_output=True, text=True, timeout=command_timeout_s, env=_c_locale()
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0 and "scheduler is running" in done.stdout


@dataclass(frozen=True)
class CupsPrintService:
    """Prints on ``printer`` (empty: CUPS's default destination)."""

    printer: str = ""
    # From submission to the printer reporting the job done.
    timeout_s: float = 120.0
    poll_interval_s: float = 0.5
    # For each single command: a wedged scheduler must not hang the kiosk.
    command_timeout_s: float = 10.0

    def print_pdf(self, pdf: bytes, *, media: str, title: str) -> PrintResult:
        """Print ``pdf`` on paper ``media`` (a CUPS media name such as ``A4`` or ``Custom.80x200mm``).

        ``title`` names the job in the queue; keep it free of anything about the visitor.
        """
        destination = self.printer
        job_id = ""
        try:
            destination = self._destination()
            self._check_queue(destination)
            job_id = self._submit(destination, pdf, media, title)
            result = self._wait(destination, job_id)
        except _StopError as stop:
            result = stop.result
        if result.ok:
            log.info("printed %s on %s as job %s", title, result.printer, result.job_id)
        else:
            log.warning(
                "printing %s on %s failed (%s): %s",
                title,
                result.printer or "(default printer)",
                result.status.value,
                result.message,
            )
        return result

    def _run(self, arguments: Sequence[str], stdin: bytes | None = None) -> tuple[int, str]:
        """Run one CUPS command; its return code and its stdout and stderr together."""
        try:
            done = subprocess.run(
                list(arguments),
                input=stdin,
                capture_output=True,
                timeout=self.command_timeout_s,
                env=_c_locale(),
                check=False,
            )
        except FileNotFoundError as error:
            message = f"{arguments[0]} not found: the CUPS client tools are not installed ({error})"
            raise _StopError(PrintResult(PrintStatus.NO_PRINTER, message, self.printer)) from error
        except subprocess.TimeoutExpired as error:
            message = f"{' '.join(arguments[:2])} gave no answer within {self.command_timeout_s:g} s"
            raise _StopError(PrintResult(PrintStatus.TIMED_OUT, message, self.printer)) from error
        except OSError as error:
            message = f"could not run {arguments[0]}: {error}"
            raise _StopError(PrintResult(PrintStatus.FAILED, message, self.printer)) from error
        output = (done.stdout + done.stderr).decode("utf-8", errors="replace").strip()
        return done.returncode, output

    def _destination(self) -> str:
        """The printer named in the settings; else CUPS's default; else the only printer CUPS has.

        A printer added to CUPS is not its default until someone says so: with one printer and
        no default, that one is meant. With none the visitor is told there is no printer here.
        """
        if self.printer:
            return self.printer
        code, output = self._run(["lpstat", "-d"])
        match = _DEFAULT_DESTINATION.search(output)
        if code == 0 and match is not None:
            return match.group(1)
        listed, names = self._run(["lpstat", "-e"])
        destinations = names.split() if listed == 0 else []
        if len(destinations) == 1:
            log.info("CUPS has no default printer; printing on its only one, %s", destinations[0])
            return destinations[0]
        if destinations:
            message = f"no default printer among {len(destinations)}: {', '.join(destinations)}"
        else:
            message = f"no printer set up in CUPS ({output or 'lpstat -d gave no answer'})"
        raise _StopError(PrintResult(PrintStatus.NO_PRINTER, message))

    def _check_queue(self, printer: str) -> None:
        # -l: the state reasons ("Alerts:") tell an empty paper tray from a switched-off printer.
        code, output = self._run(["lpstat", "-l", "-p", printer, "-a", printer])
        if code != 0:
            raise _StopError(PrintResult(PrintStatus.NO_PRINTER, output, printer))
        if _is_disabled(output, printer) or f"{printer} not accepting" in output:
            reasons = printer_reasons(output, printer)
            raise _StopError(PrintResult(PrintStatus.QUEUE_STOPPED, output, printer, reasons=reasons))

    def _submit(self, printer: str, pdf: bytes, media: str, title: str) -> str:
        # No file name: lp reads the document from standard input, so nothing is left on disk.
        code, output = self._run(["lp", "-d", printer, "-t", title, "-o", f"media={media}"], stdin=pdf)
        match = _REQUEST_ID.search(output)
        if code == 0 and match is not None:
            return match.group(1)
        if "not accepting" in output:
            status = PrintStatus.QUEUE_STOPPED
        elif "does not exist" in output or "nvalid destination" in output:
            status = PrintStatus.NO_PRINTER
        else:
            status = PrintStatus.FAILED
        raise _StopError(PrintResult(status, output or f"lp exited with {code}", printer))

    def _wait(self, printer: str, job_id: str) -> PrintResult:
        deadline = time.monotonic() + self.timeout_s
        while True:
            code, output = self._run(["lpstat", "-l", "-W", "not-completed", "-o", printer, "-p", printer])
            if code != 0:
                # The printer vanished while printing (deleted by the organiser).
                return PrintResult(PrintStatus.NO_PRINTER, output, printer, job_id)
            job = _job_block(output, job_id)
            if not job:
                return self._finished(printer, job_id)
            reasons = printer_reasons(output, printer)
            if _is_disabled(output, printer):
                self._cancel(job_id)
                return PrintResult(PrintStatus.QUEUE_STOPPED, output, printer, job_id, reasons)
            if time.monotonic() >= deadline:
                self._cancel(job_id)
                status = _field(job, "Status") or "no answer from the printer"
                ahead = _jobs_ahead(output, printer, job_id)
                message = f"job {job_id} not done after {self.timeout_s:g} s ({ahead} job(s) ahead): {status}"
                return PrintResult(PrintStatus.TIMED_OUT, message, printer, job_id, reasons, ahead)
            time.sleep(self.poll_interval_s)

    def _finished(self, printer: str, job_id: str) -> PrintResult:
        """Tell a printed job from an aborted or cancelled one: its IPP job state, else its reasons."""
        # Imported here: the screens import this module (through kiosk.printing.state) at start-up.
        from kiosk.printing.ipp import JobState, job_state

        _, output = self._run(["lpstat", "-l", "-W", "completed", "-o", printer])
        job = _job_block(output, job_id)
        state = job_state(job_id, self.command_timeout_s)
        if state in (JobState.ABORTED, JobState.CANCELED):
            status = _field(job, "Status") or "no message from the printer"
            return PrintResult(
                PrintStatus.FAILED, f"job {job_id} {state.name.lower()}: {status}", printer, job_id
            )
        if state is JobState.COMPLETED:
            return PrintResult(PrintStatus.OK, f"job {job_id} completed", printer, job_id)
        if not job:
            # The scheduler keeps no job history here; the job left the queue without an error.
            return PrintResult(PrintStatus.OK, f"job {job_id} left the queue", printer, job_id)
        reasons = _field(job, "Alerts")
        if any(word in reasons for word in _FAILED_REASONS):
            message = "; ".join(part for part in (_field(job, "Status"), reasons) if part)
            return PrintResult(PrintStatus.FAILED, message, printer, job_id)
        return PrintResult(
            PrintStatus.OK, f"job {job_id} done ({reasons or 'no reasons given'})", printer, job_id
        )

    def _cancel(self, job_id: str) -> None:
        # The visitor has been told the print failed; a sheet appearing later would confuse the next one.
        try:
            code, output = self._run(["cancel", job_id])
        except _StopError as stop:
            code, output = 1, stop.result.message
        if code != 0:
            log.warning("could not cancel print job %s: %s", job_id, output)


def _c_locale() -> dict[str, str]:
    return {**os.environ, "LC_ALL": "C", "LANG": "C"}


def _is_disabled(output: str, printer: str) -> bool:
    return any(line.startswith(f"printer {printer} ") and " disabled" in line for line in output.splitlines())


def printer_reasons(output: str, printer: str) -> tuple[str, ...]:
    """The state reasons ``lpstat -l -p`` gives for ``printer`` (its "Alerts:" line; "none" is none)."""
    block: list[str] = []
    for line in output.splitlines():
        if block and line[:1].isspace():
            block.append(line.strip())
        elif block:
            break
        elif line.startswith(f"printer {printer} "):
            block.append(line)
    return tuple(reason for reason in _field(block, "Alerts").split() if reason != "none")


def _jobs_ahead(output: str, printer: str, job_id: str) -> int:
    """How many other jobs ``lpstat -o`` lists for ``printer`` beside ``job_id`` (it has others to do)."""
    ids = {line.split(maxsplit=1)[0] for line in output.splitlines() if line.startswith(f"{printer}-")}
    return len(ids - {job_id})


def _job_block(output: str, job_id: str) -> list[str]:
    """The lines ``lpstat -l -o`` prints for ``job_id``: its own line and the indented ones after it."""
    block: list[str] = []
    for line in output.splitlines():
        if block and line[:1].isspace():
            block.append(line.strip())
        elif block:
            break
        elif line.split(maxsplit=1)[:1] == [job_id]:
            block.append(line)
    return block


def _field(block: list[str], name: str) -> str:
    prefix = f"{name}:"
    for line in block:
        if line.startswith(prefix):
            return line[len(prefix) :].strip()
    return ""
