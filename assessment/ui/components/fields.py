"""Widgets bound to the working assessment.

Each helper draws a widget whose value comes from the assessment and whose on_change callback
writes the new value back through `state.update` (which saves at once). The widget's own state is
only a mirror, so losing it (page switch) loses nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import streamlit as st

from assessment.domain import Assessment
from assessment.ui import state

T = TypeVar("T")
Setter = Callable[[Assessment, Any], None]


def frozen(options: Sequence[Any], format_func: Callable[[Any], str]) -> Callable[[Any], str]:
    """The labels of ``options`` computed now, as a pure lookup.

    Labels depend on the session's language; Streamlit (and AppTest) may call a format function
    outside the script run, where the session is not available, so it must not compute them.
    """
    labels = {option: format_func(option) for option in options}

    def lookup(option: Any) -> str:
        return labels.get(option, str(option))

    return lookup


def _saver(key: str, setter: Setter, convert: Callable[[Any], Any] = lambda v: v) -> Callable[[], None]:
    def callback() -> None:
        value = convert(st.session_state.get(key))
        state.update(lambda a: setter(a, value))

    return callback


def text(
    label: str,
    key: str,
    value: str,
    setter: Setter,
    *,
    area: bool = False,
    help: str | None = None,
    height: int | None = None,
    placeholder: str | None = None,
) -> None:
    if area:
        st.text_area(
            label,
            value=value,
            key=key,
            help=help,
            height=height,
            placeholder=placeholder,
            on_change=_saver(key, setter, lambda v: v or ""),
        )
    else:
        st.text_input(
            label,
            value=value,
            key=key,
            help=help,
            placeholder=placeholder,
            on_change=_saver(key, setter, lambda v: v or ""),
        )


def select(
    label: str,
    key: str,
    options: Sequence[T],
    value: T | None,
    setter: Setter,
    *,
    format_func: Callable[[Any], str] = str,
    help: str | None = None,
    placeholder: str | None = None,
) -> None:
    listed = list(options)
    index = listed.index(value) if value is not None and value in listed else None
    st.selectbox(
        label,
        options,
        index=index,
        key=key,
        format_func=frozen(listed, format_func),
        help=help,
        placeholder=placeholder,
        on_change=_saver(key, setter),
    )


def multiselect(
    label: str,
    key: str,
    options: Sequence[T],
    value: Sequence[T],
    setter: Setter,
    *,
    format_func: Callable[[Any], str] = str,
    help: str | None = None,
    accept_new_options: bool = False,
) -> None:
    known = list(options)
    extra = [v for v in value if v not in known]
    st.multiselect(
        label,
        known + extra,
        default=list(value),
        key=key,
        format_func=frozen(known + extra, format_func),
        help=help,
        accept_new_options=accept_new_options,
        placeholder=state.tr("choose"),
        on_change=_saver(key, setter, lambda v: list(v or [])),
        # No "Select all"/"Select N matches" (English, and Enter would pick them);
        # plain substring matching (fuzzy matching made "K1" find "Begränsad klimatpåverkan").
        select_all=False,
        filter_mode="contains",
    )


def segmented(
    label: str,
    key: str,
    options: Sequence[T],
    value: T | None,
    setter: Setter,
    *,
    format_func: Callable[[Any], str] = str,
    help: str | None = None,
    label_visibility: Any = "visible",
    wrap: bool | None = None,
) -> None:
    st.segmented_control(
        label,
        list(options),
        default=value if value in options else None,
        key=key,
        format_func=frozen(list(options), format_func),
        help=help,
        label_visibility=label_visibility,
        on_change=_saver(key, setter),
        wrap=wrap,
    )


def pills(
    label: str,
    key: str,
    options: Sequence[T],
    value: T | None,
    setter: Setter,
    *,
    format_func: Callable[[Any], str] = str,
    help: str | None = None,
) -> None:
    """Like `segmented` but wraps onto several lines when the options are long."""
    st.pills(
        label,
        list(options),
        default=value if value in options else None,
        key=key,
        format_func=frozen(list(options), format_func),
        help=help,
        on_change=_saver(key, setter),
        wrap=True,
    )


def checkbox(label: str, key: str, value: bool, setter: Setter, *, help: str | None = None) -> None:
    st.checkbox(label, value=value, key=key, help=help, on_change=_saver(key, setter, bool))


def toggle(label: str, key: str, value: bool, setter: Setter, *, help: str | None = None) -> None:
    st.toggle(label, value=value, key=key, help=help, on_change=_saver(key, setter, bool))


def date(label: str, key: str, value: dt.date | None, setter: Setter, *, help: str | None = None) -> None:
    st.date_input(
        label,
        value=value,
        key=key,
        help=help,
        format="YYYY-MM-DD",
        on_change=_saver(key, setter, lambda v: v if isinstance(v, dt.date) else None),
    )


def number(
    label: str,
    key: str,
    value: float,
    setter: Setter,
    *,
    min_value: float,
    max_value: float,
    step: float = 1.0,
    help: str | None = None,
) -> None:
    st.number_input(
        label,
        min_value=min_value,
        max_value=max_value,
        value=float(value),
        step=step,
        key=key,
        help=help,
        on_change=_saver(key, setter, lambda v: float(v) if v is not None else min_value),
    )


def lines(text_value: str) -> list[str]:
    """One item per non-empty line (participants, groups typed in a text area)."""
    return [line.strip() for line in text_value.splitlines() if line.strip()]
