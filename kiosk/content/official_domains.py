"""The official domains a QR code on a kiosk handout may open, fixed in the kiosk itself.

A visitor scans the printed QR at home and trusts whatever opens, so this list cannot come
from a content pack: a pack on a stick could otherwise add a look-alike domain and print it.
A pack's ``qr_domains`` may only narrow this list (name some of these domains, or a part of
one such as ``www.dichvucong.gov.vn``). Adding a domain here is a change to the kiosk, made
and reviewed like any other code change.
"""

from __future__ import annotations

OFFICIAL_QR_DOMAINS: tuple[str, ...] = (
    # VNeID, the national electronic identity (Ministry of Public Security).
    "vneid.gov.vn",
    # The National Public Service Portal.
    "dichvucong.gov.vn",
    # The Ministry of Public Security's public service portal (residence, ID cards).
    "dichvucong.bocongan.gov.vn",
    # "Bình dân học vụ số", the national digital-skills learning platform.
    "binhdanhocvuso.gov.vn",
    # The national cyber-security centre's trust and scam-site look-up.
    "tinnhiemmang.vn",
)


def within(host: str, domain: str) -> bool:
    """Whether ``host`` is ``domain`` or a name below it (``www.dichvucong.gov.vn``)."""
    return host == domain or host.endswith("." + domain)


def is_official(host: str) -> bool:
    """Whether ``host`` is one of the kiosk's official domains or below one."""
    return any(within(host, domain) for domain in OFFICIAL_QR_DOMAINS)
