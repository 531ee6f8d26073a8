"""Which web addresses a tutorial may print as a QR code.

A visitor scans the handout's QR at home and trusts whatever opens: it must be an official
page. Only https, only hosts equal to an allowed domain or below it (``www.dichvucong.gov.vn``
passes, ``vneid.gov.vn.evil.com`` does not), and no tricks a browser reads differently
(``user@host``, backslashes, percent-escapes, punycode look-alikes, invisible or right-to-left
characters). The allowed domains are the kiosk's own (``official_domains``); a pack's
``qr_domains`` can only narrow them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

from kiosk.content.official_domains import OFFICIAL_QR_DOMAINS, is_official, within

_HOSTNAME = re.compile(
    r"(?=.{1,253}\Z)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+"
)
# Unicode categories a printed address must not hide: control characters, and format
# characters (zero-width spaces, right-to-left overrides) that change how the text reads.
_HIDDEN_CATEGORIES = ("Cc", "Cf")


def is_domain(name: str) -> bool:
    """A bare lower-case host name such as ``vneid.gov.vn`` (no scheme, path or port)."""
    return _HOSTNAME.fullmatch(name) is not None


def domain_problem(domain: str) -> str | None:
    """Why a pack's ``qr_domains`` entry is refused: not a bare domain, or not an official one."""
    if not is_domain(domain):
        return f"qr_domains entry '{domain}' must be a bare domain such as vneid.gov.vn"
    if not is_official(domain):
        return (
            f"qr_domains entry '{domain}' is not one of the kiosk's official domains"
            f" ({', '.join(OFFICIAL_QR_DOMAINS)}); a pack can only narrow that list"
        )
    return None


def qr_url_problem(url: str, domains: Iterable[str] | None) -> str | None:
    """Why ``url`` may not be printed as a QR code, or None if it may.

    ``domains`` is the pack's ``qr_domains``; None means that list is itself broken, and the
    kiosk's official domains are checked alone. Either way the host must be official.
    """
    shown = ascii(url)[1:-1] if not url.isprintable() else url
    if any(ch.isspace() for ch in url) or "\\" in url:
        return f"QR address '{shown}' must not contain spaces or backslashes"
    if any(unicodedata.category(ch) in _HIDDEN_CATEGORIES for ch in url):
        return f"QR address '{shown}' contains invisible or control characters"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return f"QR address '{shown}' is not a valid web address"
    if parts.scheme != "https":
        return f"QR address '{shown}' must start with https://"
    if "@" in parts.netloc:
        return f"QR address '{shown}' must not contain '@' before the domain"
    host = parts.hostname or ""
    if not is_domain(host):
        return f"QR address '{shown}' has no valid domain"
    if any(label.startswith("xn--") for label in host.split(".")):
        return f"QR address '{shown}' uses a punycode (xn--) name, which can imitate an official one"
    if port not in (None, 443):
        return f"QR address '{shown}' must not name a port"
    if not is_official(host):
        official = ", ".join(OFFICIAL_QR_DOMAINS)
        return f"QR address '{shown}': {host} is not an official domain (the kiosk's list: {official})"
    if domains is None:
        return None
    allowed = list(domains)
    if any(within(host, domain) for domain in allowed):
        return None
    return f"QR address '{shown}': {host} is not an official domain in qr_domains ({', '.join(allowed)})"
