"""Pure helpers of the app (no Streamlit session needed)."""

from __future__ import annotations

from assessment.ui.components.fields import frozen, lines
from assessment.ui.components.text import md
from assessment.ui.pages.sdg import _text_colour
from assessment.ui.pages.summary import file_stem


def test_md_escapes_markup_and_markdown() -> None:
    escaped = md("<script>alert(1)</script> **fet** [länk](javascript:x) ŋđčŧï")
    assert "<" not in escaped.replace("\\<", "")
    assert "\\*\\*fet\\*\\*" in escaped and "\\[länk\\]" in escaped
    assert escaped.endswith("ŋđčŧï")
    assert md("rad ett\nrad två") == "rad ett rad två"


def test_file_stem_is_safe_and_keeps_letters() -> None:
    assert file_stem("Fiskodling i Åre: <b>fas 2</b>") == "Fiskodling-i-Åre-b-fas-2-b"
    assert file_stem("../../etc/passwd") == "etc-passwd"
    assert file_stem("***") == "assessment"
    assert len(file_stem("x" * 500)) == 80


def test_tile_text_colour_contrasts_with_goal_colour() -> None:
    assert _text_colour("#FCC30B") == "#111827"  # SDG 7 yellow: dark text
    assert _text_colour("#19486A") == "#ffffff"  # SDG 17 navy: white text


def test_frozen_labels_do_not_call_the_format_function_again() -> None:
    calls: list[str] = []

    def label(option: str) -> str:
        calls.append(option)
        return option.upper()

    lookup = frozen(["a", "b"], label)
    assert calls == ["a", "b"]
    assert lookup("a") == "A" and lookup("zzz") == "zzz"
    assert calls == ["a", "b"]


def test_lines_splits_and_trims() -> None:
    assert lines(" Anna \n\n Bengt\n") == ["Anna", "Bengt"]


def test_uploader_texts_are_escaped_css_strings() -> None:
    from assessment.ui.components.style import css_string, uploader_css

    # Nothing can close the string or the <style> element, whatever a catalogue says.
    assert css_string('a"b</style>') == '"a\\22 b\\3c /style\\3e "'
    css = uploader_css("sv", 100)
    assert 'content: "Välj fil"' in css and "högst 100 MB per fil" in css
    # The drag line: one file, or several (the uploader's input is "multiple").
    assert (
        ':not(:has(> input[multiple])) > div:not([data-testid]) > span::after {content: "Släpp filen här"'
        in css
    )
    assert ":has(> input[multiple]):not(:has(> input[webkitdirectory]))" in css
    assert 'content: "Drop the files here"' in uploader_css("en", 100)
    assert css.count("<style>") == 1 and css.count("</style>") == 1


def test_participant_button_words_are_the_scale_words_with_soft_hyphens() -> None:
    from assessment.i18n import t
    from assessment.knowledge.interactions import SCALE

    for lang in ("sv", "en"):
        for word in SCALE.values():
            hyphenated = t(f"workshop.button_{word}", lang)
            assert hyphenated.replace("\u00ad", "") == t(f"analysis.scale_{word}", lang), (lang, word)
    assert "\u00ad" in t("workshop.button_cancelling", "sv")  # omöjliggörande may break


def test_score_keys_take_only_safe_keys_and_the_whole_scale() -> None:
    import pytest

    from assessment.ui.components import score_keys

    with pytest.raises(ValueError, match="container"):
        score_keys.install("ws_scale</script>", [3, 2, 1, 0, -1, -2, -3])
    with pytest.raises(ValueError, match="each score"):
        score_keys.install("ws_scale", [3, 2, 1, 0, -1, -2])
    assert "CONFIG" in score_keys._SCRIPT and "https://" not in score_keys._SCRIPT  # nothing fetched


def test_form_keys_take_only_safe_container_keys() -> None:
    import pytest

    from assessment.ui.components import form_keys

    with pytest.raises(ValueError, match="container"):
        form_keys.install("actor_add_form</script>")
    with pytest.raises(ValueError, match="container"):
        form_keys.install()
    assert "CONFIG" in form_keys._SCRIPT and "https://" not in form_keys._SCRIPT  # nothing fetched


def test_css_key_is_the_class_streamlit_gives_a_widget_key() -> None:
    from assessment.ui.components import scroll

    # Streamlit's frontend: "st-key-" + key.trim().replaceAll(/[^a-zA-Z0-9_-]/g, "-").
    assert scroll.css_key("w3:m:M1:text") == "w3-m-M1-text"
    assert scroll.css_key(" a.b c_d-e ") == "a-b-c_d-e"
    assert scroll.css_key("x</script>") == "x--script-"


def test_builtin_css_puts_catalogue_texts_as_css_strings() -> None:
    from assessment.ui.components.style import (
        CHART_BUTTONS,
        DATE_FORMATS,
        HEADER_MENU_ENTRIES,
        INPUT_HINTS,
        MAIN_MENU,
        NOT_IN_ENGLISH,
        NUMBER_FORMATS,
        OTHER_GRID_TEXTS,
        STATISTICS_ROWS,
        TOOLBAR_LABELS,
        builtin_css,
    )

    css = builtin_css("sv")
    assert css.count("<style>") == 1 and css.count("</style>") == 1
    assert 'content: "Lägg till rad"' in css and 'content: "Markera alla"' in css
    assert '[aria-label^="Download as CSV"]' in css
    assert 'content: "Inga träffar"' in css
    # Two rules per toolbar label, menu entry and empty list; one per chart button; two per text
    # of the column header menu, of its submenus (a text in several places once), of the other
    # grid texts, of the app menu and of the input hints; the pin entry and the Ctrl+Enter hints
    # stand for several English originals and are drawn only outside English.
    grid_texts = {
        *(key for _, key in HEADER_MENU_ENTRIES.values()),
        *NUMBER_FORMATS,
        *DATE_FORMATS,
        *(key for rows in STATISTICS_ROWS.values() for key in rows),
        *OTHER_GRID_TEXTS.values(),
    }
    assert len(grid_texts) == 6 + 13 + 15 + 2
    assert {"ui.st_pin_toggle", *(k for k in INPUT_HINTS if "ctrl" in k)} == NOT_IN_ENGLISH
    always = 2 * (len(grid_texts) + len(MAIN_MENU) + len(INPUT_HINTS.keys() - NOT_IN_ENGLISH))
    before = len(TOOLBAR_LABELS) * 2 + 8 + len(CHART_BUTTONS)
    assert before + always + 2 * len(NOT_IN_ENGLISH) == css.count("{")
    english = builtin_css("en")
    assert before + always == english.count("{")
    assert '.modebar-btn[data-title="Fullscreen"]::after {content: "Helskärm" !important;}' in css
    assert 'content: "Add row"' in english
    # The column header menu: Swedish in Swedish mode, English in English mode; the pin entry
    # (Pin or Unpin, which CSS cannot tell apart) keeps Streamlit's own English in English mode.
    assert 'content: "Sortera stigande"' in css and 'content: "Sort ascending"' in english
    assert 'content: "Dölj kolumnen"' in css and 'content: "Hide column"' in english
    assert 'content: "Fäst eller lossa kolumnen"' in css and "unpin" not in english.lower()
    assert (
        '[data-testid="stDataFrameColumnMenu"] > [role="menu"] > [role="menuitem"]:nth-last-child(1)' in css
    )
    # Every submenu place draws its text: each selector of a rule gets its own ::after.
    for rule in css.splitlines():
        if "content:" in rule and rule.startswith('[data-testid="stDataFrame'):
            selectors = rule.split(" {")[0].split(', [data-testid="')
            assert all(s.endswith("::after") for s in selectors), rule
    assert css.count('content: "Automatiskt"') == 1 and css.count('content: "Värden"') == 1
    values = next(r for r in css.splitlines() if 'content: "Värden"' in r)
    assert values.count("::after") == len(STATISTICS_ROWS)  # first row of each list
    assert 'content: "Skriv för att söka"' in css and 'content: "Type to search"' in english
    # The input hints: in a form or not, a one-line field or a text area; a field with a maximum
    # length keeps its counter (the hint is then the first of two spans).
    assert 'content: "Tryck Enter för att skicka formuläret"' in css
    assert 'content: "Press Enter to apply"' in english and "Ctrl" not in english
    assert "Ctrl\\2b Enter (\\2318 \\2b Enter på Mac)" in css  # "+" and "⌘" escaped
    hint = next(r for r in css.splitlines() if "Tryck Enter för att tillämpa" in r)
    assert ':not([data-testid="stForm"] *):has(input[maxlength])' in hint and ":has(+ span)::after" in hint
    assert 'content: "Skriv ut"' in css and 'content: "Print"' in english
