"""``content check`` and ``content install`` of the shipped pack and of a pack at the size caps.

Each figure is printed beside a floor measured in the same run: reading every byte of the
same pack once (what any check or copy must at least do). Peak memory is Python's own
allocations during the step (tracemalloc), and the process's peak resident size at the end.
The pack "at the caps" is the shipped pack with every YAML file and picture padded to its cap
(kiosk/content/limits.py; pictures also at the element cap) and four recordings at the audio
cap: what a stick may make the kiosk read and copy per file kind. (The whole-pack cap itself
is not filled: that would only repeat the recordings' copy time, ``512 MB / 32 MB`` times.)

``--quick`` (run by packaging/dev/test.sh) uses a few files at the caps and one small recording:
it prints the same figures, asserts no timing, and fails only if a step breaks (the shipped
pack must check with 0 errors and install; the capped pack must pass the check too).

    .venv/bin/python tests/benchmarks/content.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
import wave
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kiosk.content import limits
from kiosk.content.check import check_report
from kiosk.content.install import install_pack
from kiosk.content.manifest import make_manifest, write_manifest
from kiosk.content.sticks import STICK_FOLDER
from kiosk.system import paths
from tests.helpers.content_packs import sign_pack, trust_team_key

SHIPPED = paths.bundled_packs_dir() / "core"
T = TypeVar("T")


def measured(what: str, work: Callable[[], T], floor: float | None = None) -> tuple[T, float]:
    """Run ``work`` once; print its time, its ratio to ``floor`` and its peak Python memory."""
    tracemalloc.start()
    started = time.perf_counter()
    result = work()
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    ratio = f" ({elapsed / floor:.1f}x the floor)" if floor else ""
    print(f"{what}: {elapsed * 1000:.0f} ms{ratio}, peak {peak / limits.MB:.1f} MB allocated")
    return result, elapsed


def read_every_byte(pack: Path) -> int:
    total = 0
    for file in sorted(pack.rglob("*")):
        if file.is_file():
            total += len(file.read_bytes())
    return total


def pad(path: Path, cap: int, comment: tuple[bytes, bytes]) -> None:
    """Fill ``path`` up to ``cap`` bytes with a comment (``comment`` = its opening and closing)."""
    size = path.stat().st_size
    room = cap - size - len(comment[0]) - len(comment[1]) - 1
    if room > 0:
        with path.open("ab") as stream:
            stream.write(comment[0] + b"x" * room + comment[1] + b"\n")


def at_the_caps(pack: Path, *, files: int | None, recordings: int, recording_bytes: int) -> None:
    """Pad the pack's YAML files and pictures to their caps, and add recordings of the given size."""
    yaml_files = sorted(pack.rglob("*.yaml"))[:files]
    pictures = sorted(pack.rglob("*.svg"))[:files]
    for text in yaml_files:
        pad(text, limits.MAX_YAML_BYTES, (b"# ", b""))
    for picture in pictures:
        body = picture.read_text(encoding="utf-8")
        shapes = '<rect x="1" y="1" width="2" height="2" fill="#eee"/>\n' * (
            limits.MAX_SVG_ELEMENTS - body.count("<") - 1
        )
        picture.write_text(body.replace("</svg>", shapes + "</svg>"), encoding="utf-8")
        pad(picture, limits.MAX_SVG_BYTES, (b"<!-- ", b" -->"))
    tutorial = sorted((pack / "tutorials").iterdir())[0]
    steps = [
        line.split("id: ")[1]
        for line in (tutorial / "tutorial.yaml").read_text("utf-8").splitlines()
        if line.startswith("  - id: ")
    ]
    rate = 48000
    for step in steps[:recordings]:
        recording = tutorial / "audio" / "vi" / f"{step}.wav"
        recording.parent.mkdir(parents=True, exist_ok=True)
        with wave.open(str(recording), "wb") as out:
            out.setnchannels(2)
            out.setsampwidth(2)
            out.setframerate(rate)
            out.writeframes(bytes(recording_bytes - 44))


def stick_copy(pack: Path, stick: Path, version: str) -> Path:
    """The pack on a stick with a newer version, its manifest made and signed (by the tests' key)."""
    copy = stick / STICK_FOLDER / pack.name
    shutil.copytree(pack, copy)
    text = (copy / "pack.yaml").read_text(encoding="utf-8")
    lines = [
        f'content_version: "{version}"' if line.startswith("content_version:") else line
        for line in text.splitlines()
    ]
    (copy / "pack.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_manifest(copy, make_manifest(copy))
    sign_pack(copy)
    return copy


def benchmark(name: str, pack: Path, work_dir: Path, version: str) -> None:
    size = sum(f.stat().st_size for f in pack.rglob("*") if f.is_file())
    count = sum(1 for f in pack.rglob("*") if f.is_file())
    print(f"-- {name}: {count} files, {size / limits.MB:.1f} MB")
    _, floor = measured("floor: read every byte once", lambda: read_every_byte(pack))
    report, _ = measured("content check", lambda: check_report(pack), floor)
    if report.errors:
        for problem in report.problems[:5]:
            print(problem)
        raise SystemExit(f"content benchmark broken: {name} has {report.errors} errors")
    stick = stick_copy(pack, work_dir / f"stick-{name}", version)
    measured(
        "content install (verify, copy, check the staged copy, switch)", lambda: install_pack(stick), floor
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="a check that it still runs: few files at the caps"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiosk-content-bench-") as scratch:
        work = Path(scratch)
        os.environ["KIOSK_DATA_DIR"] = str(work / "data")
        paths.ensure_data_dirs()
        trust_team_key()
        benchmark("shipped pack", SHIPPED, work, "2099.01.01")
        capped = work / "capped" / SHIPPED.name
        shutil.copytree(SHIPPED, capped)
        if args.quick:
            at_the_caps(capped, files=2, recordings=1, recording_bytes=limits.MB)
        else:
            at_the_caps(capped, files=None, recordings=4, recording_bytes=limits.MAX_AUDIO_BYTES)
        benchmark("pack at the caps", capped, work, "2099.02.01")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak resident size: {peak:.0f} MB")


if __name__ == "__main__":
    main()
