"""`app`: start the web app with the shipped Streamlit settings, from any folder.

``streamlit run streamlit_app.py`` only reads ``.streamlit/config.toml`` from the current folder, so
an installed tool started elsewhere would lose its settings (no telemetry, no developer menu, no
error details). This command passes the shipped settings as command-line options instead.

It replaces itself with Streamlit (`os.execv`) rather than waiting for a child: a service manager's
SIGTERM (systemd, docker stop) then reaches the server itself, which stops; a waiting parent would
die and leave Streamlit running.
"""

from __future__ import annotations

import argparse
import os
import sys
import tomllib
from pathlib import Path
from typing import Any

from assessment.cli.help import Help
from assessment.resources import app_script, streamlit_config


def register(sub: Any, h: Help) -> None:
    app = h.command(sub, "app", "app")
    app.add_argument("--port", type=int, default=8501, help=h("app_port"))
    app.add_argument("--address", default="127.0.0.1", help=h("app_address"))
    app.set_defaults(func=_app)


def streamlit_options(config: Path) -> list[str]:
    """``--section.key value`` for every setting in a Streamlit config.toml."""
    options: list[str] = []
    for section, table in tomllib.loads(config.read_text(encoding="utf-8")).items():
        for key, value in table.items():
            text = str(value).lower() if isinstance(value, bool) else str(value)
            options += [f"--{section}.{key}", text]
    return options


def command(port: int, address: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app_script()),
        *streamlit_options(streamlit_config()),
        "--server.port",
        str(port),
        "--server.address",
        address,
    ]


def _app(args: argparse.Namespace) -> int:
    argv = command(args.port, args.address)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(argv[0], argv)  # noqa: S606 - our own interpreter and argument list; does not return
    return 0  # pragma: no cover
