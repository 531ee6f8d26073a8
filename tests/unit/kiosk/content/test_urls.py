"""QR addresses: a visitor trusts whatever the handout's QR opens, so only official pages pass."""

from __future__ import annotations

import pytest

from kiosk.content.urls import domain_problem, is_domain, qr_url_problem

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


def test_broken_domain_list_still_checks_https_and_the_kiosks_own_domains() -> None:
    assert qr_url_problem("https://www.vneid.gov.vn/x", None) is None
    assert qr_url_problem("http://vneid.gov.vn", None) is not None
    problem = qr_url_problem("https://anything.example", None)
    assert problem is not None and "anything.example is not an official domain" in problem


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        # A pack that lists a look-alike cannot make it official: the kiosk's list decides.
        ("https://vneid.gov.vn.evil.example/login", "is not an official domain"),
        ("https://vneid.gov.vn.evil.com?.vneid.gov.vn", "is not an official domain"),
        ("https://user:pw@vneid.gov.vn", "must not contain '@'"),
        ("https://xn--vneid-9ua.gov.vn", "punycode"),
        ("https://xn--vnid-5qa.vneid.gov.vn", "punycode"),
        ("https://vneid\u200b.gov.vn", "invisible or control characters"),
        ("https://vneid.gov.vn/\u202elog", "invisible or control characters"),
        ("https://vneid.gov.vn/\x00", "invisible or control characters"),
        ("https://vneid\u3002gov.vn", "has no valid domain"),
        ("https://vneid.gov.vn\tx", "spaces"),
        ("javascript:alert(1)", "must start with https://"),
        ("data:text/html,hi", "must start with https://"),
        ("//vneid.gov.vn", "must start with https://"),
        ("https:/vneid.gov.vn", "has no valid domain"),
        ("https://vneid.gov.vn:8443/", "must not name a port"),
        ("https://vneid%2egov.vn", "has no valid domain"),
        ("https://vneid.gov.vn%00.evil.com", "has no valid domain"),
        ("https://vneid.gov.vn\\@evil.com", "backslashes"),
        ("https://127.0.0.1/", "is not an official domain"),
        ("https://0x7f000001/", "has no valid domain"),
    ],
)
def test_every_known_trick_is_refused_even_when_the_pack_lists_its_domain(url: str, fragment: str) -> None:
    problem = qr_url_problem(url, ("vneid.gov.vn", "evil.example", "evil.com"))
    assert problem is not None and fragment in problem, problem


def test_printed_problem_shows_hidden_characters_escaped() -> None:
    problem = qr_url_problem("https://vneid.gov.vn/\u202elog", DOMAINS)
    assert problem is not None and "\\u202e" in problem and "\u202e" not in problem


@pytest.mark.parametrize(
    ("domain", "fragment"),
    [
        ("vneid.gov.vn", None),
        ("www.dichvucong.gov.vn", None),
        ("evil.example", "is not one of the kiosk's official domains"),
        ("gov.vn", "is not one of the kiosk's official domains"),
        ("https://vneid.gov.vn", "must be a bare domain"),
    ],
)
def test_a_pack_may_only_narrow_the_official_domains(domain: str, fragment: str | None) -> None:
    problem = domain_problem(domain)
    assert problem is None if fragment is None else (problem is not None and fragment in problem)


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
