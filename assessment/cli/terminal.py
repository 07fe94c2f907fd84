"""What the CLI prints never drives the terminal: control characters, ANSI escape sequences and
bidi overrides in user text (a title with ``\\x1b[2J``) are written as ``\\u001b`` and the like,
and lone surrogates as ``\\ud800``. The escapes are JSON's, so ``--json`` output stays valid JSON.
Files the CLI writes (``-o``) keep the text exactly."""

from __future__ import annotations

import re
from typing import Any, TextIO

from assessment.errors import printable

# C0 controls except tab and newline (carriage return stays for progress lines), DEL, C1
# controls, and the bidi embedding/override/isolate marks that reorder what is shown.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", printable(text))


class SafeStream:
    """A text stream that writes `terminal_safe` text to the stream it wraps."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(terminal_safe(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
