"""Screen applications: case officers upload a batch (CSV/XLSX), map its columns if needed, see
flags (the call's requirements) apart from hints (things to consider), write their motivations
and notes, dismiss hints with a reason, and download the results.

Every screening is saved in the store at once, per workspace, with history: a reload, a new
session or another officer opens the same run, and re-screening a corrected file keeps the
officer's work. Thin UI over `assessment.screening`; the CLI is `python -m assessment screen`.
"""

from __future__ import annotations

import time
from typing import Any

import pandas as pd
import streamlit as st

from assessment import formats
from assessment.domain.refs import goal_label
from assessment.errors import UserError, ValidationFailed
from assessment.screening.calls import CallProfile, builtin_calls
from assessment.screening.columns import find_header, map_columns, normalise_header
from assessment.screening.convert import to_assessment
from assessment.screening.demo import demo_csv
from assessment.screening.fields import FIELD_BY_NAME, FIELDS
from assessment.screening.flags import problem_text
from assessment.screening.importer import XLSX_SHEET_NAMES
from assessment.screening.motivation import Drafter
from assessment.screening.outputs import hint_changed_text, output_name, to_bytes
from assessment.screening.progress import Progress, format_count
from assessment.screening.run import OfficerWork, run_screening
from assessment.screening.saved import SavedRun, open_run, save_run, work_from_notes
from assessment.screening.screen import ScreeningResult
from assessment.screening.template import template_bytes
from assessment.spreadsheets.reading import read_table
from assessment.storage import Role
from assessment.ui import state
from assessment.ui.components.screening_views import portfolio_view
from assessment.ui.components.text import md
from assessment.ui.session import get_user
from assessment.ui.store import get_store

RUN_KEY = "_screening_run"  # the open SavedRun
SOURCE_KEY = "_screening_source"  # (file name, bytes, run id to re-screen into or None)
PENDING_KEY = "_screening_pending"  # a file waiting for its column mapping: (name, bytes, rerun id)
CALL_KEY = "_screening_call"  # the chosen call id (canonical; the widget is keyed per language)
TABLE_KEY = "_screening_table"  # cached results table: (run id, version, lang, only flagged) -> frame
_SEVERITY = {"high": st.error, "medium": st.warning, "low": st.info, "info": st.info}
# Notices that change what the results mean are warnings; the rest is information.
_LOUD = {
    "notice_other_call",
    "notice_missing_column_checked",
    "notice_template_example",
    "notice_duplicate_column",
}
NOT_A_FIELD = ""


def t(key: str, /, **params: object) -> str:
    from assessment.i18n import t as translate

    return translate(f"screening.{key}", state.lang(), **params)


def _current() -> SavedRun | None:
    value = st.session_state.get(RUN_KEY)
    return value if isinstance(value, SavedRun) else None


def _adopt(saved: SavedRun) -> None:
    st.session_state[RUN_KEY] = saved
    st.session_state[state.SCREENING_KEY] = saved.run_id
    st.session_state.pop(TABLE_KEY, None)
    state.remember()


def _role(saved: SavedRun) -> Role | None:
    return next((w.role for w in get_store().workspaces(get_user()) if w.id == saved.workspace_id), None)


def _workspace() -> str | None:
    """Where new runs and mappings go: the workspace chosen in the sidebar, else the user's
    first writable one ("default" first)."""
    chosen = st.session_state.get("_workspace")
    if chosen:
        return str(chosen)
    writable = [w.id for w in get_store().workspaces(get_user()) if w.role.allows(Role.editor)]
    return sorted(writable, key=lambda w: (w != "default", w))[0] if writable else None


# --- choosing the call and the file ---------------------------------------------------------


def _call_picker() -> CallProfile:
    calls = builtin_calls()
    lang = state.lang()
    ids = list(calls)
    current = st.session_state.get(CALL_KEY)
    if current not in calls:
        current = ids[0]
    # One widget per language: the options' labels are in the chosen language (review B20).
    call_id = st.selectbox(
        t("ui_call"),
        ids,
        index=ids.index(str(current)),
        key=f"screening_call:{lang}",
        format_func=lambda c: calls[c].name.get(lang),
    )
    st.session_state[CALL_KEY] = call_id
    call = calls[str(call_id)]
    with st.expander(t("ui_call_details")):
        st.markdown(md(call.description.get(lang), single_line=False))
        goals = ", ".join(goal_label(g, lang) for g in call.required_goals)
        st.markdown(f"**{t('ui_required_goals', needed=call.goals_needed)}** {md(goals)}")
        dims = ", ".join(t(f"dim_{d}") for d in call.required_dimensions)
        st.markdown(f"**{t('ui_required_dimensions')}** {md(dims)}")
        st.markdown(f"**{t('ui_questions')}**")
        for question in call.questions:
            label = FIELD_BY_NAME[question.field].label.get(lang)
            st.markdown(f"- {md(question.text.get(lang))} – *{md(label)}*")
    return call


def _template_downloads(call: CallProfile) -> None:
    lang = state.lang()
    c1, c2 = st.columns(2)
    c1.download_button(
        t("ui_template_xlsx"),
        lambda: template_bytes(".xlsx", lang, call),
        file_name=f"ansokningar-mall-{call.id}.xlsx",
        key="screening_tpl_xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
    )
    c2.download_button(
        t("ui_template_csv"),
        lambda: template_bytes(".csv", lang, call),
        file_name=f"ansokningar-mall-{call.id}.csv",
        mime="text/csv",
        key="screening_tpl_csv",
        on_click="ignore",
    )
    st.caption(t("ui_template_help"))


def _source_picker(saved: SavedRun | None) -> None:
    upload = st.file_uploader(t("ui_upload"), type=["csv", "xlsx", "txt"], key="screening_upload")
    columns = st.columns(3)
    if columns[0].button(t("ui_run"), type="primary", disabled=upload is None, key="screening_run"):
        assert upload is not None
        st.session_state[SOURCE_KEY] = (upload.name, upload.getvalue(), None)
    if saved is not None and columns[1].button(
        t("ui_rerun"), disabled=upload is None, key="screening_rerun", help=t("ui_rerun_help")
    ):
        assert upload is not None
        st.session_state[SOURCE_KEY] = (upload.name, upload.getvalue(), saved.run_id)
    if columns[2].button(t("ui_demo"), key="screening_demo"):
        st.session_state[SOURCE_KEY] = ("exempelansokningar.csv", demo_csv(_chosen_call()), None)


def _chosen_call() -> CallProfile:
    calls = builtin_calls()
    return calls.get(str(st.session_state.get(CALL_KEY)), next(iter(calls.values())))


# --- the column mapping step ----------------------------------------------------------------


def _saved_mapping(call: CallProfile) -> dict[str, str]:
    workspace = _workspace()
    return get_store().column_mapping(get_user(), workspace, call.id) if workspace else {}


def _mapping_step(call: CallProfile) -> None:
    """Shown when a file's columns do not all match: one choice per template field."""
    pending = st.session_state.get(PENDING_KEY)
    if not pending:
        return
    name, data, rerun_id = pending
    lang = state.lang()
    try:
        table = read_table(data, name, XLSX_SHEET_NAMES)
    except UserError as err:
        st.error(err.message(lang))
        st.session_state.pop(PENDING_KEY, None)
        return
    saved = _saved_mapping(call)
    header_index = find_header(table.rows, saved)
    header = table.rows[header_index] if table.rows else []
    found = map_columns(header, header_index, saved)
    headers = [h.strip() for h in header if h.strip()]
    with st.container(border=True):
        st.subheader(t("ui_mapping_title"))
        st.caption(t("ui_mapping_help", file=name, row=header_index + 1))
        choices = [NOT_A_FIELD, *headers]
        chosen: dict[str, str] = {}
        for spec in FIELDS:
            current = found.fields.get(spec.name)
            index = choices.index(current.header) if current is not None and current.header in choices else 0
            label = spec.label.get(lang) + (" *" if spec.required else "")
            chosen[spec.name] = str(
                st.selectbox(
                    label,
                    choices,
                    index=index,
                    key=f"screening_map:{spec.name}",
                    # A header is shown shortened; the choice is still the whole header.
                    format_func=lambda h: (h if len(h) <= 80 else h[:79] + "…") or t("ui_mapping_none"),
                    help=spec.help.get(lang),
                )
            )
        c1, c2 = st.columns(2)
        if c1.button(t("ui_mapping_apply"), type="primary", key="screening_map_apply"):
            mapping = {normalise_header(h): NOT_A_FIELD for h in headers}
            mapping.update({normalise_header(h): f for f, h in chosen.items() if h})
            workspace = _workspace()
            if workspace:
                get_store().save_column_mapping(get_user(), workspace, call.id, mapping)
            st.session_state.pop(PENDING_KEY, None)
            st.session_state[SOURCE_KEY] = (name, data, rerun_id)
            st.rerun()
        if c2.button(t("ui_mapping_cancel"), key="screening_map_cancel"):
            st.session_state.pop(PENDING_KEY, None)
            st.rerun()


# --- screening ------------------------------------------------------------------------------


def _screen_pending(call: CallProfile) -> None:
    """Screen the chosen file with a progress bar, save it, and open it."""
    if st.session_state.get("screening_cancel"):
        # The click interrupted the running script (Streamlit reruns at once); nothing was kept.
        st.info(t("cancelled"))
    source = st.session_state.pop(SOURCE_KEY, None)
    if source is None:
        return
    name, data, rerun_id = source
    lang = state.lang()
    cancel_slot = st.empty()
    cancel_slot.button(t("ui_cancel"), key="screening_cancel")
    bar = st.progress(0.0, text=t("ui_starting"))
    last = [0.0]

    def progress(p: Progress) -> None:
        now = time.perf_counter()
        if now - last[0] < 0.15 and p.done != p.total:
            return
        last[0] = now
        text = t(
            "progress_line",
            stage=t(f"stage_{p.stage}"),
            done=format_count(p.done, lang),
            rate=format_count(p.rate, lang),
        )
        bar.progress(p.fraction if p.total else 0.0, text=text)

    mapping = _saved_mapping(call)
    try:
        run = run_screening(data, name, call, mapping=mapping, progress=progress)
        bar.progress(1.0, text=t("ui_saving"))
        saved = save_run(get_store(), get_user(), run, mapping, workspace_id=_workspace(), run_id=rerun_id)
    except ValidationFailed as err:
        bar.empty()
        cancel_slot.empty()
        if any(p.key == "screening.err_missing_columns" for p in err.problems):
            # Not an error the officer can only read: offer to map the columns.
            st.session_state[PENDING_KEY] = (name, data, rerun_id)
            st.warning(err.message(lang))
            return
        st.error(err.message(lang))
        return
    except UserError as err:
        bar.empty()
        cancel_slot.empty()
        st.error(err.message(lang))
        return
    bar.empty()
    cancel_slot.empty()
    _adopt(saved)
    if rerun_id is not None:
        kept = sum(1 for w in saved.run.work.values() if not w.empty)
        changed = sum(1 for app_id in saved.run.work if saved.run.changed_since_edit(app_id))
        state.flash("success", t("ui_rescreened", kept=kept, changed=changed, version=saved.version))


def _restore() -> SavedRun | None:
    """The run to show: the open one, else the one this user had open (reload, new session)."""
    saved = _current()
    if saved is not None:
        return saved
    run_id = st.session_state.get(state.SCREENING_KEY)
    if not run_id:
        return None
    try:
        saved = open_run(get_store(), get_user(), str(run_id))
    except UserError:
        st.session_state.pop(state.SCREENING_KEY, None)
        return None
    st.session_state[RUN_KEY] = saved
    return saved


# --- saved runs and their history -----------------------------------------------------------


def _saved_runs(saved: SavedRun | None) -> None:
    runs = get_store().screening_runs(get_user())
    if not runs:
        return
    lang = state.lang()
    calls = builtin_calls()
    labels = {}
    for r in runs:
        call = calls.get(r.call_id)
        call_name = call.name.get(lang) if call else r.call_id
        stamp = formats.moment(r.updated_at, lang)
        rows = r.summary.get("rows_in", "?")
        labels[r.id] = t(
            "ui_saved_label", file=r.title, call=call_name, when=stamp, by=r.updated_by, rows=rows
        )
    with st.expander(t("ui_saved_runs", count=len(runs)), expanded=saved is None):
        ids = list(labels)
        current = saved.run_id if saved is not None and saved.run_id in labels else ids[0]
        chosen = st.selectbox(
            t("ui_saved_pick"),
            ids,
            index=ids.index(current),
            format_func=labels.__getitem__,
            key="screening_saved",
        )
        if st.button(
            t("ui_saved_open"),
            key="screening_saved_open",
            disabled=saved is not None and chosen == saved.run_id,
        ):
            try:
                _adopt(open_run(get_store(), get_user(), str(chosen)))
            except UserError as err:
                st.error(err.message(lang))
                return
            st.rerun()


def _history(saved: SavedRun) -> None:
    versions = get_store().screening_versions(get_user(), saved.run_id)
    rows = [
        {
            t("ui_hist_version"): v.version,
            t("ui_hist_when"): formats.moment(v.created_at, state.lang()),
            t("ui_hist_who"): v.created_by,
            t("sum_file"): v.file_name,
            t("sum_sha256"): v.file_sha256[:12] + "…",
            t("sum_rows_in"): v.summary.get("rows_in"),
            t("sum_rows_out"): v.summary.get("rows_out"),
            t("sum_rows_rejected"): v.summary.get("rows_rejected"),
        }
        for v in versions
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", placeholder="")
    if len(versions) > 1:
        ids = [v.version for v in versions]
        chosen = st.selectbox(
            t("ui_hist_open"), ids, index=ids.index(saved.version), key="screening_hist_pick"
        )
        if chosen != saved.version and st.button(t("ui_hist_show"), key="screening_hist_show"):
            _adopt(open_run(get_store(), get_user(), saved.run_id, int(chosen)))
            st.rerun()
    st.caption(t("ui_hist_help"))


# --- results --------------------------------------------------------------------------------


def _belongs_to(saved: SavedRun) -> None:
    run = saved.run
    lang = state.lang()
    when = formats.moment(run.screened_at, lang) if run.screened_at else "-"
    st.caption(
        t(
            "ui_belongs_to",
            file=run.file_name,
            sha=run.file_sha256[:12],
            call=run.call.name.get(lang),
            when=when,
            version=saved.version,
            latest=saved.latest_version,
        )
    )
    if saved.version != saved.latest_version:
        st.warning(t("ui_old_version", version=saved.version, latest=saved.latest_version))


def _notices(saved: SavedRun) -> None:
    lang = state.lang()
    for notice in saved.run.imported.notices:
        key = notice.key.removeprefix("screening.")
        (st.warning if key in _LOUD else st.info)(md(problem_text(notice, lang), single_line=False))
    orphaned = saved.run.orphaned_work()
    if orphaned:
        st.warning(t("ui_orphaned", count=len(orphaned), ids=", ".join(orphaned[:10])))


def _accounting(saved: SavedRun) -> None:
    run = saved.run
    portfolio = run.portfolio()
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("sum_rows_in"), run.rows_in)
    c2.metric(t("sum_rows_out"), run.rows_out)
    c3.metric(t("sum_rows_rejected"), run.rows_rejected)
    c4.metric(t("sum_flagged_share"), f"{round(100 * portfolio.flagged_share)} %" if portfolio.count else "–")
    st.caption(
        t(
            "accounting",
            rows_in=run.rows_in,
            rows_out=run.rows_out,
            rejected=run.rows_rejected,
            blank=run.imported.blank_rows,
        )
    )
    if run.rejected:
        with st.expander(t("ui_rejected", count=run.rows_rejected), expanded=len(run.rejected) <= 20):
            lines = [m for r in run.rejected for m in r.messages(state.lang())]
            st.text("\n".join(lines[:2000]))


def _table(saved: SavedRun, only_flagged: bool) -> pd.DataFrame:
    lang = state.lang()
    key = (saved.run_id, saved.version, lang, only_flagged)
    cached = st.session_state.get(TABLE_KEY)
    if cached and cached[0] == key:
        return cached[1]  # type: ignore[no-any-return]
    records = []
    for r in saved.run.results:
        if only_flagged and not r.flags:
            continue
        app = r.application
        records.append(
            {
                t("col_row"): app.row,
                t("col_id"): app.id,
                t("col_applicant"): app.applicant,
                t("col_municipality"): app.municipality,
                t("col_title"): app.title,
                t("col_completeness"): r.completeness,
                t("col_flag_count"): len(r.flags),
                t("col_flags"): "; ".join(dict.fromkeys(f.label(lang) for f in r.flags)),
                t("col_hint_count"): len(r.hints),
            }
        )
    frame = pd.DataFrame.from_records(records)
    st.session_state[TABLE_KEY] = (key, frame)
    return frame


def _save_note(saved: SavedRun, result: ScreeningResult, **changes: Any) -> None:
    """Write the officer's change to the store at once and adopt what was stored."""
    app = result.application
    work = saved.run.work.get(app.id, OfficerWork())
    try:
        outcome = get_store().save_screening_note(
            get_user(),
            saved.run_id,
            app.id,
            fingerprint=app.fingerprint,
            base_revision=work.revision,
            **changes,
        )
    except UserError as err:
        state.flash("error", err.message(state.lang()))
        return
    saved.run.work.update(work_from_notes({app.id: outcome.note}))
    if outcome.replaced is not None:
        state.flash(
            "warning",
            t(
                "ui_note_replaced",
                who=outcome.replaced.updated_by,
                when=formats.clock(outcome.replaced.updated_at, state.lang()),
            ),
        )


def _key(saved: SavedRun, app_id: str, part: str) -> str:
    # The run and version are in the key: after a re-screen no widget keeps showing a value
    # from the previous version (review B1).
    return f"scr:{saved.run_id}:{saved.version}:{app_id}:{state.lang()}:{part}"


@st.fragment
def _detail(saved: SavedRun) -> None:
    """One application: its flags, hints, texts and the officer's editor. A fragment: an edit
    reruns only this part, not the table of every application."""
    run = saved.run
    titles = {r.application.id: f"{r.application.id} – {r.application.title}" for r in run.results}
    if not titles:
        return
    ids = list(titles)
    chosen = st.selectbox(
        t("ui_pick"), ids, key=f"screening_pick:{saved.run_id}", format_func=titles.__getitem__
    )
    result = run.result(str(chosen))
    if result is None:
        return
    app = result.application
    lang = state.lang()
    editable = _role(saved) in (Role.editor, Role.admin)
    state.show_flashes()
    # Plain text: user text never goes through Markdown (":-1:" would even become an emoji).
    st.text(f"{app.title} — {app.applicant}, {app.municipality}")
    st.caption(
        t(
            "ui_scores",
            completeness=result.completeness,
            goals=round(100 * result.goals_score),
            dims=round(100 * result.dimensions_score),
            questions=round(100 * result.questions_score),
        )
    )
    if run.changed_since_edit(app.id):
        st.warning(t("ui_changed_since_edit"))
    st.markdown(f"**{t('ui_flags_heading')}**")
    if not result.flags:
        st.success(t("ui_no_flags"))
    for flag in result.flags:
        _SEVERITY[flag.severity](f"**{md(flag.label(lang))}** – {md(flag.reason(lang), single_line=False)}")
    _hints(saved, result, editable)
    with st.expander(t("ui_application_texts")):
        if app.claims:
            st.text(f"{t('col_sdg_claims')}: {app.claims_text()}")
        for name, text in app.texts.items():
            st.text(f"{FIELD_BY_NAME[name].label.get(lang)}: {text}")
        for note in app.notes:
            st.caption(problem_text(note, lang))
    _editor(saved, result, editable)
    if st.button(t("ui_open_full"), key=f"screening_open:{app.id}"):
        assessment = to_assessment(app, run.call, run.imported.file, lang)
        try:
            state.create(assessment, "rus")
        except UserError as err:
            st.error(err.message(lang))
            return
        st.rerun(scope="app")


def _hints(saved: SavedRun, result: ScreeningResult, editable: bool) -> None:
    if not result.hints:
        return
    lang = state.lang()
    app = result.application
    dismissed = saved.run.dismissed(app.id)
    hints = saved.run.hint_state(result)
    st.markdown(f"**{t('ui_hints_heading')}**")
    st.caption(t("ui_hints_help"))
    for hint in hints.open:
        with st.container(border=True):
            st.info(md(hint.reason(lang), single_line=False), icon=":material/lightbulb:")
            if hint.key in hints.changed:
                # Dismissed once against another score of the cell: the reason may no longer hold.
                st.warning(md(hint_changed_text(hints.changed[hint.key], hint, lang), single_line=False))
            if editable:
                c1, c2 = st.columns([3, 1])
                why = _key(saved, app.id, f"why:{hint.key}")
                reason = c1.text_input(
                    t("ui_dismiss_reason"), key=why, placeholder=t("ui_dismiss_placeholder")
                )

                def dismiss(hint_key: str = hint.key, why: str = why, score: int | None = hint.score) -> None:
                    text = str(st.session_state.get(why, "")).strip()
                    if text:
                        _save_note(saved, result, dismiss={hint_key: text}, dismiss_scores={hint_key: score})

                c2.button(
                    t("ui_dismiss"),
                    key=_key(saved, app.id, f"dismiss:{hint.key}"),
                    disabled=not reason.strip(),
                    on_click=dismiss,
                )
    gone = hints.dismissed
    if gone:
        with st.expander(t("ui_dismissed", count=len(gone))):
            for hint in gone:
                d = dismissed[hint.key]
                st.caption(md(hint.reason(lang), single_line=False))
                st.text(
                    t(
                        "hint_dismissed",
                        by=d.by,
                        at=formats.moment(d.at, lang),
                        reason=d.reason,
                    )
                )
                if editable:
                    st.button(
                        t("ui_undismiss"),
                        key=_key(saved, app.id, f"undo:{hint.key}"),
                        on_click=_save_note,
                        args=(saved, result),
                        kwargs={"dismiss": {hint.key: None}},
                    )


def _editor(saved: SavedRun, result: ScreeningResult, editable: bool) -> None:
    app = result.application
    lang = state.lang()
    work = saved.run.work.get(app.id, OfficerWork())
    drafter = Drafter(saved.run.call, lang)
    draft = drafter.draft(result)
    key = _key(saved, app.id, "motivation")
    notes_key = _key(saved, app.id, "notes")
    if key not in st.session_state:
        st.session_state[key] = work.motivation if work.motivation is not None else draft
    if notes_key not in st.session_state:
        st.session_state[notes_key] = work.notes

    def keep_motivation() -> None:
        text = str(st.session_state.get(key, ""))
        # An unchanged draft or an emptied box means "use the draft", never a blank decision.
        value = None if not text.strip() or text == draft else text
        _save_note(saved, result, motivation=value)

    def keep_notes() -> None:
        _save_note(saved, result, notes=str(st.session_state.get(notes_key, "")))

    st.text_area(
        t("ui_motivation"),
        key=key,
        height=200,
        on_change=keep_motivation,
        disabled=not editable,
        help=t("ui_motivation_help"),
    )
    status = (
        t(
            "ui_motivation_edited",
            by=work.updated_by,
            at=formats.moment(work.updated_at, lang),
        )
        if work.motivation is not None and work.updated_at is not None
        else t("ui_motivation_draft")
    )
    st.caption(status)

    def back_to_draft() -> None:
        _save_note(saved, result, motivation=None)
        st.session_state[key] = draft

    if editable and work.motivation is not None:
        st.button(t("ui_back_to_draft"), key=_key(saved, app.id, "reset"), on_click=back_to_draft)
    with st.expander(t("ui_check_notes"), expanded=bool(result.flags)):
        held = [h.key for h in saved.run.hint_state(result).dismissed]
        st.text(drafter.notes(result, held) or t("ui_no_flags"))
    st.text_area(
        t("ui_officer_notes"), key=notes_key, height=100, on_change=keep_notes, disabled=not editable
    )


def _downloads(saved: SavedRun) -> None:
    lang = state.lang()
    run = saved.run
    c1, c2, c3 = st.columns(3)
    # Built when clicked, never on every rerun: each edit stays fast (review: 8 s per edit).
    c1.download_button(
        t("ui_download_xlsx"),
        lambda: to_bytes(run, ".xlsx", lang),
        file_name=output_name(run, ".xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="screening_dl_xlsx",
        on_click="ignore",
    )
    c2.download_button(
        t("ui_download_csv"),
        lambda: to_bytes(run, ".csv", lang),
        file_name=output_name(run, ".csv"),
        mime="text/csv",
        key="screening_dl_csv",
        on_click="ignore",
    )
    c3.download_button(
        t("ui_download_pdf"),
        lambda: to_bytes(run, ".pdf", lang),
        file_name=output_name(run, ".pdf"),
        mime="application/pdf",
        key="screening_dl_pdf",
        on_click="ignore",
    )
    st.caption(t("ui_downloads_help"))


def render() -> None:
    st.header(t("ui_title"))
    st.caption(t("ui_intro"))
    try:
        call = _call_picker()
    except UserError as err:
        # A broken call-profile file is shown with its path, not as a crash.
        st.error(err.message(state.lang()))
        return
    saved = _restore()
    _saved_runs(saved)
    _template_downloads(call)
    _source_picker(saved)
    _screen_pending(call)
    _mapping_step(call)
    saved = _current()
    if saved is None:
        st.info(t("ui_empty"))
        return
    state.show_flashes()
    if saved.run.call.id != call.id:
        st.warning(t("ui_other_call", call=saved.run.call.name.get(state.lang())))
    _belongs_to(saved)
    _notices(saved)
    _accounting(saved)
    tabs = st.tabs([t("ui_tab_results"), t("ui_tab_portfolio"), t("ui_tab_download"), t("ui_tab_history")])
    with tabs[0]:
        only_flagged = st.toggle(
            t("ui_only_flagged"), key="screening_only_flagged", help=t("ui_only_flagged_help")
        )
        st.dataframe(_table(saved, only_flagged), hide_index=True, width="stretch", placeholder="")
        _detail(saved)
    with tabs[1]:
        labels = {s.id: s.label.get(state.lang()) for s in saved.run.call.support_types}
        portfolio_view(saved.run.portfolio(), state.lang(), labels)
    with tabs[2]:
        _downloads(saved)
    with tabs[3]:
        _history(saved)
