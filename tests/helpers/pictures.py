"""Pictures for tests of drawing: one that the content check lets in but takes seconds to draw."""

from __future__ import annotations

from pathlib import Path


def slow_svg(path: Path, shapes: int = 1500) -> Path:
    """A picture the content check lets in (1500 shapes, ~150 KB) that takes seconds to draw:
    large, half-transparent shapes filled with a gradient and thickly outlined."""
    gradient = (
        '<defs><radialGradient id="g"><stop offset="0" stop-color="#f00" stop-opacity="0.3"/>'
        '<stop offset="1" stop-color="#00f" stop-opacity="0.2"/></radialGradient></defs>'
    )
    shapes_text = "".join(
        f'<path d="M{i % 7} {i % 11} L360 {i % 13} L{i % 17} 720 Z" fill="url(#g)"'
        ' stroke="#0a0" stroke-width="9" stroke-opacity="0.4"/>'
        for i in range(shapes)
    )
    path.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 720">'
        f'{gradient}{shapes_text}<rect id="tap-target" x="20" y="40" width="120" height="60" fill="#fff"/>'
        "</svg>",
        encoding="utf-8",
    )
    return path
