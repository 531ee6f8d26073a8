"""The CUPS print service against stand-in ``lp``/``lpstat``/``cancel`` commands.

The real scheduler is exercised in tests/integration/test_printing.py; these stand-ins
reach the answers a real one gives only rarely (a hung scheduler, an aborted job) and
check that nothing waits longer than it must.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

from kiosk.printing.cups import CupsPrintService, PrintStatus

FAKE = """#!{python}
import json, os, sys, time
name = os.path.basename(sys.argv[0])
arguments = sys.argv[1:]
folder = os.environ["FAKE_CUPS"]
with open(os.path.join(folder, "calls.jsonl"), "a") as log:
    log.write(json.dumps([name, *arguments]) + "\\n")
if name == "lp":
    with open(os.path.join(folder, "stdin.bin"), "wb") as copy:
        copy.write(sys.stdin.buffer.read())
with open(os.path.join(folder, "rules.json")) as rules:
    for rule in json.load(rules):
        if rule["cmd"] == name and all(token in arguments for token in rule.get("has", [])):
            time.sleep(rule.get("sleep", 0))
            sys.stdout.write(rule.get("out", ""))
            sys.stderr.write(rule.get("err", ""))
            sys.exit(rule.get("rc", 0))
sys.stderr.write(name + ": no rule\\n")
sys.exit(9)
"""
IDLE = "printer P is idle.  enabled since Tue Nov 24 21:14:48 2026\nP accepting requests since Tue 24\n"
JOB = "P-7                     root              2048   Tue Nov 24 21:16:32 2026\n"
DONE = JOB + "\tStatus: \n\tAlerts: processing-to-stop-point\n\tqueued for P\n"
SUBMITTED = "request id is P-7 (1 file(s))\n"


class FakeCups:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def rules(self, *rules: dict[str, object]) -> None:
        (self.folder / "rules.json").write_text(json.dumps(list(rules)), encoding="utf-8")

    def calls(self) -> list[list[str]]:
        path = self.folder / "calls.jsonl"
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def cups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeCups:
    folder = tmp_path / "cups"
    folder.mkdir()
    for name in ("lp", "lpstat", "cancel"):
        script = folder / name
        script.write_text(FAKE.format(python=sys.executable), encoding="utf-8")
        script.chmod(0o755)
    # Only the stand-ins on PATH: the real CUPS tools must not be reached.
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setenv("FAKE_CUPS", str(folder))
    # Nor the real scheduler's IPP answers (a job's state): the stand-ins' words decide.
    monkeypatch.setenv("CUPS_SERVER", str(folder / "no-scheduler.sock"))
    return FakeCups(folder)


def _print(service: CupsPrintService) -> tuple[PrintStatus, str, float]:
    start = time.monotonic()
    result = service.print_pdf(b"%PDF-1.4 test", media="A4", title="handout-test")
    return result.status, result.message, time.monotonic() - start


def test_printed_job(cups: FakeCups) -> None:
    cups.rules(
        {"cmd": "lpstat", "has": ["-a"], "out": IDLE},
        {"cmd": "lp", "out": SUBMITTED},
        {"cmd": "lpstat", "has": ["not-completed"], "out": IDLE},
        {"cmd": "lpstat", "has": ["completed"], "out": DONE},
    )
    result = CupsPrintService("P").print_pdf(b"%PDF-1.4 test", media="A4", title="handout-test")
    assert result.ok and result.job_id == "P-7" and result.printer == "P"
    assert ["lp", "-d", "P", "-t", "handout-test", "-o", "media=A4"] in cups.calls()
    assert (cups.folder / "stdin.bin").read_bytes() == b"%PDF-1.4 test"


def test_default_destination_is_used(cups: FakeCups) -> None:
    cups.rules(
        {"cmd": "lpstat", "has": ["-d"], "out": "system default destination: P\n"},
        {"cmd": "lpstat", "has": ["-a"], "out": IDLE},
        {"cmd": "lp", "out": SUBMITTED},
        {"cmd": "lpstat", "has": ["not-completed"], "out": IDLE},
        {"cmd": "lpstat", "has": ["completed"], "out": DONE},
    )
    result = CupsPrintService("").print_pdf(b"%PDF", media="A4", title="t")
    assert result.ok and result.printer == "P"


def test_no_printer_set_up(cups: FakeCups) -> None:
    cups.rules(
        {"cmd": "lpstat", "has": ["-d"], "out": "no system default destination\n"},
        {"cmd": "lpstat", "has": ["-e"], "out": ""},
    )
    status, message, _ = _print(CupsPrintService(""))
    assert status is PrintStatus.NO_PRINTER
    assert message == "no printer set up in CUPS (no system default destination)"


def test_without_a_default_the_only_printer_is_used(cups: FakeCups) -> None:
    cups.rules(
        {"cmd": "lpstat", "has": ["-d"], "out": "no system default destination\n"},
        {"cmd": "lpstat", "has": ["-e"], "out": "P\n"},
        {"cmd": "lpstat", "has": ["-a"], "out": IDLE},
        {"cmd": "lp", "out": SUBMITTED},
        {"cmd": "lpstat", "has": ["not-completed"], "out": IDLE},
        {"cmd": "lpstat", "has": ["completed"], "out": DONE},
    )
    result = CupsPrintService("").print_pdf(b"%PDF", media="A4", title="t")
    assert result.ok and result.printer == "P"


def test_without_a_default_among_several_nothing_is_guessed(cups: FakeCups) -> None:
    cups.rules(
        {"cmd": "lpstat", "has": ["-d"], "out": "no system default destination\n"},
        {"cmd": "lpstat", "has": ["-e"], "out": "Office\nReceipt\n"},
    )
    status, message, _ = _print(CupsPrintService(""))
    assert status is PrintStatus.NO_PRINTER
    assert message == "no default printer among 2: Office, Receipt"
    assert not any(call[0] == "lp" for call in cups.calls())


def test_cups_not_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    status, message, _ = _print(CupsPrintService("P"))
    assert status is PrintStatus.NO_PRINTER
    assert "lpstat not found" in message


def test_missing_printer(cups: FakeCups) -> None:
    cups.rules(
        {"cmd": "lpstat", "has": ["-a"], "err": 'lpstat: Invalid destination name in list "P".\n', "rc": 1}
    )
    status, message, _ = _print(CupsPrintService("P"))
    assert status is PrintStatus.NO_PRINTER
    assert message == 'lpstat: Invalid destination name in list "P".'
    assert not any(call[0] == "lp" for call in cups.calls())


@pytest.mark.parametrize(
    "answer",
    [
        "printer P disabled since Tue Nov 24 21:16:49 2026 -\n\tPaper out\nP accepting requests since Tue\n",
        "printer P is idle.  enabled since Tue\nP not accepting requests since Tue -\n\tRejecting Jobs\n",
    ],
)
def test_stopped_queue_is_reported_before_submitting(cups: FakeCups, answer: str) -> None:
    cups.rules({"cmd": "lpstat", "has": ["-a"], "out": answer})
    status, message, _ = _print(CupsPrintService("P"))
    assert status is PrintStatus.QUEUE_STOPPED
    assert message == answer.strip()
    assert not any(call[0] == "lp" for call in cups.calls())


def test_hung_scheduler_times_out_quickly(cups: FakeCups) -> None:
    cups.rules({"cmd": "lpstat", "sleep": 30})
    status, message, elapsed = _print(CupsPrintService("P", command_timeout_s=0.5))
    assert status is PrintStatus.TIMED_OUT
    assert "no answer" in message
    assert elapsed < 5


def test_aborted_job_fails_with_cups_words(cups: FakeCups) -> None:
    aborted = JOB + "\tStatus: Filter failed\n\tAlerts: job-aborted-by-system\n\tqueued for P\n"
    cups.rules(
        {"cmd": "lpstat", "has": ["-a"], "out": IDLE},
        {"cmd": "lp", "out": SUBMITTED},
        {"cmd": "lpstat", "has": ["not-completed"], "out": IDLE},
        {"cmd": "lpstat", "has": ["completed"], "out": aborted},
    )
    status, message, _ = _print(CupsPrintService("P"))
    assert status is PrintStatus.FAILED
    assert message == "Filter failed; job-aborted-by-system"


def test_job_that_never_prints_is_cancelled_after_the_timeout(cups: FakeCups) -> None:
    stuck = IDLE + JOB + "\tStatus: Waiting for printer to become available.\n\tAlerts: job-printing\n"
    cups.rules(
        {"cmd": "lpstat", "has": ["-a"], "out": IDLE},
        {"cmd": "lp", "out": SUBMITTED},
        {"cmd": "lpstat", "has": ["not-completed"], "out": stuck},
        {"cmd": "cancel", "out": ""},
    )
    status, message, elapsed = _print(CupsPrintService("P", timeout_s=1, poll_interval_s=0.1))
    assert status is PrintStatus.TIMED_OUT
    assert "Waiting for printer to become available." in message
    assert ["cancel", "P-7"] in cups.calls()
    assert elapsed < 10


def test_queue_stopped_while_printing(cups: FakeCups) -> None:
    stopped = JOB + "printer P disabled since Tue -\n\tFilter failed\n"
    cups.rules(
        {"cmd": "lpstat", "has": ["-a"], "out": IDLE},
        {"cmd": "lp", "out": SUBMITTED},
        {"cmd": "lpstat", "has": ["not-completed"], "out": stopped},
        {"cmd": "cancel", "out": ""},
    )
    status, message, _ = _print(CupsPrintService("P"))
    assert status is PrintStatus.QUEUE_STOPPED
    assert "Filter failed" in message
    assert ["cancel", "P-7"] in cups.calls()


def test_refused_submission(cups: FakeCups) -> None:
    cups.rules(
        {"cmd": "lpstat", "has": ["-a"], "out": IDLE},
        {"cmd": "lp", "err": 'lp: Unsupported document-format "application/octet-stream".\n', "rc": 1},
    )
    status, message, _ = _print(CupsPrintService("P"))
    assert status is PrintStatus.FAILED
    assert "Unsupported document-format" in message


def test_commands_run_in_the_c_locale(cups: FakeCups, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    monkeypatch.setenv("LC_ALL", "vi_VN.UTF-8")
    script = cups.folder / "lpstat"
    script.write_text(
        f"#!{sys.executable}\nimport os, sys\n"
        "sys.stdout.write(os.environ['LC_ALL'] + ' ' + os.environ['LANG'])\nsys.exit(1)\n",
        encoding="utf-8",
    )
    _, message, _ = _print(CupsPrintService("P"))
    assert message == "C C"
    assert os.environ["LC_ALL"] == "vi_VN.UTF-8"
