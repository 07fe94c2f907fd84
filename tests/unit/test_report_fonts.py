"""The PDF fonts ship inside the package, with their licence, and are what the PDFs embed."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics

import assessment
from assessment.report import fonts


def test_the_fonts_and_their_licence_are_package_data() -> None:
    folder = fonts.font_dir()
    assert folder.resolve().is_relative_to(Path(assessment.__file__).resolve().parent)
    assert "matplotlib" not in str(folder)
    assert {p.name for p in folder.iterdir()} >= {*fonts._FILES.values(), "LICENSE"}
    licence = (folder / "LICENSE").read_text(encoding="utf-8")
    assert "Bitstream" in licence and "DejaVu" in licence


def test_the_registered_faces_come_from_the_shipped_files_and_cover_sami_letters() -> None:
    family = fonts.register_fonts()
    assert family == fonts.FONT
    for name, filename in fonts._FILES.items():
        face = pdfmetrics.getFont(name).face
        assert Path(face.filename).name == filename
        assert Path(face.filename).parent.resolve() == fonts.font_dir().resolve()
    assert {ord(c) for c in "ŋđčŧïÅÄÖ−"} <= fonts.covered_codepoints()
