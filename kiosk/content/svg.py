"""Checking the SVG pictures of steps and category icons.

The player draws its ring around the element named by ``highlight``, so that id must exist;
and a picture must stay a plain drawing that draws quickly. Qt's renderer opens local files
named by ``<image>``, runs animations and follows ``<use>`` as deep as it is told, so the check
is an allow-list, not a deny-list: only plain shapes, text, groups, gradients and ``defs``, only
presentation attributes, no DOCTYPE or entities, a bounded number of elements, and ``<use>``
only to an ``#id`` of the same picture, at most MAX_USE_DEPTH deep and MAX_SVG_DRAWN elements
once expanded (content/README.md, "Pictures" and "Limits").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from kiosk.content.limits import MAX_SVG_DRAWN, MAX_SVG_ELEMENTS, MAX_USE_DEPTH, too_big
from kiosk.content.model import Problem, Severity

PHONE_VIEW_BOX = "0 0 360 720"

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
_XLINK_NAMESPACE = "http://www.w3.org/1999/xlink"
_XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
_NAMESPACE_END = "}"

ALLOWED_ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "title", "desc", "use",
        "rect", "circle", "ellipse", "line", "polyline", "polygon", "path",
        "text", "tspan",
        "linearGradient", "radialGradient", "stop",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = frozenset(
    {
        "id", "version", "viewBox", "preserveAspectRatio", "width", "height", "transform",
        "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "d", "points",
        "dx", "dy", "rotate", "textLength", "lengthAdjust",
        "fill", "fill-opacity", "fill-rule", "opacity", "visibility", "display", "color",
        "stroke", "stroke-width", "stroke-opacity", "stroke-linecap", "stroke-linejoin",
        "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "vector-effect",
        "font-family", "font-size", "font-weight", "font-style", "text-anchor",
        "dominant-baseline", "letter-spacing", "word-spacing", "text-decoration",
        "gradientUnits", "gradientTransform", "spreadMethod", "offset", "stop-color", "stop-opacity",
        "href",
    }
)  # fmt: skip
_QUALIFIED_ATTRIBUTES = frozenset({f"{_XLINK_NAMESPACE}}}href", f"{_XML_NAMESPACE}}}space"})


@dataclass(frozen=True)
class SvgInfo:
    ids: frozenset[str]
    view_box: str | None
    # Line of the <svg> element, for findings about the whole picture.
    line: int = 1


class _RefusedError(Exception):
    """Stops reading a picture at the first thing that must not be parsed any further."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _TooDeepError(Exception):
    """A chain of <use> longer than MAX_USE_DEPTH: not followed any further."""


@dataclass
class _Open:
    """An element being read: its id, and what its subtree holds so far."""

    element_id: str | None
    elements: int = 1
    uses: list[str] = field(default_factory=list)


class _SvgScan:
    """Collects ids and rule breaks while expat reads the file, with the line of each element."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.ids: set[str] = set()
        self.root: str | None = None
        self.view_box: str | None = None
        self.root_line = 1
        self.problems: list[Problem] = []
        self.elements = 0
        # Per id: elements in its subtree and the ids its <use> elements name.
        self.subtrees: dict[str, _Open] = {}
        self.uses: list[tuple[str, int]] = []
        self._open: list[_Open] = []
        self.parser = expat.ParserCreate(namespace_separator=_NAMESPACE_END)
        self.parser.StartElementHandler = self._on_start
        self.parser.EndElementHandler = self._on_end
        self.parser.StartDoctypeDeclHandler = self._on_doctype
        self.parser.EntityDeclHandler = self._on_entity
        # No external entity or DTD is ever fetched.
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def _on_doctype(self, *_args: object) -> None:
        raise _RefusedError(self.parser.CurrentLineNumber, "<!DOCTYPE> is not allowed in kiosk pictures")

    def _on_entity(self, *_args: object) -> None:
        raise _RefusedError(
            self.parser.CurrentLineNumber, "entity declarations are not allowed in kiosk pictures"
        )

    def _on_start(self, name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(_NAMESPACE_END)
        line = self.parser.CurrentLineNumber
        self.elements += 1
        if self.elements > MAX_SVG_ELEMENTS:
            raise _RefusedError(line, f"more than {MAX_SVG_ELEMENTS} elements: too much to draw quickly")
        if self.root is None:
            self.root = local
            self.view_box = attributes.get("viewBox")
            self.root_line = line
        allowed = local in ALLOWED_ELEMENTS and namespace in ("", SVG_NAMESPACE)
        if not allowed:
            shown = local if namespace in ("", SVG_NAMESPACE) else name
            self.problems.append(Problem(self.path, line, f"<{shown}> is not allowed in kiosk pictures"))
        element_id = attributes.get("id")
        if element_id:
            self.ids.add(element_id)
        # A refused element is reported once, not once more for each of its attributes.
        for attribute, value in attributes.items() if allowed else ():
            self._check_attribute(local, line, attribute, value)
        for parent in self._open:
            parent.elements += 1
        current = _Open(element_id)
        self._open.append(current)
        if local == "use":
            target = self._use_target(attributes, line)
            if target is not None:
                self.uses.append((target, line))
                for parent in self._open:
                    parent.uses.append(target)

    def _on_end(self, _name: str) -> None:
        done = self._open.pop()
        if done.element_id:
            self.subtrees.setdefault(done.element_id, done)

    def _check_attribute(self, element: str, line: int, attribute: str, value: str) -> None:
        local = attribute.rpartition(_NAMESPACE_END)[2]
        if _NAMESPACE_END in attribute and attribute not in _QUALIFIED_ATTRIBUTES:
            self.problems.append(
                Problem(self.path, line, f"<{element}> attribute '{attribute}' is not allowed")
            )
        elif _NAMESPACE_END not in attribute and local not in ALLOWED_ATTRIBUTES:
            self.problems.append(Problem(self.path, line, f"<{element}> attribute '{local}' is not allowed"))
        elif local == "href" and not value.startswith("#"):
            self.problems.append(
                Problem(self.path, line, f"<{element}> links to '{value}'; pictures may not link outside")
            )
        elif "url(" in value.replace(" ", "") and "url(#" not in value.replace(" ", ""):
            self.problems.append(
                Problem(
                    self.path, line, f"<{element}> {local}='{value}' may only name an #id of this picture"
                )
            )

    def _use_target(self, attributes: dict[str, str], line: int) -> str | None:
        href = attributes.get(f"{_XLINK_NAMESPACE}}}href", attributes.get("href"))
        if href is None or not href.startswith("#") or len(href) < 2:
            if href is None:
                self.problems.append(Problem(self.path, line, "<use> names no #id to draw"))
            return None
        return href[1:]

    def use_problems(self) -> list[Problem]:
        """<use> that names a missing id, leads to itself, nests too deep or draws too much."""
        problems: list[Problem] = []
        depth: dict[str, int] = {}
        drawn: dict[str, int] = {}
        active: set[str] = set()

        def expand(target: str) -> tuple[int, int]:
            """(use depth, elements drawn) of drawing ``target``; raises on a loop."""
            if target in depth:
                return depth[target], drawn[target]
            if target in active:
                raise RecursionError(target)
            if len(active) >= MAX_USE_DEPTH:
                raise _TooDeepError(target)
            subtree = self.subtrees[target]
            active.add(target)
            deepest, count = 0, subtree.elements
            for inner in subtree.uses:
                if inner not in self.subtrees:
                    continue
                inner_depth, inner_drawn = expand(inner)
                deepest = max(deepest, inner_depth + 1)
                count = min(count + inner_drawn, MAX_SVG_DRAWN + 1)
            active.discard(target)
            depth[target], drawn[target] = deepest, count
            return deepest, count

        total = self.elements
        for target, line in self.uses:
            if target not in self.subtrees:
                problems.append(
                    Problem(self.path, line, f"<use> names '#{target}', which is not in this picture")
                )
                continue
            try:
                inner_depth, inner_drawn = expand(target)
            except RecursionError:
                problems.append(Problem(self.path, line, f"<use> of '#{target}' leads back to itself"))
                return problems
            except _TooDeepError:
                inner_depth = MAX_USE_DEPTH
            if inner_depth + 1 > MAX_USE_DEPTH:
                message = f"<use> of '#{target}' nests more than {MAX_USE_DEPTH} deep (the limit)"
                problems.append(Problem(self.path, line, message))
                return problems
            total = min(total + inner_drawn, MAX_SVG_DRAWN + 1)
        if total > MAX_SVG_DRAWN:
            message = f"its <use> elements draw more than {MAX_SVG_DRAWN} elements: too much to draw quickly"
            problems.append(Problem(self.path, self.root_line, message))
        return problems


def read_svg(path: Path) -> tuple[SvgInfo | None, list[Problem]]:
    """The picture's ids, or None when it is not a well-formed SVG file or breaks a hard limit."""
    scan = _SvgScan(path)
    try:
        big = too_big(path, path.stat().st_size)
        if big is not None:
            return None, [big]
        with path.open("rb") as stream:
            scan.parser.ParseFile(stream)
    except _RefusedError as refusal:
        return None, [Problem(path, refusal.line, refusal.message)]
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
    problems = [*scan.problems, *scan.use_problems()]
    return SvgInfo(frozenset(scan.ids), scan.view_box, scan.root_line), problems


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
