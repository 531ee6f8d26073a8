"""Which web addresses a tutorial may print as a QR code.

A visitor scans the handout's QR at home and trusts whatever opens: it must be an official
page. Only https, only hosts equal to an allowed domain or below it (``www.dichvucong.gov.vn``
passes, ``vneid.gov.vn.evil.com`` does not), and no tricks a browser reads differently
(``user@host``, backslashes, percent-escapes in the host).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

_HOSTNAME = re.compile(
    r"(?=.{1,253}\Z)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+"
)


def is_domain(name: str) -> bool:
    """A bare lower-case host name such as ``vneid.gov.vn`` (no scheme, path or port)."""
    return _HOSTNAME.fullmatch(name) is not None


def qr_url_problem(url: str, domains: Iterable[str] | None) -> str | None:
    """Why ``url`` may not be printed as a QR code, or None if it may.

    ``domains`` None means the pack's list is itself broken: only the https rules are checked.
    """
    if any(ch.isspace() for ch in url) or "\\" in url:
        return f"QR address '{url}' must not contain spaces or backslashes"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return f"QR address '{url}' is not a valid web address"
    if parts.scheme != "https":
        return f"QR address '{url}' must start with https://"
    if "@" in parts.netloc:
        return f"QR address '{url}' must not contain '@' before the domain"
    host = parts.hostname or ""
    if not is_domain(host):
        return f"QR address '{url}' has no valid domain"
    if port not in (None, 443):
        return f"QR address '{url}' must not name a port"
    if domains is None:
        return None
    allowed = list(domains)
    if any(host == domain or host.endswith("." + domain) for domain in allowed):
        return None
    return f"QR address '{url}': {host} is not an official domain in qr_domains ({', '.join(allowed)})"
