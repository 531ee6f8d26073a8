"""Reading one export folder for the hub: checked as ``kiosk verify-export`` checks it, then parsed.

The folder must be whole and signed (kiosk.export.verify.check_export: every file's size and
SHA-256, the manifest's own hash, the signature by the key the manifest names). The key is
compared with the one pinned for that kiosk by kiosk.hub.store. ``day_counts.json`` is read
once more, into memory, and its SHA-256 compared with the manifest again, so the bytes parsed
are the bytes that were checked even if the stick changes meanwhile. Every value in it is then
checked for its kind (a whole number, a date inside the export's days, an id), so a file that
is signed but not one the kiosk writes is refused too. Nothing is stored here.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kiosk.export.day_file import DAY_COUNTS, FEEDBACK_FACES
from kiosk.export.day_file import READABLE_FORMATS as DAY_FORMATS
from kiosk.export.manifest import MANIFEST, load_manifest
from kiosk.export.verify import MANIFEST_LIMIT, check_export
from kiosk.hub.models import (
    FEEDBACK,
    HIGH_CONTRAST,
    LANGUAGE,
    LARGE_TEXT,
    MODE,
    TUTORIAL_MEASURES,
    VISITS,
    tutorial_attribute,
)
from kiosk.system.fsio import read_plain_file

# A day file of a whole year at a busy point is a few MB.
DAY_FILE_LIMIT = 64 << 20
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")

# (attribute, code) -> count, for one day.
DayCells = dict[tuple[str, str], int]
# (tutorial id, kind, code) -> count, for one day.
OutcomeCells = dict[tuple[str, str, str], int]


class ExportRefusedError(ValueError):
    """The folder is not an export the hub can trust; the message says why."""


@dataclass
class DayData:
    counts: DayCells = field(default_factory=dict)
    outcomes: OutcomeCells = field(default_factory=dict)

    def cells(self) -> dict[tuple[str, ...], int]:
        """Every count of the day, keyed apart from each other (for comparing two versions of it)."""
        merged: dict[tuple[str, ...], int] = {("d", *key): n for key, n in self.counts.items()}
        merged.update({("o", *key): n for key, n in self.outcomes.items()})
        return merged


@dataclass
class ExportData:
    folder: Path
    kiosk_id: str
    fingerprint: str
    public_key: str
    manifest_sha256: str
    created: str
    point_name: str
    commune: str
    province: str
    first_day: date | None
    last_day: date
    # (day, demo) -> its counts
    days: dict[tuple[date, bool], DayData]
    # (month, demo) -> (attribute, code) -> count
    profile_months: dict[tuple[str, bool], dict[tuple[str, str], int]]


def read_export(folder: Path) -> ExportData:
    """The export in ``folder``, checked and parsed; ``ExportRefusedError`` (every reason) if not one."""
    check = check_export(folder)
    if check.problems or check.signer is None:
        raise ExportRefusedError("; ".join(check.problems) or "its signature could not be checked")
    try:
        # Plain files only, read once: a link, pipe or device swapped in since the check is never opened.
        raw_manifest = read_plain_file(folder / MANIFEST, MANIFEST_LIMIT)
        manifest = load_manifest(raw_manifest)
        raw = read_plain_file(folder / DAY_COUNTS, DAY_FILE_LIMIT)
    except (OSError, ValueError) as error:
        raise ExportRefusedError(f"it changed while it was read ({error})") from None
    data = manifest.data
    if data.get("kiosk_id") != check.signer.kiosk_id:
        raise ExportRefusedError(f"{MANIFEST} changed while it was read")
    entry = manifest.files.get(DAY_COUNTS)
    if entry is None:
        raise ExportRefusedError(f"it has no {DAY_COUNTS} (an export made before the kiosk wrote one)")
    if hashlib.sha256(raw).hexdigest() != entry.sha256:
        raise ExportRefusedError(f"{DAY_COUNTS} changed while it was read")
    key = data["kiosk_key"]
    try:
        document = json.loads(raw.decode("ascii"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ExportRefusedError(f"{DAY_COUNTS} is not JSON ({error})") from None
    first_day, last_day, days, months = _parse_day_file(document)
    return ExportData(
        folder=folder,
        kiosk_id=check.signer.kiosk_id,
        fingerprint=check.signer.fingerprint,
        public_key=str(key["minisign_public_key"]),
        manifest_sha256=hashlib.sha256(raw_manifest).hexdigest(),
        created=_text(data.get("created"), "created", 17),
        point_name=_text(data.get("point_name"), "point_name", 200) or "?",
        commune=_text(data.get("commune", ""), "commune", 100),
        province=_text(data.get("province", ""), "province", 100),
        first_day=first_day,
        last_day=last_day,
        days=days,
        profile_months=months,
    )


def _text(value: object, name: str, limit: int) -> str:
    if not isinstance(value, str) or len(value) > limit or not value.isprintable():
        raise ExportRefusedError(f"{MANIFEST}: {name} is not a short line of text")
    return value.strip()


def _count(value: object, where: str) -> int:
    if type(value) is not int or value < 0:
        raise ExportRefusedError(f"{DAY_COUNTS}: {where} is not a count")
    return value


def _code(value: object, where: str) -> str:
    if not isinstance(value, str) or _CODE.fullmatch(value) is None:
        raise ExportRefusedError(f"{DAY_COUNTS}: {where}: {str(value)[:40]!r} is not an id")
    return value


def _object(value: object, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ExportRefusedError(f"{DAY_COUNTS}: {where} is not an object")
    return value


def _day(value: object, where: str) -> date:
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ExportRefusedError(f"{DAY_COUNTS}: {where} is not a date")


def _parse_day_file(
    document: object,
) -> tuple[
    date | None, date, dict[tuple[date, bool], DayData], dict[tuple[str, bool], dict[tuple[str, str], int]]
]:
    top = _object(document, "the file")
    # /2 adds each day's "practice" counts, which the hub does not keep (they are read past).
    if top.get("format") not in DAY_FORMATS:
        raise ExportRefusedError(f"{DAY_COUNTS}: format is not one of {', '.join(DAY_FORMATS)}")
    first_day = None if top.get("first_day") is None else _day(top.get("first_day"), "first_day")
    last_day = _day(top.get("last_day"), "last_day")
    entries = top.get("days")
    if not isinstance(entries, list):
        raise ExportRefusedError(f"{DAY_COUNTS}: days is not a list")
    days: dict[tuple[date, bool], DayData] = {}
    for entry in entries:
        item = _object(entry, "a day")
        day = _day(item.get("date"), "a day's date")
        where = day.isoformat()
        if day > last_day or (first_day is not None and day < first_day):
            raise ExportRefusedError(f"{DAY_COUNTS}: {where} is outside the export's days")
        demo = item.get("demo")
        if not isinstance(demo, bool) or (day, demo) in days:
            raise ExportRefusedError(f"{DAY_COUNTS}: {where} is given twice or without its demo flag")
        days[(day, demo)] = _parse_day(item, where)
    months: dict[tuple[str, bool], dict[tuple[str, str], int]] = {}
    profile = top.get("profile_months", [])
    if not isinstance(profile, list):
        raise ExportRefusedError(f"{DAY_COUNTS}: profile_months is not a list")
    for entry in profile:
        item = dict(_object(entry, "a profile month"))
        month, demo = item.pop("month", None), item.pop("demo", None)
        if not isinstance(month, str) or _MONTH.fullmatch(month) is None or not isinstance(demo, bool):
            raise ExportRefusedError(f"{DAY_COUNTS}: a profile month has no month or demo flag")
        cells = months.setdefault((month, demo), {})
        for attribute, values in item.items():
            for code, count in _object(values, f"{month} {attribute}").items():
                where = f"{month} {attribute} {code}"
                cells[(_code(attribute, where), _code(code, where))] = _count(count, where)
    return first_day, last_day, days, months


def _parse_day(item: Mapping[str, Any], where: str) -> DayData:
    data = DayData()
    counts = data.counts

    def put(attribute: str, code: str, value: object, name: str) -> None:
        count = _count(value, f"{where} {name}")
        if count:
            counts[(attribute, code)] = count

    put(VISITS, "", item.get("visits"), "visits")
    put(LARGE_TEXT, "", item.get("large_text_visits"), "large_text_visits")
    put(HIGH_CONTRAST, "", item.get("high_contrast_visits"), "high_contrast_visits")
    for attribute, name in ((LANGUAGE, "visits_by_language"), (MODE, "visits_by_mode")):
        for code, value in _object(item.get(name), f"{where} {name}").items():
            put(attribute, _code(code, f"{where} {name}"), value, name)
    feedback = _object(item.get("feedback"), f"{where} feedback")
    for face, value in feedback.items():
        if face not in FEEDBACK_FACES:
            raise ExportRefusedError(f"{DAY_COUNTS}: {where} feedback {str(face)[:20]!r} is not a face")
        put(FEEDBACK, face, value, "feedback")
    for tutorial, measures in _object(item.get("tutorials"), f"{where} tutorials").items():
        code = _code(tutorial, f"{where} tutorials")
        values = _object(measures, f"{where} {code}")
        for measure in TUTORIAL_MEASURES:
            put(tutorial_attribute(measure), code, values.get(measure), f"{code} {measure}")
    for tutorial, kinds in _object(item.get("guided_outcomes", {}), f"{where} guided_outcomes").items():
        tutorial_id = _code(tutorial, f"{where} guided_outcomes")
        for kind, codes in _object(kinds, f"{where} {tutorial_id}").items():
            kind_id = _code(kind, f"{where} {tutorial_id}")
            for code, value in _object(codes, f"{where} {tutorial_id} {kind_id}").items():
                count = _count(value, f"{where} {tutorial_id} {kind_id} {code}")
                if count:
                    data.outcomes[(tutorial_id, kind_id, _code(code, where))] = count
    return data
