"""Fetching URLs for others without reaching what only this machine should reach.

A URL given to the web app is fetched by the server, so a visitor could make it read the
machine's own services (``http://127.0.0.1:5432``), the local network, or a cloud metadata
endpoint (``http://169.254.169.254``). :class:`AddressPolicy` says which addresses may be
reached: by default only public ones; private, loopback, link-local, multicast, reserved and
unspecified addresses (IPv4 and IPv6, IPv4-mapped IPv6 included) are refused unless the
operator allows their networks.

The check runs where the connection is made (:class:`GuardedBackend`): the host name is
resolved once, every address it resolves to must be allowed, and the connection goes to the
address that was checked, so a redirect to a private address is refused like a first request,
and a name that resolves differently the second time (DNS rebinding) cannot slip through.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from factdesk.errors import FetchError

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class RefusedAddress(FetchError):
    """The URL's host is, or resolves to, an address the policy refuses."""


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """Which addresses the server may fetch from: public ones, plus ``allowed`` networks."""

    allowed: tuple[Network, ...] = ()

    @classmethod
    def parse(cls, specs: Iterable[str]) -> AddressPolicy:
        """From ``--allow-fetch`` values: CIDR networks or addresses (``10.0.0.0/8``,
        ``127.0.0.2``), or ``private`` for every non-public range.

        Raises:
            ValueError: a value is neither.
        """
        nets: list[Network] = []
        for spec in specs:
            spec = spec.strip()
            if spec == "private":
                nets += [ipaddress.ip_network("0.0.0.0/0"), ipaddress.ip_network("::/0")]
            elif spec:
                nets.append(ipaddress.ip_network(spec, strict=False))
        return cls(tuple(nets))

    def refusal(self, address: str) -> str | None:
        """Why ``address`` may not be fetched from, or None when it may."""
        ip: Address = ipaddress.ip_address(address.split("%")[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        if any(ip in net for net in self.allowed):
            return None
        for kind in ("loopback", "link_local", "private", "multicast", "reserved", "unspecified"):
            if getattr(ip, f"is_{kind}"):
                return f"{kind.replace('_', '-')} address {ip}"
        if not ip.is_global:
            return f"non-public address {ip}"
        return None

    def resolve(self, host: str, port: int) -> str:
        """The address to connect to for ``host``: every address it resolves to must be
        allowed (one refused refuses the host: which one a client gets is not ours to pick).

        Raises:
            RefusedAddress: the host is or resolves to a refused address.
            OSError: the name does not resolve.
        """
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        for address in addresses:
            if why := self.refusal(address):
                shown = host if host == address else f"{host} ({address})"
                raise RefusedAddress(
                    f"refused to fetch from {shown}: a {why} "
                    "(the operator can allow it with --allow-fetch)"
                )
        return addresses[0]


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's network backend, connecting only to addresses the policy allows."""

    def __init__(self, policy: AddressPolicy) -> None:
        self.policy = policy

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            address = self.policy.resolve(host, port)
        except RefusedAddress:
            raise
        except OSError as exc:  # the name does not resolve: a connection error to httpx
            raise httpcore.ConnectError(f"{host}: {exc}") from None
        return super().connect_tcp(address, port, timeout, local_address, socket_options)


class GuardedTransport(httpx.HTTPTransport):
    """An httpx transport whose every connection (redirects included) goes through
    :class:`GuardedBackend`; the URL's host is checked before anything else."""

    def __init__(self, policy: AddressPolicy) -> None:
        super().__init__()
        self.policy = policy
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            network_backend=GuardedBackend(policy),
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        check_url(str(request.url), self.policy)
        return super().handle_request(request)


def check_url(url: str, policy: AddressPolicy) -> None:
    """Refuse ``url`` at once when its host is a literal address the policy refuses (names
    are resolved and checked when connecting).

    Raises:
        RefusedAddress: it is.
    """
    host = (urlsplit(url).hostname or "").strip("[]")
    try:
        why = policy.refusal(host)
    except ValueError:
        return  # a name, not an address
    if why:
        raise RefusedAddress(
            f"refused to fetch {url[:200]}: a {why} (the operator can allow it with --allow-fetch)"
        )
