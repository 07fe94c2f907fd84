"""Standard ``logging`` for the tool: one configuration, called by the entry points.

Library modules log to ``logging.getLogger(__name__)`` (all under ``assessment``); only the CLI and
the app call `configure()`. Policy for what is logged:

- INFO: saves, creations, restores, imports, merged saves with conflicting fields — identified by
  ids, versions and counts, never by user text (titles, comments, names, file contents);
- WARNING: access refusals (the refusal's message key), so failed logins and expired share codes
  are visible on the server;
- DEBUG: detail that may contain user-chosen identifiers (file names, field paths).
"""

from __future__ import annotations

import logging
import sys

from assessment.settings import settings

ROOT = "assessment"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_HANDLER_NAME = "assessment-default"


class _CurrentStderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is when a record is emitted (the CLI wraps stderr in a
    terminal-safe stream after start-up; a handler holding the old stream would write around it)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def configure(level: str | None = None, default: str = "INFO") -> logging.Logger:
    """Send the tool's log records to stderr at ``level``, else ``ASSESSMENT_LOG_LEVEL``, else
    ``default`` (the app: INFO, a server log; the CLI: WARNING, so commands print only their
    own output unless asked).

    Idempotent (Streamlit reruns the script): one handler, updated level. Only the ``assessment``
    logger is touched, so Streamlit's and the host application's logging stay as they are.
    """
    logger = logging.getLogger(ROOT)
    logger.setLevel(level or settings().log_level or default)
    if not any(h.get_name() == _HANDLER_NAME for h in logger.handlers):
        handler = _CurrentStderr(sys.stderr)
        handler.set_name(_HANDLER_NAME)
        handler.setFormatter(logging.Formatter(FORMAT))
        logger.addHandler(handler)
        logger.propagate = False
    return logger
