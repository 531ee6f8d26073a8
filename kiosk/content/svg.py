"""Checking the SVG pictures of steps and category icons.

The player draws its ring around the element named by ``highlight``, so that id must exist;
and a picture must stay a plain drawing: a script, a link or an external image in a picture
would be a way out of the locked-down kiosk (content/README.md, "Pictures").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from kiosk.content.model import Problem, Severity

PHONE_VIEW_BOX = "0 0 360 720"

# Elements a kiosk picture must not contain (scripts, links, external or embedded content, CSS).
_FORBIDDEN = frozenset(
    {"script", "style", "foreignObject", "image", "a", "iframe", "video", "audio", "filter", "mask"}
)
_NAMESPACE_END = "}"


@dataclass(frozen=True)
class SvgInfo:
    ids: frozenset[str]
    view_box: str | None
    # Line of the <svg> element, for findings about the whole picture.
    line: int = 1


class _SvgScan:
    """Collects ids and rule breaks while expat reads the file, with the line of each element."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.ids: set[str] = set()
        self.root: str | None = None
        self.view_box: str | None = None
        self.root_line = 1
        self.problems: list[Problem] = []
        self.parser = expat.ParserCreate(namespace_separator=_NAMESPACE_END)
        self.parser.StartElementHandler = self._on_start

    def _on_start(self, name: str, attributes: dict[str, str]) -> None:
        local = name.rsplit(_NAMESPACE_END, 1)[-1]
        line = self.parser.CurrentLineNumber
        if self.root is None:
            self.root = local
            self.view_box = attributes.get("viewBox")
            self.root_line = line
        if local in _FORBIDDEN:
            self.problems.append(Problem(self.path, line, f"<{local}> is not allowed in kiosk pictures"))
        element_id = attributes.get("id")
        if element_id:
            self.ids.add(element_id)
        for attribute, value in attributes.items():
            if attribute.rsplit(_NAMESPACE_END, 1)[-1] == "href" and not value.startswith("#"):
                self.problems.append(
                    Problem(self.path, line, f"<{local}> links to '{value}'; pictures may not link outside")
                )


def read_svg(path: Path) -> tuple[SvgInfo | None, list[Problem]]:
    """The picture's ids, or None when it is not a well-formed SVG file."""
    scan = _SvgScan(path)
    try:
        with path.open("rb") as stream:
            scan.parser.ParseFile(stream)
    except expat.ExpatError as error:
        reason = expat.errors.messages.get(error.code, "parse error")
        column = error.offset + 1
        return None, [
            Problem(path, error.lineno, f"picture is not well-formed XML: {reason} (column {column})")
        ]
    except OSError as error:
        return None, [Problem(path, 1, f"cannot read the picture: {error.strerror or error}")]
    if scan.root != "svg":
        return None, [Problem(path, 1, f"not an SVG picture: the first element is <{scan.root}>, not <svg>")]
    return SvgInfo(frozenset(scan.ids), scan.view_box, scan.root_line), scan.problems


class SvgReader:
    """Reads each picture once, so a picture used by two steps is reported once."""

    def __init__(self) -> None:
        self._seen: dict[Path, SvgInfo | None] = {}

    def read(self, path: Path, *, view_box: str | None = None) -> tuple[SvgInfo | None, list[Problem]]:
        """The picture's ids; problems only on the first read of ``path``.

        ``view_box`` is the drawing area the picture should have (a warning if not: the kiosk
        scales it, but a different shape means it was not drawn as a phone screen).
        """
        if path in self._seen:
            return self._seen[path], []
        info, problems = read_svg(path)
        self._seen[path] = info
        if info is not None and view_box is not None and info.view_box != view_box:
            problems.append(
                Problem(
                    path,
                    info.line,
                    f"viewBox is '{info.view_box}'; a phone screen is '{view_box}'",
                    Severity.WARNING,
                )
            )
        return info, problems
