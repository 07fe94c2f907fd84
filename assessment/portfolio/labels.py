"""Headings of portfolio views in the user's language. Frames keep stable English column ids
(used by code, JSON and tests); these helpers translate only what people read."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from assessment.domain.refs import ref_label
from assessment.i18n import catalogue, t


def column_label(column: str, lang: str) -> str:
    key = f"portfolio.col_{column}"
    return t(key, lang) if key in catalogue() else column  # item keys are not in the catalogue


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


def display(frame: pd.DataFrame, lang: str, names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """A copy for people: model ids (RUS goals, conflict types, methods, checklist items) shown
    with their titles, statuses in words, headings translated. Unknown ids stay as written.

    ``names`` (`Portfolio.names`) turns item keys into titles: the key column goes where a title
    column is already shown, else its values become names; key-named columns get the names too.
    """
    titles = _model_titles(lang)
    out = frame.copy()
    if names:
        if "assessment" in out.columns:
            if "title" in out.columns:
                out = out.drop(columns=["assessment"])
            else:
                out["assessment"] = [names.get(v, v) if isinstance(v, str) else v for v in out["assessment"]]
        out = out.rename(columns={c: names[c] for c in out.columns if isinstance(c, str) and c in names})
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


def _impact_words(lang: str) -> dict[int, str]:
    from assessment.process_models import rus_model

    scale = rus_model().scale
    return {
        v: f"{v:+d}".replace("-", "\u2212") + f" {w.get(lang)}" if v else f"0 {w.get(lang)}"
        for v, w in scale.items()
    }


def _compare_item(section: str, item: str, lang: str) -> str:
    from assessment.process_models import rus_model

    if section == "meta":
        return column_label(item, lang)
    if section == "rus":
        goal = rus_model().rus_goal(item)
        return goal.title.get(lang) if goal else item
    if section == "sdg":
        return ref_label(item, lang)
    if section == "other_goals":
        return ref_label(f"other:{item}", lang)
    if section == "checklists":
        checklist_id, _, item_id = item.partition("/")
        spec = rus_model().checklists.get(checklist_id)
        found = spec.item(item_id) if spec else None
        heading = spec.title.get(lang) if spec else checklist_id
        return f"{heading}: {found.label.get(lang) if found else item_id}"
    return item


def _compare_value(section: str, item: str, value: object, lang: str, impacts: dict[int, str]) -> str:
    from assessment.process_models import rus_model

    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if section in ("rus", "sdg", "other_goals"):
        try:
            return impacts.get(int(str(value)), str(value))
        except ValueError:
            return str(value)
    if section == "meta" and item == "kind":
        kind = rus_model().kind(str(value))
        return kind.label.get(lang) if kind else str(value)
    if section == "meta" and item == "verdict":
        verdict = next((v for v in rus_model().judgement.verdicts if v.id == value), None)
        return verdict.label.get(lang) if verdict else str(value)
    if section == "checklists":
        return t("portfolio.value_yes" if value == "yes" else "portfolio.value_no", lang)
    if section == "conflicts":
        # "refs | type | origin | method | decision | worked" (see `compare._conflict_text`).
        parts = str(value).split(" | ")
        titles = _model_titles(lang)
        if len(parts) == 6:
            between, ctype, origin, method, decision, worked = parts
            words = [
                " ↔ ".join(ref_label(r.strip(), lang) for r in between.split("↔") if r.strip()),
                titles["type"].get(ctype, ctype),
                t(f"portfolio.value_{origin}", lang) if origin else "",
                titles["method"].get(method, method),
                decision,
                t(f"portfolio.value_{worked}", lang) if worked else "",
            ]
            return " | ".join(w for w in words if w)
        return str(value)
    if section == "measures":
        owner, _, rest = str(value).partition(" | ")
        due, _, status = rest.partition(" | ")
        return " | ".join(
            w for w in (owner, due, t(f"portfolio.value_{status}", lang) if status else "") if w
        )
    if section == "actors":
        role, _, rest = str(value).partition(", ")
        levels, _, presence = rest.partition(", ")
        words = [t(f"portfolio.value_role_{role}", lang), levels, t(f"portfolio.value_{presence}", lang)]
        return ", ".join(words)
    return str(value)


def compare_display(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The comparison (`compare.compare`) for people: sections, items and values in words.

    Items are looked up in their own section only (a meta field is never read as a checklist
    item), empty cells stay empty, headings are translated.
    """
    impacts = _impact_words(lang)
    out = table.copy()
    sections = list(out["section"])
    items = [str(i) for i in out["item"]]
    for side in ("a", "b"):
        out[side] = [
            _compare_value(s, i, v, lang, impacts) for s, i, v in zip(sections, items, out[side], strict=True)
        ]
    out["item"] = [_compare_item(s, i, lang) for s, i in zip(sections, items, strict=True)]
    out["section"] = [t(f"portfolio.section_{s}", lang) for s in sections]
    if "changed" in out.columns:
        out["changed"] = [
            t("portfolio.value_yes" if c else "portfolio.value_no", lang) for c in out["changed"]
        ]
    return localise(out, lang)


def summary_display(summary: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`compare.compare_summary` with section names in words and translated headings."""
    out = summary.copy()
    out["section"] = [t(f"portfolio.section_{s}", lang) for s in out["section"]]
    return localise(out, lang)
