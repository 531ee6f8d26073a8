"""The password rules of a practised step (``practice: {type: password, rules: [...]}``), and
which one is still missing, so the kiosk can say it in plain words.

Rules: ``minN`` (at least N characters), ``maxN`` (at most N), ``upper`` (a capital letter),
``lower`` (a small letter), ``digit`` (a number), ``symbol`` (a character such as @ or #).
The words are UI texts: ``practice.rule.<name>`` with ``{n}`` for the lengths.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RuleGap:
    """One rule the password does not meet yet: its UI text key and its number, if any."""

    rule: str
    key: str
    n: int = 0


def _meets(rule: str, password: str) -> bool:
    if rule.startswith("min"):
        return len(password) >= int(rule[3:])
    if rule.startswith("max"):
        return len(password) <= int(rule[3:])
    if rule == "upper":
        return any(c.isupper() for c in password)
    if rule == "lower":
        return any(c.islower() for c in password)
    if rule == "digit":
        return any(c.isdigit() for c in password)
    if rule == "symbol":
        return any(not c.isalnum() and not c.isspace() for c in password)
    raise ValueError(f"unknown password rule {rule!r}")


def missing_rules(password: str, rules: tuple[str, ...]) -> list[RuleGap]:
    """The rules ``password`` does not meet yet, in the order the content lists them."""
    gaps: list[RuleGap] = []
    for rule in rules:
        if _meets(rule, password):
            continue
        if rule[:3] in ("min", "max"):
            gaps.append(RuleGap(rule, f"practice.rule.{rule[:3]}", int(rule[3:])))
        else:
            gaps.append(RuleGap(rule, f"practice.rule.{rule}"))
    return gaps


def example_password(rules: tuple[str, ...]) -> str:
    """A password meeting ``rules``, shown when the kiosk shows the answer and moves on."""
    base = "Hoa@2025"
    least = max((int(rule[3:]) for rule in rules if rule.startswith("min")), default=0)
    most = min((int(rule[3:]) for rule in rules if rule.startswith("max")), default=64)
    while len(base) < least:
        base += "x"
    return base[:most]
