"""The text a reader gets from a PDF, for tests that read reports back.

Poppler's ``pdftotext -raw`` (poppler-utils, installed by ``make test`` with pdftoppm) gives the
page text in content-stream order, as pypdf's ``extract_text`` does, with the same words in the
same order on every page once whitespace is squeezed (tests/unit/test_test_pdf_text.py). It runs ~5x faster than pypdf and outside the traced test
process, which on Python 3.11 would slow pypdf's parsing ~1.7x more under coverage.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


def page_texts(pdf: bytes | Path) -> list[str]:
    """The text of each page (UTF-8; pdftotext ends every page with a form feed)."""
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    out = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout.decode("utf-8")
    return out.split("\f")[:-1]


def pdf_text(pdf: bytes | Path, sep: str = "\n") -> str:
    """The text of every page, joined by ``sep``."""
    return sep.join(page_texts(pdf))


def flat_text(pdf: bytes | Path) -> str:
    """The whole text with whitespace squeezed (lines wrap anywhere between words)."""
    return " ".join(pdf_text(pdf, " ").split())
