"""Escaping of user text for reportlab paragraph markup (assessment.report.text)."""

from __future__ import annotations

import pytest
from reportlab.platypus import Paragraph

from assessment.report.styles import styles
from assessment.report.text import clip, markup, para, rich


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<b>fet</b>", "&lt;b&gt;fet&lt;/b&gt;"),
        ("Tom & Jerry", "Tom &amp; Jerry"),
        ("\"citat\" och 'apostrof'", "&quot;citat&quot; och &#39;apostrof&#39;"),
        ("<para>ostängd", "&lt;para&gt;ostängd"),
        ("rad 1\nrad 2\r\nrad 3", "rad 1<br/>rad 2<br/>rad 3"),
        ("ŋ đ č š ŧ ž ï æ ø å ä ö", "ŋ đ č š ŧ ž ï æ ø å ä ö"),
        (None, ""),
        (42, "42"),
    ],
)
def test_markup_escapes_user_text(raw: object, expected: str) -> None:
    assert markup(raw) == expected


def test_markup_drops_control_characters_the_parser_rejects() -> None:
    assert markup("a\x00b\x07c\x1fd") == "abcd"


def test_characters_the_font_lacks_are_spelled_out_not_boxed() -> None:
    # DejaVu Sans has no emoji; a black box would lose the character, its code keeps it.
    assert markup("klimat 🌍") == "klimat [U+1F30D]"


@pytest.mark.parametrize("hostile", ["<b>", "</para>", "<i>ostängd", "&", "&amp;", "<br", "<<>>"])
def test_para_accepts_hostile_text_and_shows_it_literally(hostile: str) -> None:
    paragraph = para(hostile, styles().body)
    paragraph.wrap(400, 800)
    assert "".join(paragraph.getPlainText().split()) == "".join(hostile.split())


def test_plain_paragraph_would_choke_on_the_same_text() -> None:
    # Guards the reason for `para`: unescaped user text breaks reportlab's parser.
    with pytest.raises(ValueError):
        Paragraph("<para>ostängd <i>kursiv", styles().body)


def test_rich_escapes_values_but_keeps_the_template_markup() -> None:
    paragraph = rich("<b>{label}:</b> {value}", styles().body, label="A<b>", value="x & y")
    assert paragraph.getPlainText() == "A<b>: x & y"
    assert "<b>A&lt;b&gt;:</b> x &amp; y" in paragraph.text


def test_clip_cuts_at_a_word_and_marks_the_cut() -> None:
    text = "ord " * 100
    clipped = clip(text, 50)
    assert clipped.endswith("…")
    assert len(clipped) <= 52
    assert clip("kort", 50) == "kort"
    assert clip("x" * 100, 10) == "x" * 10 + " …"


def test_chunks_keep_every_character_of_long_text() -> None:
    from assessment.report.text import CHUNK, chunks

    text = "\n".join(f"rad {i} " + "ord " * (i % 50) for i in range(3000)) + "X" * 4000
    pieces = chunks(text)
    assert len(pieces) > 10
    assert all(len(piece) <= CHUNK for piece in pieces)
    assert "".join("".join(pieces).split()) == "".join(text.split())
    assert chunks("kort") == ["kort"]


def test_paras_puts_the_prefix_only_before_the_first_piece() -> None:
    from assessment.report.text import paras

    out = paras("a " * 2000, styles().body, prefix="<b>Not 1:</b>")
    assert len(out) >= 2
    assert out[0].getPlainText().startswith("Not 1: a")
    assert "Not 1" not in out[1].getPlainText()
