"""The shipped catalogue, and the same grown to six categories and sixteen tutorials.

Screens must take a catalogue that grows (more packs, more topics) without a second scroll bar
or a cut word: the grown one repeats the shipped tutorials (their real titles and summaries,
the lengths a screen must hold) under six categories with long real-world names. Qt-free.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from kiosk.content.cache import load_content
from kiosk.content.installed import packs_dir
from kiosk.content.model import Catalogue, Category
from kiosk.i18n import UiText
from kiosk.system import paths

# (id, Vietnamese title, English title): the shipped four, then two longer ones.
GROWN_CATEGORIES = (
    ("vneid", "Ứng dụng VNeID", "The VNeID app"),
    ("public-services", "Dịch vụ công trực tuyến", "Online public services"),
    ("payments", "Thanh toán bằng mã QR", "Paying by QR code"),
    ("safety", "Phòng tránh lừa đảo", "Avoiding scams"),
    ("banking", "Ngân hàng và ví điện tử trên điện thoại", "Banking and e-wallets on your phone"),
    ("health", "Bảo hiểm y tế và khám chữa bệnh", "Health insurance and seeing a doctor"),
)
GROWN_TUTORIALS = 16


def shipped_content(cache_dir: Path) -> tuple[UiText, Catalogue]:
    """The UI words and the catalogue as the kiosk loads them from the bundled packs."""
    return load_content(paths.ui_text_dir(), packs_dir(), cache_dir / "content-cache")


def grown_catalogue(base: Catalogue) -> Catalogue:
    """``base``'s tutorials repeated to sixteen, spread over six categories (base's icons reused)."""
    icons = [category.icon for category in base.categories]
    categories = tuple(
        Category(id=category_id, icon=icons[index % len(icons)], titles={"vi": vi, "en": en})
        for index, (category_id, vi, en) in enumerate(GROWN_CATEGORIES)
    )
    tutorials = tuple(
        dataclasses.replace(
            base.tutorials[index % len(base.tutorials)],
            id=f"{base.tutorials[index % len(base.tutorials)].id}-{index}",
            category=GROWN_CATEGORIES[index % len(GROWN_CATEGORIES)][0],
        )
        for index in range(GROWN_TUTORIALS)
    )
    return dataclasses.replace(base, categories=categories, tutorials=tutorials)
