"""The share code shown big for the projector, with a QR code that decodes to the join target."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from streamlit.testing.v1 import AppTest

from assessment.ui.components.share_display import qr_png
from tests.integration.test_app_workshop import assert_clean, create, goto, new_session


def decode(png: bytes) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_qr_code_scans_back_to_the_text_with_sami_letters_and_a_link() -> None:
    for text in ("ABCDE-FGHJK", "https://rus.example.se/?join=ABCDE-FGHJK", "Ŋ đ č ŧ ï"):
        assert decode(qr_png(text)) == [text]


def test_share_page_shows_the_code_big_with_a_qr_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSESSMENT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    at: AppTest = new_session()
    create(at, "Delning i verkstaden")
    goto(at, "share")
    at.button(key="FormSubmitter:share_form-Skapa kod").click().run()
    assert_clean(at)
    _, code, _, _ = at.session_state["_share_last_code"]
    at.button(key="share_show_big").click().run()
    assert_clean(at)
    shown = [str(e.proto.body) for e in at.get("html")]
    assert any(code in body and "font-size:clamp(3rem" in body for body in shown), shown
    images = at.get("image")
    assert images, "the QR code image is drawn"
