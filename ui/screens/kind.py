"""The visitor's screens, by name (the window shows one at a time)."""

from __future__ import annotations

import enum


class Screen(enum.Enum):
    START = "start"
    LANGUAGE = "language"
    CATALOGUE = "catalogue"
    PLAYER = "player"
    FINISH = "finish"
    # Practice mode ("Try it", ui/screens/practice.py): built when first opened.
    PRACTICE = "practice"
