"""Free TCP ports on 127.0.0.1 for the servers the tests start (PostgreSQL, Streamlit, nginx)."""

from __future__ import annotations

import random
import socket
from pathlib import Path


def _ephemeral_low() -> int:
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def free_port(count: int = 1) -> int:
    """A free port on 127.0.0.1 (with ``count`` > 1: the first of that many consecutive ones),
    below the kernel's ephemeral range. In that range a port that nobody listens on can still be
    taken, between this check and a server's start, as the local port of an outgoing connection
    (a browser's, a database client's): the server then cannot start. Below it, only servers that
    chose their port themselves bind."""
    chooser = random.Random()
    top = _ephemeral_low() - count
    for _ in range(500):
        first = chooser.randrange(10_000, max(top, 10_001))
        sockets: list[socket.socket] = []
        try:
            for port in range(first, first + count):
                sockets.append(socket.socket())
                sockets[-1].bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
        finally:
            for sock in sockets:
                sock.close()
    raise RuntimeError(f"no {count} consecutive free port(s) below the ephemeral port range")
