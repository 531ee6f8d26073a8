"""Reading a handout PDF back the way a person or a phone would: its text, its fonts, its QR code.

Plain functions, not a conftest, so the module name stays unique for mypy and pytest. Qt-free.
"""

from __future__ import annotations

import io
import re
import unicodedata
from typing import Any

import pypdfium2 as pdfium
import zxingcpp
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

# The PDF standard fonts: a viewer or printer substitutes them, and they have no Vietnamese.
BASE14 = frozenset(
    {
        "Courier",
        "Courier-Bold",
        "Courier-BoldOblique",
        "Courier-Oblique",
        "Helvetica",
        "Helvetica-Bold",
        "Helvetica-BoldOblique",
        "Helvetica-Oblique",
        "Symbol",
        "Times-Bold",
        "Times-BoldItalic",
        "Times-Italic",
        "Times-Roman",
        "ZapfDingbats",
    }
)
_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")


def flat(text: str) -> str:
    """NFC with every run of white space (line breaks included) made one space.

    pdfium reports a hyphen that ends a line as U+FFFE (its "maybe a soft hyphen" mark);
    the handout never hyphenates, so each one is a real hyphen of the text.
    """
    return " ".join(unicodedata.normalize("NFC", text.replace("\ufffe", "-")).split())


def page_texts(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def page_count(pdf: bytes) -> int:
    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def render(pdf: bytes, dpi: float, page_index: int = 0) -> Image.Image:
    """One page in 8-bit grey, as a printer driver would rasterise it."""
    document = pdfium.PdfDocument(pdf)
    try:
        image: Image.Image = document[page_index].render(scale=dpi / 72, grayscale=True).to_pil()
        return image.convert("L")
    finally:
        document.close()


def one_bit(image: Image.Image, threshold: int = 128) -> Image.Image:
    """What a thermal head prints: each dot black or white, no grey."""
    return image.point(lambda value: 255 if value >= threshold else 0).convert("1")


def qr_texts(image: Image.Image) -> list[str]:
    return [
        result.text
        for result in zxingcpp.read_barcodes(image)
        if result.format == zxingcpp.BarcodeFormat.QRCode
    ]


def qr_box(image: Image.Image) -> tuple[int, int, int, int]:
    """The decoded QR symbol's bounding box (left, top, right, bottom) in pixels."""
    (result,) = [r for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]
    corners = [
        result.position.top_left,
        result.position.top_right,
        result.position.bottom_left,
        result.position.bottom_right,
    ]
    xs = [point.x for point in corners]
    ys = [point.y for point in corners]
    return min(xs), min(ys), max(xs), max(ys)


def font_problems(pdf: bytes) -> tuple[int, list[str]]:
    """How many font objects the file holds, and what is wrong with any of them.

    Every object in the file is looked at, not only those a page uses, so an unused
    reference to a base-14 font is caught as well.
    """
    reader = PdfReader(io.BytesIO(pdf))
    fonts = 0
    problems: list[str] = []
    for generation, numbers in reader.xref.items():
        for number in numbers:
            value = IndirectObject(number, generation, reader).get_object()
            if not isinstance(value, DictionaryObject) or value.get("/Type") != "/Font":
                continue
            fonts += 1
            problems += _font_problems(value, f"object {number}")
    return fonts, problems


def _font_problems(font: DictionaryObject, where: str) -> list[str]:
    name = str(font.get("/BaseFont", ""))
    bare = _SUBSET_PREFIX.sub("", name.lstrip("/"))
    problems: list[str] = []
    if bare in BASE14:
        problems.append(f"{where}: base-14 font {name}")
    descriptor_owner: Any = font
    if font.get("/Subtype") == "/Type0":
        descendants: Any = font["/DescendantFonts"]
        descriptor_owner = descendants[0].get_object()
    descriptor = descriptor_owner.get("/FontDescriptor")
    if descriptor is None:
        problems.append(f"{where}: font {name} has no descriptor (not embedded)")
        return problems
    descriptor = descriptor.get_object()
    if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
        problems.append(f"{where}: font {name} is not embedded")
    return problems
