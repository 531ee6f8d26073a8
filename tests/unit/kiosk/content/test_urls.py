"""QR addresses: a visitor trusts whatever the handout's QR opens, so only official pages pass."""

from __future__ import annotations

import pytest

from kiosk.content.urls import is_domain, qr_url_problem

DOMAINS = ("vneid.gov.vn", "dichvucong.gov.vn", "tinnhiemmang.vn")


@pytest.mark.parametrize(
    "url",
    [
        "https://vneid.gov.vn",
        "https://vneid.gov.vn/",
        "https://www.dichvucong.gov.vn",
        "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html?lang=vi#top",
        "https://tinnhiemmang.vn/website-lua-dao",
        "https://VNeID.gov.vn",
        "https://vneid.gov.vn:443/",
    ],
)
def test_official_addresses_pass(url: str) -> None:
    assert qr_url_problem(url, DOMAINS) is None


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("http://vneid.gov.vn", "must start with https://"),
        ("vneid.gov.vn", "must start with https://"),
        ("https://vneid.gov.vn.evil.com", "is not an official domain"),
        ("https://evilvneid.gov.vn", "is not an official domain"),
        ("https://gov.vn", "is not an official domain"),
        ("https://vneid.gov.vn@evil.com", "must not contain '@'"),
        ("https://evil.com\\.vneid.gov.vn", "backslashes"),
        ("https://evil.com%2evneid.gov.vn", "has no valid domain"),
        ("https://vneid.gov.vn:8080/", "must not name a port"),
        ("https://vneid.gov.vn /x", "spaces"),
        ("https://vnеid.gov.vn", "has no valid domain"),  # Cyrillic "е": looks the same, is not
        ("https://[::1]/", "has no valid domain"),
    ],
)
def test_other_addresses_fail(url: str, fragment: str) -> None:
    problem = qr_url_problem(url, DOMAINS)
    assert problem is not None and fragment in problem


def test_broken_domain_list_still_checks_https() -> None:
    assert qr_url_problem("https://anything.example", None) is None
    assert qr_url_problem("http://anything.example", None) is not None


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("vneid.gov.vn", True),
        ("help.zalo.me", True),
        ("https://vneid.gov.vn", False),
        ("vneid", False),
        ("", False),
    ],
)
def test_qr_domains_entries_are_bare_domains(name: str, valid: bool) -> None:
    assert is_domain(name) is valid
