"""Headings of portfolio views in the user's language. Frames keep stable English column ids
(used by code, JSON and tests); these helpers translate only what people read."""

from __future__ import annotations

import pandas as pd

from assessment.i18n import t


def column_label(column: str, lang: str) -> str:
    key = f"portfolio.col_{column}"
    text = t(key, lang)
    return column if text == key else text


def view_title(name: str, lang: str) -> str:
    return t(f"portfolio.view_{name}", lang)


def figure_label(name: str, lang: str) -> str:
    return t(f"portfolio.fig_{name}", lang)


def localise(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A copy with translated column and index headings; item keys (column names of the heatmap)
    are not in the catalogue and stay as they are."""
    out = frame.rename(columns={c: column_label(str(c), lang) for c in frame.columns})
    if out.index.name is not None:
        out.index = out.index.rename(column_label(str(out.index.name), lang))
    return out


def _model_titles(lang: str) -> dict[str, dict[str, str]]:
    from assessment.process_models import rus_model, tyrens_model

    rus, tyrens = rus_model(), tyrens_model()
    items = {i.id: i.label.get(lang) for cl in rus.checklists.values() for i in cl.items}
    return {
        "rus_goal": {g.id: g.title.get(lang) for g in rus.rus_goals},
        "type": {c.id: c.title.get(lang) for c in tyrens.conflict_types},
        "types": {c.id: c.title.get(lang) for c in tyrens.conflict_types},
        "method": {m.id: m.title.get(lang) for m in tyrens.methods},
        "stage": {s.id: s.title.get(lang) for s in tyrens.stages},
        "item": items,
        "checklist": {cid: cl.title.get(lang) for cid, cl in rus.checklists.items()},
    }


_VALUE_KEYS = {
    "kind": (
        "measure",
        "conflict",
        "direct_conflict",
        "latent_conflict",
        "second_order_risk",
        "synergy",
        "unaddressed",
    ),
    "status": ("planned", "in_progress", "done"),
    "worked": ("yes", "partly", "no"),
    "origin": ("proactive", "reactive"),
}


def ref_label(ref: str, lang: str) -> str:
    """``"sdg:13"`` -> ``"13 Bekämpa klimatförändringarna"``, ``"rus:p1"`` -> the RUS goal title."""
    from assessment.knowledge import sdg_catalog
    from assessment.process_models import rus_model

    prefix, _, code = ref.partition(":")
    if prefix == "sdg" and code.isdigit():
        goal = sdg_catalog().goals.get(int(code))
        return f"{code} {goal.title.get(lang)}" if goal else ref
    if prefix == "rus":
        rus_goal = rus_model().rus_goal(code)
        return f"RUS: {rus_goal.title.get(lang)}" if rus_goal else ref
    return ref


def display(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A copy for people: model ids (RUS goals, conflict types, methods, checklist items) shown
    with their titles, statuses in words, headings translated. Unknown ids stay as written."""
    titles = _model_titles(lang)
    out = frame.copy()
    for column in out.columns:
        name = str(column)
        if name in ("goal_a", "goal_b", "shared_goals", "goals", "from", "to", "via"):
            out[column] = [
                "; ".join(ref_label(x.strip(), lang) for x in str(v).split(",") if x.strip())
                if isinstance(v, str)
                else v
                for v in out[column]
            ]
            continue
        mapping = dict(titles.get(name, {}))
        for value in _VALUE_KEYS.get(name, ()):
            mapping[value] = t(f"portfolio.value_{value}", lang)
        if not mapping:
            continue
        if name == "types":
            out[column] = [
                ", ".join(mapping.get(x.strip(), x.strip()) for x in str(v).split(",") if x.strip())
                for v in out[column]
            ]
        else:
            out[column] = [mapping.get(v, v) if isinstance(v, str) else v for v in out[column]]
    if out.index.name in titles:
        mapping = titles[str(out.index.name)]
        out.index = pd.Index([mapping.get(str(v), v) for v in out.index], name=out.index.name)
    return localise(out, lang)
