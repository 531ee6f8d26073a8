"""Keeps the step pictures' copies of the drawing kit in step with content/kit/.

The drawing kit (content/kit/NAME.svg, content/README.md "Drawing kit") holds the parts every
tutorial draws the same way: status bar, app icons, VNeID's home, the store page, keyboards, the
SMS notification. A part file holds one ``<g id="kit-NAME">…</g>`` in the pictures' coordinates.
A picture uses a part by holding a group with that id, at the part's own coordinates or wrapped in
a placing group::

    <g transform="translate(40 120)"><g id="kit-icon-vneid">…</g></g>

A picture that needs the same part twice adds a suffix after two hyphens: ``kit-icon-vneid--fake``.

``python tools/content_kit.py`` rewrites the content of every such group in
content/packs/*/tutorials/*/images/*.svg with the part's current content; ``--check`` only reports
each copy that differs (``file:line: picture's kit-NAME differs from content/kit/NAME.svg``) and
exits 1. Parts hold no ids (a highlight id belongs to the picture: it draws its own rect over the
part), except a nested part, written ``<g id="kit-OTHER"/>`` in the part file and copied in
without its id. Only the lines' text is compared, not their indentation.
"""

from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

KIT_PREFIX = "kit-"
SUFFIX_SEPARATOR = "--"
INDENT = "  "

_TOKEN = re.compile(
    r"<!--.*?-->|<\?.*?\?>|<(/?)([A-Za-z_][\w:.-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>", re.S
)
_ID = re.compile(r"""\sid\s*=\s*(["'])(.*?)\1""")


class KitError(Exception):
    """A part or picture the tool cannot use; the message says which and why."""


@dataclass(frozen=True)
class Group:
    """A ``<g id="kit-…">`` found in a text: where its tag and content are."""

    element_id: str
    start: int  # start of the opening tag
    content_start: int  # just after the opening tag
    content_end: int  # start of the closing tag (== content_start when self-closing)
    end: int  # just after the closing tag
    self_closing: bool
    line: int


def part_name(element_id: str) -> str:
    """``kit-icon-vneid--fake`` → ``icon-vneid``."""
    return element_id[len(KIT_PREFIX) :].split(SUFFIX_SEPARATOR, 1)[0]


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def kit_groups(text: str) -> list[Group]:
    """The outermost ``<g id="kit-…">`` groups of ``text``, in order."""
    groups: list[Group] = []
    stack: list[tuple[str, str | None, int, int]] = []  # tag, kit id, tag start, tag end
    for match in _TOKEN.finditer(text):
        closing, tag, attributes, self_closing = match.group(1, 2, 3, 4)
        if tag is None:  # comment or processing instruction
            continue
        if closing:
            if not stack or stack[-1][0] != tag:
                raise KitError(f"line {line_of(text, match.start())}: </{tag}> closes nothing open")
            _, kit_id, start, content_start = stack.pop()
            if kit_id is not None and not any(entry[1] for entry in stack):
                groups.append(
                    Group(
                        kit_id, start, content_start, match.start(), match.end(), False, line_of(text, start)
                    )
                )
            continue
        id_match = _ID.search(" " + attributes)
        kit_id = id_match.group(2) if id_match and tag == "g" else None
        if kit_id is not None and not kit_id.startswith(KIT_PREFIX):
            kit_id = None
        if self_closing:
            if kit_id is not None and not any(entry[1] for entry in stack):
                groups.append(
                    Group(kit_id, match.start(), match.end(), match.end(), match.end(), True,
                          line_of(text, match.start()))
                )  # fmt: skip
            continue
        stack.append((tag, kit_id, match.start(), match.end()))
    if stack:
        raise KitError(f"line {line_of(text, stack[-1][2])}: <{stack[-1][0]}> is never closed")
    return groups


def content_lines(content: str) -> list[str]:
    """The content's lines without indentation or blank lines: what is compared."""
    return [line.strip() for line in content.splitlines() if line.strip()]


class Kit:
    """The parts of content/kit/, each as its content lines with nested parts expanded."""

    def __init__(self, kit_dir: Path) -> None:
        self.kit_dir = kit_dir
        self._raw: dict[str, str] = {}
        for path in sorted(kit_dir.glob("*.svg")):
            text = path.read_text(encoding="utf-8")
            wanted = KIT_PREFIX + path.stem
            own = [group for group in kit_groups(text) if group.element_id == wanted]
            if len(own) != 1:
                raise KitError(f'{path}: needs exactly one <g id="{wanted}">')
            group = own[0]
            self._raw[path.stem] = text[group.content_start : group.content_end]
        self._expanded: dict[str, list[str]] = {}

    def names(self) -> list[str]:
        return sorted(self._raw)

    def path(self, name: str) -> Path:
        return self.kit_dir / f"{name}.svg"

    def lines(self, name: str, _seen: tuple[str, ...] = ()) -> list[str]:
        if name in self._expanded:
            return self._expanded[name]
        if name not in self._raw:
            raise KitError(f"there is no part {self.path(name)}")
        if name in _seen:
            raise KitError(f"{self.path(name)}: nested parts loop ({' → '.join((*_seen, name))})")
        raw = self._raw[name]
        for _quote, element_id in _ID.findall(raw):
            if not element_id.startswith(KIT_PREFIX):
                raise KitError(
                    f"{self.path(name)}: holds id '{element_id}'; a part holds no ids "
                    "(the picture draws its own highlight rect)"
                )
        out: list[str] = []
        position = 0
        for nested in kit_groups(raw):
            out.extend(content_lines(raw[position : nested.start]))
            out.append("<g>")
            out.extend(self.lines(part_name(nested.element_id), (*_seen, name)))
            out.append("</g>")
            position = nested.end
        out.extend(content_lines(raw[position:]))
        self._expanded[name] = out
        return out


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    message: str

    def show(self, base: Path) -> str:
        try:
            shown = self.path.relative_to(base)
        except ValueError:
            shown = self.path
        return f"{shown}:{self.line}: {self.message}"


def pictures(content_dir: Path) -> list[Path]:
    return sorted(content_dir.glob("packs/*/tutorials/*/images/*.svg"))


def sync_picture(path: Path, kit: Kit, write: bool) -> list[Finding]:
    """Compares (and with ``write`` replaces) each kit group's content in one picture."""
    text = path.read_text(encoding="utf-8")
    try:
        groups = kit_groups(text)
    except KitError as error:
        return [Finding(path, 1, str(error))]
    findings: list[Finding] = []
    pieces: list[str] = []
    position = 0
    for group in groups:
        name = part_name(group.element_id)
        if name not in kit.names():
            findings.append(
                Finding(path, group.line, f"picture's {group.element_id} has no part {kit.path(name)}")
            )
            continue
        wanted = kit.lines(name)
        current = content_lines(text[group.content_start : group.content_end])
        if current == wanted:
            continue
        findings.append(
            Finding(path, group.line, f"picture's {group.element_id} differs from content/kit/{name}.svg")
        )
        line_start = text.rfind("\n", 0, group.start) + 1
        indent = re.match(r"[ \t]*", text[line_start : group.start])
        base = indent.group(0) if indent else ""
        opening = text[group.start : group.content_start]
        if group.self_closing:
            opening = opening[: -len("/>")].rstrip() + ">"
        body = "".join(f"\n{base}{INDENT}{line}" for line in _indented(wanted))
        pieces.append(text[position : group.start])
        pieces.append(f"{opening}{body}\n{base}</g>")
        position = group.end
    pieces.append(text[position:])
    new_text = "".join(pieces)
    duplicates = sorted(
        element_id for element_id, count in Counter(m[1] for m in _ID.findall(new_text)).items() if count > 1
    )
    for element_id in duplicates:
        findings.append(Finding(path, 1, f"id '{element_id}' is used more than once in the picture"))
    if write and new_text != text and not duplicates:
        try:
            ET.fromstring(new_text.encode("utf-8"))
        except ET.ParseError as error:
            return [*findings, Finding(path, 1, f"not written: the result would not parse ({error})")]
        path.write_text(new_text, encoding="utf-8")
    return findings


def _indented(lines: list[str]) -> list[str]:
    """Re-indents compared lines by their nesting, for a readable picture file."""
    out: list[str] = []
    depth = 0
    for line in lines:
        opens = len(re.findall(r"<[A-Za-z]", line)) - len(re.findall(r"/>", line))
        closes = line.count("</")
        if line.startswith("</"):
            depth = max(depth - 1, 0)
            closes -= 1
        out.append(INDENT * depth + line)
        depth = max(depth + opens - closes, 0)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="only report copies that differ; exit 1 if any")
    parser.add_argument(
        "--content",
        type=Path,
        default=Path(__file__).resolve().parent.parent / "content",
        help="the content folder (default: the repository's content/)",
    )
    arguments = parser.parse_args(argv)
    content_dir: Path = arguments.content
    base = content_dir.resolve().parent
    try:
        kit = Kit(content_dir / "kit")
        for name in kit.names():
            kit.lines(name)
    except KitError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    findings: list[Finding] = []
    for picture in pictures(content_dir):
        findings.extend(sync_picture(picture.resolve(), kit, write=not arguments.check))
    for finding in findings:
        print(finding.show(base))
    if arguments.check:
        return 1 if findings else 0
    # Written: only what could not be fixed is a failure.
    return 1 if any("differs from" not in finding.message for finding in findings) else 0


if __name__ == "__main__":
    sys.exit(main())
