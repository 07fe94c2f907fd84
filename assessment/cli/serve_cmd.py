"""`serve-check`: refuse to start the app with a login configuration that would let people in
where they do not belong (`assessment.storage.login_mode`). ``make run`` and the deployment's
``ExecStartPre`` run it; exit 2 with the reason, so the server never starts."""

from __future__ import annotations

import argparse
from typing import Any

from assessment.cli.help import Help
from assessment.i18n import t
from assessment.storage import open_store
from assessment.storage.login_mode import serving_mode


def register(sub: Any, h: Help) -> None:
    check = h.command(sub, "serve-check", "serve_check")
    check.add_argument("--database-url", default=None, help=h("database_url"))
    check.set_defaults(func=_check)


def _check(args: argparse.Namespace) -> int:
    store = open_store(args.database_url)
    try:
        mode = serving_mode(store)
        print(t("security.serve_ok", args.lang, mode=mode, backend=store.backend))
    finally:
        store.close()
    return 0
