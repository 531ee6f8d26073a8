"""Asking the CUPS scheduler, over IPP, how a finished job ended: printed, aborted or cancelled.

``lpstat`` lists a job that left the queue among the "completed" ones whether it was printed or
aborted (CUPS 2.4 gives both the same state reasons), so without this a job the printer refused
would be reported as printed and the visitor sent to collect a sheet that never comes. One
Get-Job-Attributes request (RFC 8011 §4.3.4) for ``job-state`` is a few dozen bytes: the standard
library writes and reads it, no IPP package is needed.
"""

from __future__ import annotations

import enum
import http.client
import logging
import os
import socket
import struct
from pathlib import Path

log = logging.getLogger(__name__)

_GET_JOB_ATTRIBUTES = 0x0009
_OPERATION_ATTRIBUTES = 0x01
_END_OF_ATTRIBUTES = 0x03
_CHARSET, _LANGUAGE, _URI, _KEYWORD, _ENUM = 0x47, 0x48, 0x45, 0x44, 0x23
_DEFAULT_SOCKET = Path("/run/cups/cups.sock")


class JobState(enum.IntEnum):
    PENDING = 3
    HELD = 4
    PROCESSING = 5
    STOPPED = 6
    CANCELED = 7
    ABORTED = 8
    COMPLETED = 9


def job_state(job_id: str, timeout_s: float = 5.0) -> JobState | None:
    """The state of ``job_id`` (``QUEUE-N``), or None when the scheduler cannot be asked."""
    number = job_id.rsplit("-", 1)[-1]
    if not number.isdigit():
        return None
    request = _request(f"ipp://localhost/jobs/{number}")
    try:
        connection = _connection(timeout_s)
        try:
            connection.request("POST", "/jobs", body=request, headers={"Content-Type": "application/ipp"})
            response = connection.getresponse()
            body = response.read()
        finally:
            connection.close()
    except (OSError, http.client.HTTPException) as error:
        log.info("could not ask CUPS for the state of job %s: %s", job_id, error)
        return None
    if response.status != 200:
        log.info("CUPS answered HTTP %d for the state of job %s", response.status, job_id)
        return None
    return _job_state_of(body)


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path: str, timeout_s: float) -> None:
        super().__init__("localhost", timeout=timeout_s)
        self._path = path

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self._path)


def _connection(timeout_s: float) -> http.client.HTTPConnection:
    """The scheduler as the CUPS tools find it: ``CUPS_SERVER``, else its local socket, else port 631."""
    server = os.environ.get("CUPS_SERVER", "")
    if server.startswith("/"):
        return _UnixConnection(server, timeout_s)
    if server:
        host, _, port = server.partition(":")
        return http.client.HTTPConnection(host, int(port) if port.isdigit() else 631, timeout=timeout_s)
    if _DEFAULT_SOCKET.exists():
        return _UnixConnection(str(_DEFAULT_SOCKET), timeout_s)
    return http.client.HTTPConnection("localhost", 631, timeout=timeout_s)


def _attribute(tag: int, name: str, value: bytes) -> bytes:
    encoded = name.encode("ascii")
    return struct.pack(">BH", tag, len(encoded)) + encoded + struct.pack(">H", len(value)) + value


def _request(job_uri: str) -> bytes:
    return (
        struct.pack(">BBHI", 2, 0, _GET_JOB_ATTRIBUTES, 1)
        + bytes([_OPERATION_ATTRIBUTES])
        + _attribute(_CHARSET, "attributes-charset", b"utf-8")
        + _attribute(_LANGUAGE, "attributes-natural-language", b"en")
        + _attribute(_URI, "job-uri", job_uri.encode("ascii"))
        + _attribute(_KEYWORD, "requested-attributes", b"job-state")
        + bytes([_END_OF_ATTRIBUTES])
    )


def _job_state_of(body: bytes) -> JobState | None:
    """The ``job-state`` in an IPP response, or None (an error status, or no such attribute)."""
    if len(body) < 8 or struct.unpack(">H", body[2:4])[0] >= 0x0100:
        return None
    at = 8
    while at < len(body):
        tag = body[at]
        at += 1
        if tag == _END_OF_ATTRIBUTES:
            return None
        if tag < 0x10:
            continue
        if at + 2 > len(body):
            return None
        (name_length,) = struct.unpack(">H", body[at : at + 2])
        name = body[at + 2 : at + 2 + name_length]
        at += 2 + name_length
        if at + 2 > len(body):
            return None
        (value_length,) = struct.unpack(">H", body[at : at + 2])
        value = body[at + 2 : at + 2 + value_length]
        at += 2 + value_length
        if name == b"job-state" and tag == _ENUM and value_length == 4:
            state = struct.unpack(">i", value)[0]
            return JobState(state) if state in JobState._value2member_map_ else None
    return None
