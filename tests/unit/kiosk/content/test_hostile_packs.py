"""Packs a stick from anyone may carry: each is refused by ``content check`` with its reason,
before the kiosk parses or draws what is too big, too deep or not a plain file.

The small hostile packs are in tests/data/broken-packs (test_check.py); the ones here are made
at test time, because they are big (not committed), or are links, pipes or odd file names.
"""

from __future__ import annotations

import io
import os
import time
import wave
from pathlib import Path

import pytest

from kiosk.content import limits
from kiosk.content.check import check_content, check_report
from kiosk.content.cli import check_command
from kiosk.content.install_cli import manifest_command
from kiosk.content.manifest import MANIFEST_FILE, ManifestError, pack_files, read_manifest
from kiosk.content.model import Problem, Severity
from kiosk.content.printable import printable

from .content_helpers import BROKEN_PACKS, LOGIN, copy_good_pack, edit

PICTURE = LOGIN / "images/01-open-app.svg"
# A hang guard only: the refusals below take milliseconds (the time is printed, not asserted).
HANG_GUARD_S = 5.0


def _errors(pack: Path) -> list[tuple[str, int, str]]:
    return [
        (p.path.relative_to(pack).as_posix(), p.line, p.message)
        for p in check_content(pack)
        if p.severity is Severity.ERROR
    ]


def _timed_check(pack: Path, what: str) -> list[Problem]:
    started = time.perf_counter()
    problems = check_content(pack)
    elapsed = time.perf_counter() - started
    print(f"content check of {what}: {elapsed * 1000:.1f} ms")
    assert elapsed < HANG_GUARD_S
    return problems


# --- the allow-list belongs to the kiosk (H1) ---


def test_a_pack_adding_a_look_alike_domain_cannot_print_it(tmp_path: Path) -> None:
    # The review's repro: the pack lists evil.example and its QR opens vneid.gov.vn.evil.example.
    pack = copy_good_pack(tmp_path)
    edit(pack / "pack.yaml", "  - vneid.gov.vn\n", "  - vneid.gov.vn\n  - evil.example\n")
    edit(
        pack / LOGIN / "tutorial.yaml",
        "qr: https://vneid.gov.vn\n",
        "qr: https://vneid.gov.vn.evil.example/login\n",
    )
    errors = _errors(pack)
    assert [(file, line) for file, line, _ in errors] == [("pack.yaml", 8), (f"{LOGIN}/tutorial.yaml", 3)]
    assert "'evil.example' is not one of the kiosk's official domains" in errors[0][2]
    assert "vneid.gov.vn.evil.example is not an official domain" in errors[1][2]


def test_a_pack_may_narrow_the_official_domains(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    edit(pack / "pack.yaml", "  - dichvucong.gov.vn\n", "")
    errors = _errors(pack)
    # safe-install's QR opens www.dichvucong.gov.vn: official, but no longer in this pack's list.
    assert [(file, line) for file, line, _ in errors] == [("tutorials/safe-install/tutorial.yaml", 3)]
    assert "is not an official domain in qr_domains (vneid.gov.vn)" in errors[0][2]


# --- hard limits: sizes, before anything is parsed (M1) ---


def test_a_30_mb_picture_is_refused_by_its_size_without_being_read(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    with (pack / PICTURE).open("wb") as picture:
        picture.truncate(30 * limits.MB)  # sparse: no room taken; never parsed
    problems = _timed_check(pack, "a 30 MB picture")
    assert [(p.path, p.line) for p in problems] == [(pack / PICTURE, 1)]
    assert problems[0].message == "file is 30.0 MB; the limit for this kind of file is 256 KB"


def test_a_many_paths_picture_just_over_the_cap_is_refused(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    path = '<path d="M1 2 L300 700 L20 30 Z" fill="#123456" fill-opacity="0.5"/>\n'
    count = limits.MAX_SVG_BYTES // len(path) + 1
    (pack / PICTURE).write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 720">\n{path * count}</svg>\n',
        encoding="utf-8",
    )
    problems = _timed_check(pack, f"a picture of {count} paths")
    assert [(p.path, p.line) for p in problems] == [(pack / PICTURE, 1)]
    assert "the limit for this kind of file is 256 KB" in problems[0].message


def test_a_50_mb_text_file_is_refused_by_its_size_without_being_read(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    text = pack / LOGIN / "vi.yaml"
    with text.open("ab") as stream:
        stream.write(b"steps:\n" * 1000)
        stream.truncate(50 * limits.MB)
    problems = _timed_check(pack, "a 50 MB vi.yaml")
    assert [(p.path, p.line, p.message) for p in problems] == [
        (text, 1, "file is 50.0 MB; the limit for this kind of file is 256 KB")
    ]


def test_a_yaml_file_over_the_cap_is_refused_even_when_read_alone(tmp_path: Path) -> None:
    # The reader itself keeps the cap, for any caller that reads one file without the pack scan.
    from kiosk.content.yaml_source import read_yaml

    text = tmp_path / "vi.yaml"
    text.write_text("a: b\n" * (limits.MAX_YAML_BYTES // 5 + 1), encoding="utf-8")
    node, problems = read_yaml(text)
    assert node is None and [(p.line, p.message[:8]) for p in problems] == [(1, "file is ")]


def test_any_other_file_over_its_cap_is_refused(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    notes = pack / "notes.md"
    notes.write_bytes(b"#" * (limits.MAX_OTHER_BYTES + 1))
    assert _errors(pack) == [("notes.md", 1, "file is 1.0 MB; the limit for this kind of file is 1.0 MB")]


def test_a_pack_over_the_whole_pack_cap_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = copy_good_pack(tmp_path)
    size = sum(f.stat().st_size for f in pack.rglob("*") if f.is_file())
    monkeypatch.setattr(limits, "MAX_PACK_BYTES", size - 1)
    errors = _errors(pack)
    assert [(file, line) for file, line, _ in errors] == [(".", 1)]
    assert "the limit for a whole pack is" in errors[0][2]


def test_a_pack_of_too_many_files_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = copy_good_pack(tmp_path)
    monkeypatch.setattr(limits, "MAX_PACK_FILES", 3)
    errors = _errors(pack)
    assert [(file, line) for file, line, _ in errors] == [(".", 1)]
    assert "files; the limit is 3" in errors[0][2]


# --- hard limits: pictures (M1, L17) ---


def _picture(pack: Path, body: str, *, xlink: bool = False) -> Path:
    namespaces = ' xmlns:xlink="http://www.w3.org/1999/xlink"' if xlink else ""
    (pack / PICTURE).write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg"{namespaces} viewBox="0 0 360 720">\n'
        f'  <g id="app-icon"><rect width="72" height="72"/></g>\n{body}</svg>\n',
        encoding="utf-8",
    )
    return pack / PICTURE


def test_the_use_bomb_is_refused_by_the_check_quickly() -> None:
    # 2.9 KB, 7 levels of 10 <use>: 10^7 rectangles, 11 s per paint in Qt before this check.
    pack = BROKEN_PACKS / "svg-use-bomb"
    assert (pack / PICTURE).stat().st_size < 4 * 1024
    problems = _timed_check(pack, "the <use> bomb")
    assert [(p.path.name, p.line, p.severity) for p in problems] == [("01-open-app.svg", 6, Severity.ERROR)]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('<image xlink:href="/etc/hostname" width="9" height="9"/>', "<image> is not allowed"),
        ('<image xlink:href="pic.png" width="9" height="9"/>', "<image> is not allowed"),
        ('<handler type="application/ecmascript">x()</handler>', "<handler> is not allowed"),
        (
            '<rect width="9" height="9"><animate attributeName="x" dur="1s"/></rect>',
            "<animate> is not allowed",
        ),
        ('<switch><rect width="9" height="9"/></switch>', "<switch> is not allowed"),
        ('<defs><pattern id="p" width="9" height="9"/></defs>', "<pattern> is not allowed"),
        ("<foreignObject/>", "<foreignObject> is not allowed"),
        ("<style>rect { fill: red }</style>", "<style> is not allowed"),
        ('<set attributeName="fill" to="red"/>', "<set> is not allowed"),
        ('<rect width="9" height="9" onclick="x()"/>', "attribute 'onclick' is not allowed"),
        ('<rect width="9" height="9" style="fill:red"/>', "attribute 'style' is not allowed"),
        ('<rect width="9" height="9" fill="url(https://evil.example/a#g)"/>', "may only name an #id"),
        ('<use xlink:href="other.svg#a"/>', "pictures may not link outside"),
        ('<use xlink:href="#nowhere"/>', "names '#nowhere', which is not in this picture"),
        ('<g id="loop"><use xlink:href="#loop"/></g>', "leads back to itself"),
    ],
)
def test_only_plain_drawing_is_allowed_in_a_picture(tmp_path: Path, body: str, message: str) -> None:
    pack = copy_good_pack(tmp_path)
    picture = _picture(pack, f"  {body}\n", xlink=True)
    problems = [p for p in check_content(pack) if p.severity is Severity.ERROR]
    assert [(p.path, p.line) for p in problems] == [(picture, 3)]
    assert message in problems[0].message


def test_gradients_groups_and_use_two_deep_are_allowed(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    _picture(
        pack,
        '  <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>\n'
        '    <circle id="dot" r="2" fill="url(#g)"/>\n'
        '    <g id="two"><use href="#dot"/><use href="#dot"/></g></defs>\n'
        '  <use xlink:href="#two" x="10"/><text x="1" y="2" xml:space="preserve">Tiếp tục</text>\n',
        xlink=True,
    )
    assert check_content(pack) == []


def test_use_three_deep_is_refused(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    picture = _picture(
        pack,
        '  <defs><circle id="a" r="2"/><g id="b"><use href="#a"/></g><g id="c"><use href="#b"/></g></defs>\n'
        '  <use href="#c"/>\n',
    )
    problems = check_content(pack)
    assert [(p.path, p.line, p.message) for p in problems] == [
        (picture, 4, "<use> of '#c' nests more than 2 deep (the limit)")
    ]


def test_use_fan_out_over_the_drawing_cap_is_refused(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    # Two levels, each within the depth limit, but 200 x 200 copies of a rectangle.
    uses = "".join('<use href="#r"/>' for _ in range(200))
    more = "".join('<use href="#h"/>' for _ in range(200))
    picture = _picture(
        pack, f'  <defs><rect id="r" width="1" height="1"/><g id="h">{uses}</g></defs>\n  {more}\n'
    )
    problems = check_content(pack)
    assert [(p.path, p.line) for p in problems] == [(picture, 1)]
    assert f"draw more than {limits.MAX_SVG_DRAWN} elements" in problems[0].message


def test_a_picture_of_too_many_elements_is_refused(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    picture = _picture(pack, '  <rect width="1" height="1"/>\n' * limits.MAX_SVG_ELEMENTS)
    problems = check_content(pack)
    assert [(p.path, p.severity) for p in problems] == [(picture, Severity.ERROR)]
    assert f"more than {limits.MAX_SVG_ELEMENTS} elements" in problems[0].message


def test_an_entity_bomb_is_refused_at_its_doctype(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    entities = "".join(f'<!ENTITY l{n} "&l{n - 1};&l{n - 1};&l{n - 1};&l{n - 1};">' for n in range(1, 10))
    (pack / PICTURE).write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY l0 "lol">{entities}]>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 720">\n'
        '<text id="app-icon">&l9;</text></svg>\n',
        encoding="utf-8",
    )
    problems = _timed_check(pack, "an entity bomb")
    assert [(p.path, p.line, p.message) for p in problems] == [
        (pack / PICTURE, 2, "<!DOCTYPE> is not allowed in kiosk pictures")
    ]


# --- hard limits: nesting, texts, recordings (L2, L16, L15) ---


def test_yaml_nested_5000_deep_is_a_line_not_a_traceback(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    text = pack / LOGIN / "vi.yaml"
    with text.open("a", encoding="utf-8") as stream:
        stream.write("nested: " + "[" * 5000 + "]" * 5000 + "\n")
    assert _errors(pack) == [(f"{LOGIN}/vi.yaml", 13, "nested too deeply (more than 20 levels)")]


def test_yaml_nested_100_deep_in_block_style_is_a_line(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    text = pack / LOGIN / "vi.yaml"
    with text.open("a", encoding="utf-8") as stream:
        stream.write("nested:\n" + "".join(f"{' ' * n}- \n" for n in range(1, 100)))
    errors = _errors(pack)
    assert [(file, message) for file, _, message in errors] == [
        (f"{LOGIN}/vi.yaml", "nested too deeply (more than 20 levels)")
    ]


@pytest.mark.parametrize(
    ("old", "key", "cap"),
    [
        ("title: Đăng nhập VNeID\n", "title", limits.MAX_TITLE_CHARS),
        ("summary: Mở ứng dụng VNeID và nhận ra cuộc gọi lừa đảo.\n", "summary", limits.MAX_TEXT_CHARS),
        ("safety: Không bao giờ đọc mã OTP cho người khác.\n", "safety", limits.MAX_SAFETY_CHARS),
        ("    why: Công an không bao giờ hỏi mã OTP qua điện thoại.\n", "    why", limits.MAX_TEXT_CHARS),
    ],
)
def test_texts_longer_than_a_handout_holds_are_refused(tmp_path: Path, old: str, key: str, cap: int) -> None:
    pack = copy_good_pack(tmp_path)
    edit(pack / LOGIN / "vi.yaml", old, f"{key}: {'a' * cap}\n")
    assert check_content(pack) == []
    edit(pack / LOGIN / "vi.yaml", f"{key}: {'a' * cap}\n", f"{key}: {'a' * (cap + 1)}\n")
    errors = _errors(pack)
    assert len(errors) == 1 and f"is {cap + 1} characters long; at most {cap}" in errors[0][2]


def _wav(path: Path, seconds: float, rate: int = 8000) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(1)
        recording.setframerate(rate)
        recording.writeframes(b"\x80" * int(seconds * rate))
    return path


def test_a_real_recording_passes(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    _wav(pack / LOGIN / "audio/vi/open-app.wav", 2)
    assert check_content(pack) == []


def test_a_recording_longer_than_the_cap_is_refused(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    recording = _wav(pack / LOGIN / "audio/vi/open-app.wav", limits.MAX_AUDIO_SECONDS + 10)
    assert _errors(pack) == [
        (
            f"{LOGIN}/audio/vi/open-app.wav",
            1,
            f"recording refused: it plays 310 s; a recording may play at most {limits.MAX_AUDIO_SECONDS} s",
        )
    ]
    assert recording.stat().st_size < limits.MAX_AUDIO_BYTES


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("open-app.wav", b"RIFF\0\0\0\0WAVEdata\0\0\0\0", "its sound comes before its 'fmt ' header"),
        ("open-app.wav", b"RIFF\0\0\0\0WAVEfmt \x10\0\0\0" + bytes(16), "does not describe sound"),
        ("open-app.ogg", os.urandom(2000).replace(b"O", b"o"), "not an Ogg file"),
        ("open-app.mp3", b"\0" + os.urandom(2000), "not an MP3 file"),
    ],
)
def test_a_recording_that_is_not_what_its_name_says_is_refused(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    pack = copy_good_pack(tmp_path)
    recording = pack / LOGIN / "audio/vi" / name
    recording.parent.mkdir(parents=True)
    recording.write_bytes(data)
    errors = _errors(pack)
    assert [(file, line) for file, line, _ in errors] == [(f"{LOGIN}/audio/vi/{name}", 1)]
    assert message in errors[0][2]


def test_a_named_pipe_posing_as_a_recording_is_refused_without_waiting(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    (pack / LOGIN / "audio/vi").mkdir(parents=True)
    os.mkfifo(pack / LOGIN / "audio/vi/open-app.wav")
    problems = _timed_check(pack, "a named pipe")
    assert [(p.path.name, p.message) for p in problems] == [
        ("open-app.wav", "not a plain file: a pack holds plain files only")
    ]


# --- control characters and links (L3, L4) ---

ESCAPES = "esc\x1b[2J\x1b[31mRED\x1b]0;pwned\x07.svg"


def test_a_file_named_with_escape_sequences_is_refused_and_printed_escaped(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    (pack / LOGIN / "images" / ESCAPES).write_text("<svg/>", encoding="utf-8")
    problems = check_content(pack)
    assert [p.message for p in problems] == ["control or right-to-left characters in a file name"]
    out = io.StringIO()
    assert check_command(pack, out) == 1
    printed = out.getvalue()
    assert "\x1b" not in printed and "\x07" not in printed
    assert f"{pack / LOGIN / 'images'}/esc\\x1b[2J\\x1b[31mRED\\x1b]0;pwned\\x07.svg:1: error:" in printed


def test_a_folder_named_with_a_newline_cannot_fake_a_finding(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    (pack / LOGIN / "x\nvi.yaml:1: warning: fine").mkdir()
    out = io.StringIO()
    assert check_command(pack, out) == 1
    lines = out.getvalue().splitlines()
    fake = "x\\nvi.yaml:1: warning: fine"
    assert lines[0] == f"{pack / LOGIN}/{fake}:1: error: control or right-to-left characters in a folder name"


def test_a_right_to_left_override_in_a_name_is_refused(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    (pack / LOGIN / "images" / "gvs.\u202eexe").write_bytes(b"")
    assert [p.message for p in check_content(pack)] == ["control or right-to-left characters in a file name"]
    with pytest.raises(ManifestError, match="control or right-to-left characters"):
        pack_files(pack)


@pytest.mark.parametrize("name", ["vi.yaml\n", "esc\x1b[2J.svg", "gvs.\u202eexe", "a\u200bb.svg"])
def test_a_manifest_path_with_control_or_bidi_characters_is_refused(tmp_path: Path, name: str) -> None:
    pack = copy_good_pack(tmp_path)
    (pack / MANIFEST_FILE).write_text(
        '{"format": 1, "pack": "good-pack", "content_version": "1", "files": ['
        f'{{"path": "pack.yaml", "size": 1, "sha256": "{"0" * 64}"}},'
        f'{{"path": {__import__("json").dumps(name)}, "size": 1, "sha256": "{"0" * 64}"}}]}}',
        encoding="utf-8",
    )
    with pytest.raises(ManifestError, match="is not a path inside the pack") as refusal:
        read_manifest(pack)
    assert "\x1b" not in printable(str(refusal.value)) and "\n" not in printable(str(refusal.value))


def test_a_linked_tutorial_folder_is_refused_by_the_check_as_by_the_manifest(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    outside = tmp_path / "outside"
    (pack / LOGIN).rename(outside)
    (pack / LOGIN).symlink_to(outside, target_is_directory=True)
    assert _errors(pack) == [(str(LOGIN), 1, "a link to a folder: links are not allowed in a pack")]
    with pytest.raises(ManifestError, match="a link to a folder"):
        pack_files(pack)


def test_a_linked_pack_folder_is_refused_by_the_check_as_by_install(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    linked = pack.parent / "linked-pack"
    linked.symlink_to(pack, target_is_directory=True)
    problems = [p for p in check_content(pack.parent) if p.path == linked]
    assert [(p.line, p.message) for p in problems] == [
        (1, "a link to a folder: a pack must be a plain folder")
    ]


def test_a_linked_file_is_refused(tmp_path: Path) -> None:
    pack = copy_good_pack(tmp_path)
    (pack / "en.yaml").unlink()
    (pack / "en.yaml").symlink_to("/etc/hostname")
    assert _errors(pack) == [("en.yaml", 1, "a link: a pack holds plain files only")]


def test_manifest_of_the_current_folder_names_the_pack_by_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = copy_good_pack(tmp_path)
    monkeypatch.chdir(pack)
    out = io.StringIO()
    assert manifest_command(Path(), out) == 0, out.getvalue()
    assert read_manifest(pack).pack_id == "good-pack"
    assert check_report(Path()).problems == ()
