"""Interactions: the assessment's SDG interaction graph with the findings beside it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessment.analysis.figures import interactive_figure
from assessment.analysis.model import Finding
from assessment.ui import findings, labels, state
from assessment.ui.components import icons
from assessment.ui.components.text import md
from assessment.ui.state import tr

SECTIONS = (
    ("direct_conflicts", icons.CONFLICT),
    ("mixed_effects", icons.MIXED),
    ("latent_conflicts", icons.WARNING),
    ("second_order_risks", icons.SECOND_ORDER),
    ("synergies", icons.SYNERGY),
    ("unaddressed", icons.UNADDRESSED),
)


def _finding(finding: Finding) -> None:
    source = md(labels.ref_label(finding.source))
    target = md(labels.ref_label(finding.target))
    if finding.related:
        pair = f"{', '.join(md(labels.ref_label(r)) for r in finding.related)} / {target}"
    elif finding.source == finding.target:
        pair = target
    else:
        pair = f"{source} → {target}"
    via = f" ({tr('via')} {md(labels.ref_label(finding.via))})" if finding.via else ""
    st.markdown(f"**{pair}**{via}")
    st.caption(
        f"{md(finding.explanation)}  \n{tr('source')}: {md(finding.source_text)}"
        if finding.source_text
        else md(finding.explanation)
    )


def findings_list(result_kind_items: dict[str, tuple[Finding, ...]]) -> None:
    for kind, icon in SECTIONS:
        items = result_kind_items.get(kind, ())
        with st.expander(
            f"{icon} {tr('finding.' + kind)} ({len(items)})",
            expanded=bool(items) and kind in ("direct_conflicts", "latent_conflicts"),
        ):
            if not items:
                st.caption(tr("none"))
            for finding in items[:25]:
                _finding(finding)


def render() -> None:
    assessment = state.current()
    assert assessment is not None
    lang = state.lang()
    st.title(tr("page.graph"))
    st.caption(tr("graph_intro"))
    result = findings.findings(assessment)
    # Full width at its own fixed size (about 800 px, 900 in large type): the labels are placed
    # for that size.
    zoom = 1.12 if state.large_type() else 1.0
    st.plotly_chart(
        interactive_figure(assessment, lang, zoom),
        key="interaction_graph",
        config={"displaylogo": False},
        width="content",
    )
    st.subheader(tr("findings"))
    findings_list({kind: getattr(result, kind) for kind, _ in SECTIONS})
    with st.expander(tr("metrics_title")):
        st.caption(tr("metrics_help"))
        rows = [m.to_dict() for m in result.metrics]
        if rows:
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
