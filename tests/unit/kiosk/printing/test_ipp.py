"""Reading a job's state out of an IPP answer (the real scheduler: tests/integration/test_printing.py)."""

from __future__ import annotations

import struct

from kiosk.printing.ipp import JobState, _attribute, _job_state_of, _request, job_state


def _answer(status: int, *attributes: bytes) -> bytes:
    return struct.pack(">BBHI", 2, 0, status, 1) + b"\x01" + b"".join(attributes) + b"\x03"


def test_the_job_state_is_found_among_the_attributes() -> None:
    answer = _answer(
        0x0000,
        _attribute(0x47, "attributes-charset", b"utf-8"),
        b"\x02",
        _attribute(0x44, "job-state-reasons", b"processing-to-stop-point"),
        _attribute(0x23, "job-state", struct.pack(">i", 8)),
    )
    assert _job_state_of(answer) is JobState.ABORTED


def test_an_error_answer_or_a_short_one_has_no_state() -> None:
    assert _job_state_of(_answer(0x0406, _attribute(0x23, "job-state", struct.pack(">i", 9)))) is None
    assert _job_state_of(b"\x02\x00") is None
    assert _job_state_of(_answer(0x0000, _attribute(0x23, "job-state", struct.pack(">i", 42)))) is None


def test_the_request_asks_for_the_job_by_its_uri() -> None:
    request = _request("ipp://localhost/jobs/12")
    assert request[:4] == bytes([2, 0, 0, 9])
    assert b"ipp://localhost/jobs/12" in request and b"job-state" in request
    assert request.endswith(b"\x03")


def test_a_job_id_without_a_number_is_not_asked_about() -> None:
    assert job_state("not-a-job") is None
