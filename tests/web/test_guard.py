"""The server fetches only what it may: private, loopback and link-local addresses are
refused, after redirects too, unless the operator allows them (over real HTTP)."""

from __future__ import annotations

import pytest

from factdesk.web.guard import AddressPolicy

from .conftest import PAGE, Origin, api, healthy


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("127.0.0.1", "loopback"),
        ("127.3.4.5", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.9", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("fd00::1", "private"),
        ("0.0.0.0", "private"),
        ("224.0.0.1", "multicast"),
        ("100.64.0.1", "non-public"),
    ],
)
def test_non_public_addresses_are_refused(address: str, why: str) -> None:
    refusal = AddressPolicy().refusal(address)
    assert refusal is not None and why in refusal


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700::1111", "8.8.8.8"])
def test_public_addresses_are_not(address: str) -> None:
    assert AddressPolicy().refusal(address) is None


def test_the_operator_can_allow_networks() -> None:
    policy = AddressPolicy.parse(["10.0.0.0/8", "127.0.0.2"])
    assert policy.refusal("10.9.9.9") is None and policy.refusal("127.0.0.2") is None
    assert policy.refusal("127.0.0.1") is not None
    assert AddressPolicy.parse(["private"]).refusal("192.168.0.1") is None
    with pytest.raises(ValueError):
        AddressPolicy.parse(["not-a-network"])


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://127.0.0.1:9/admin", "loopback address 127.0.0.1"),
        ("http://localhost:9/admin", "localhost (127.0.0.1)"),
        ("http://[::1]:9/admin", "loopback address ::1"),
        ("http://169.254.169.254/latest/meta-data/", "link-local address 169.254.169.254"),
        ("http://10.0.0.1/", "private address 10.0.0.1"),
        ("http://2130706433/", "loopback"),  # 127.0.0.1 written as one number
    ],
)
def test_urls_on_refused_addresses_are_not_fetched(base: str, url: str, why: str) -> None:
    status, body = api(base, {"url": url})
    assert status == 502, body
    assert why in body["error"] and "--allow-fetch" in body["error"]
    assert healthy(base)


def test_a_redirect_to_loopback_is_refused(base: str, origin: Origin) -> None:
    story = origin.add("/story", PAGE)
    assert api(base, {"url": story})[0] == 200  # the allowed origin itself is fetched
    port = story.rsplit(":", 1)[1].split("/")[0]
    for target in (f"http://127.0.0.1:{port}/story", f"http://localhost:{port}/story"):
        moved = origin.add(f"/moved-{len(target)}", "", status=302, headers={"Location": target})
        status, body = api(base, {"url": moved})
        assert status == 502, body
        assert "refused to fetch" in body["error"] and "loopback" in body["error"]
    hops = origin.add(
        "/hop",
        "",
        status=301,
        headers={"Location": f"{origin.base}/moved-{len(f'http://127.0.0.1:{port}/story')}"},
    )
    status, body = api(base, {"url": hops})  # two redirects, the second to loopback
    assert status == 502 and "loopback" in body["error"]
    assert healthy(base)
