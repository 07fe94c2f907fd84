"""The app in server mode, driven through AppTest: logins (local and OIDC), workspaces, history,
share codes, two people editing the same field, and the live view picking up another session's
change. Embedded mode (no ASSESSMENT_AUTH) must stay login-free."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from assessment.domain import Assessment, Kind
from assessment.errors import AccessDenied
from assessment.storage import Role, Store, User, access, open_store

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "streamlit_app.py")
PASSWORD = "workshop-Krokom-2026"
HOSTILE_NAME = "Anna <b>&amp;</b> Ŋđčŧï"


@dataclass
class Site:
    store: Store
    root: User
    anna: User  # editor in krokom (the facilitator)
    bo: User  # editor in are only
    vera: User  # viewer in krokom
    krokom_id: str  # an assessment in krokom
    are_id: str  # an assessment in are


def plan(title: str) -> Assessment:
    return Assessment(
        title=title,
        kind=Kind.project,
        organisation="Region JH",
        municipalities=["Krokom"],
        date=dt.date(2026, 3, 1),
    )


# Tests that concern concurrent sessions also run against a real PostgreSQL (tests/conftest.py).
BOTH_BACKENDS = pytest.mark.parametrize(
    "site", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)


@pytest.fixture
def site(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    monkeypatch.setenv("ASSESSMENT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("ASSESSMENT_LIVE", raising=False)
    monkeypatch.setenv("ASSESSMENT_AUTH", "local")
    postgres, url = None, None
    if getattr(request, "param", "sqlite") == "postgres":
        postgres = request.getfixturevalue("postgres_server")
        url = postgres.create_database()
        monkeypatch.setenv("DATABASE_URL", url)
    store = open_store(url)
    root = store.local_user()  # site admin without a password: it cannot log in
    store.create_workspace(root, "krokom", "Krokoms kommun")
    store.create_workspace(root, "are", "Åre kommun")
    anna = store.add_user(root, "anna", HOSTILE_NAME, password=PASSWORD)
    bo = store.add_user(root, "bo", "Bo", password=PASSWORD)
    vera = store.add_user(root, "vera", "Vera", password=PASSWORD)
    store.grant(root, "krokom", "anna", Role.editor)
    store.grant(root, "krokom", "vera", Role.viewer)
    store.grant(root, "are", "bo", Role.editor)
    krokom = store.create(root, plan("Krokomsplanen"), "krokom")
    are = store.create(root, plan("Årepaketet"), "are")
    try:
        yield Site(store, root, anna, bo, vera, krokom.id, are.id)
    finally:
        store.close()
        if postgres is not None and url is not None:
            postgres.drop_database(url)  # also ends the app's cached connections


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def session() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert_clean(at)
    return at


def login(at: AppTest, username: str, password: str = PASSWORD) -> None:
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(password)
    at.button(key="FormSubmitter:login-Logga in").click().run()
    assert_clean(at)


def _is_nav(key: str | None) -> bool:
    # The app's page radio: keyed "nav_page", or "nav:<labels digest>:<n>" (keys follow labels).
    return key == "nav_page" or (key or "").startswith("nav:")


def has_nav(at: AppTest) -> bool:
    return any(_is_nav(r.key) for r in at.radio)


def goto(at: AppTest, page: str) -> None:
    next(r for r in at.sidebar.radio if _is_nav(r.key)).set_value(page).run()
    assert_clean(at)
    assert at.session_state["nav_page"] == page


def k(at: AppTest, *parts: object) -> str:
    return f"w{at.session_state['_gen']}:" + ":".join(str(p) for p in parts)


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [e.value for e in at.error] + [w.value for w in at.warning]
    parts += [i.value for i in at.info] + [s.value for s in at.success] + [c.value for c in at.caption]
    parts += [t.value for t in at.text]
    return "\n".join(str(p) for p in parts)


def open_for(site: Site, user: User, assessment_id: str, page: str) -> None:
    """Where the user left off (what the app resumes after login)."""
    site.store.set_ui_state(user, {"assessment_id": assessment_id, "page": page})


# -- logins ----------------------------------------------------------------------------------------


def test_local_login_is_required_and_wrong_passwords_are_refused(site: Site) -> None:
    at = session()
    assert not has_nav(at), "nothing of the app before login"
    assert "_assessment" not in at.session_state
    assert (
        at.text_input(key="login_password").proto.type == at.text_input(key="login_password").proto.PASSWORD
    )

    login(at, "anna", "not-the-password")
    assert "Fel användarnamn eller lösenord." in texts(at)
    assert not has_nav(at)
    assert at.text_input(key="login_password").value == "", "a refused password is not kept"

    login(at, "nobody", PASSWORD)
    assert "Fel användarnamn eller lösenord." in texts(at)
    login(at, "local", "")  # the embedded user has no password and cannot be used here
    assert not has_nav(at)

    login(at, "anna")
    assert has_nav(at)
    assert at.session_state["_user"].username == "anna"
    # The display name is shown as text, never as markup.
    assert any("Inloggad som" in c.value and "\\<b\\>" in c.value for c in at.sidebar.caption)

    at.sidebar.button(key="logout").click().run()
    assert_clean(at)
    assert not has_nav(at)
    assert "_user" not in at.session_state


def test_user_sees_only_assessments_of_own_workspaces(site: Site) -> None:
    # Even a view state pointing at another workspace's assessment does not open it.
    open_for(site, site.anna, site.are_id, "rus")
    at = session()
    login(at, "anna")
    assert "_assessment" not in at.session_state
    assert at.session_state["nav_page"] == "start"
    listed = texts(at)
    assert "Krokomsplanen" in listed
    assert "Årepaketet" not in listed
    open_buttons = {b.key for b in at.button if b.key and b.key.startswith("open:")}
    assert open_buttons == {f"open:{site.krokom_id}"}

    goto(at, "share")
    shown = at.dataframe[0].value
    assert list(shown.iloc[:, 1]) == ["krokom"]


def test_embedded_mode_has_no_login_and_no_live_view(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSESSMENT_DATA_DIR", str(tmp_path / "own"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("ASSESSMENT_AUTH", "none")
    at = session()
    assert has_nav(at)
    assert not any(t.key == "login_username" for t in at.text_input)
    assert not any(t.key == "live_view" for t in at.toggle)
    assert not any(b.key == "logout" for b in at.button)
    # Running without logins is visible, not silent.
    assert "Utan inloggning (ASSESSMENT_AUTH=none)" in " ".join(c.value for c in at.sidebar.caption)
    # The one local user is the admin of its own store: it makes the backup.
    goto(at, "share")
    assert "Ladda ner säkerhetskopia (ZIP)" in [b.proto.label for b in at.get("download_button")]


@pytest.mark.parametrize("value", [None, "", "locale", "1", "true", "ldap", "embedded"])
def test_unknown_or_unset_auth_serves_nothing(
    site: Site, monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    """Fail closed: a typo must never turn logins off (with 'locale' an anonymous visitor used to
    see two workspaces' confidential assessments)."""
    if value is None:
        monkeypatch.delenv("ASSESSMENT_AUTH")
    else:
        monkeypatch.setenv("ASSESSMENT_AUTH", value)
    at = session()
    assert_clean(at)
    assert not has_nav(at)
    shown = texts(at)
    assert "Appen startas inte" in shown and "ASSESSMENT_AUTH" in shown
    assert "Krokomsplanen" not in shown and "Årepaketet" not in shown
    assert not any(t.key == "login_username" for t in at.text_input)


def test_no_login_is_refused_for_a_shared_store(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store with accounts and several workspaces is never served without logins."""
    monkeypatch.setenv("ASSESSMENT_AUTH", "none")
    at = session()
    assert_clean(at)
    assert not has_nav(at)
    shown = texts(at)
    assert "databasen har användarkonton" in shown
    assert "Krokomsplanen" not in shown and "Årepaketet" not in shown


def test_oidc_login_maps_the_identity_to_a_stored_user(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSESSMENT_AUTH", "oidc")
    unconfigured = AppTest.from_file(APP, default_timeout=90)
    unconfigured.user = {"is_logged_in": False}
    unconfigured.run()
    assert_clean(unconfigured)
    assert not has_nav(unconfigured)
    assert "avsnittet [auth] saknas" in texts(unconfigured)

    at = AppTest.from_file(APP, default_timeout=90)
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "test",
        "client_id": "x",
        "client_secret": "y",
        "server_metadata_url": "https://idp.example/.well-known/openid-configuration",
    }
    at.user = {"is_logged_in": False}
    at.run()
    assert_clean(at)
    assert not has_nav(at)
    assert any(b.key == "login_oidc" for b in at.button)

    at.user = {
        "is_logged_in": True,
        "iss": "https://idp.example",
        "sub": "u-17",
        "email": "Eva@Example.se",
        "email_verified": True,
        "name": "Eva",
    }
    at.run()
    assert_clean(at)
    assert has_nav(at)
    # The domain is case-insensitive, the local part is kept as the provider sends it.
    assert at.session_state["_user"].username == "Eva@example.se"
    goto(at, "share")
    assert "Du tillhör ingen arbetsyta ännu." in texts(at)

    # Another identity in the same session starts from a clean session.
    at.session_state["_share_last_code"] = ("x", "ABCDE-FGHJK", "editor", dt.datetime.now(dt.UTC))
    at.user = {
        "is_logged_in": True,
        "iss": "https://idp.example",
        "sub": "u-18",
        "email": "olle@example.se",
        "email_verified": True,
        "name": "Olle",
    }
    at.run()
    assert_clean(at)
    assert at.session_state["_user"].username == "olle@example.se"
    assert "_share_last_code" not in at.session_state

    at.user = {"is_logged_in": False}  # the identity cookie is gone
    at.run()
    assert_clean(at)
    assert not has_nav(at)


# -- history ---------------------------------------------------------------------------------------


@BOTH_BACKENDS
def test_history_lists_revisions_compares_and_restores(site: Site) -> None:
    store = site.store
    first = store.get(site.anna, site.krokom_id)
    renamed = first.assessment.model_copy(update={"title": "Krokomsplanen, reviderad"})
    store.save(site.anna, site.krokom_id, renamed, first.version)
    open_for(site, site.anna, site.krokom_id, "history")

    at = session()
    login(at, "anna")
    assert at.session_state["nav_page"] == "history"
    table = at.dataframe[0].value
    assert list(table.iloc[:, 0]) == [2, 1]
    assert list(table.iloc[:, 2]) == ["anna", "local"]
    diff = at.dataframe[1].value
    assert list(diff.iloc[:, 0]) == ["Titel"]
    assert list(diff.iloc[:, 1]) == ["Krokomsplanen"]
    assert list(diff.iloc[:, 2]) == ["Krokomsplanen, reviderad"]

    at.selectbox(key="history_restore").select(1).run()
    at.button(key="history_restore_go").click().run()
    assert_clean(at)
    now = store.get(site.anna, site.krokom_id)
    assert now.version == 3
    assert now.assessment.title == "Krokomsplanen"
    assert at.session_state["_assessment_version"] == 3
    assert at.session_state["_assessment"].title == "Krokomsplanen"
    assert list(at.dataframe[0].value.iloc[:, 0]) == [3, 2, 1]
    assert "återställd från version 1" in at.dataframe[0].value.iloc[0, 3]


def test_viewer_sees_history_but_cannot_restore(site: Site) -> None:
    first = site.store.get(site.anna, site.krokom_id)
    site.store.save(
        site.anna, site.krokom_id, first.assessment.model_copy(update={"title": "Ny titel"}), first.version
    )
    open_for(site, site.vera, site.krokom_id, "history")
    at = session()
    login(at, "vera")
    assert at.button(key="history_restore_go").disabled
    assert site.store.version(site.vera, site.krokom_id) == 2


# -- share codes -----------------------------------------------------------------------------------


@BOTH_BACKENDS
def test_share_code_created_in_the_app_lets_a_participant_join_and_expired_codes_are_refused(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_for(site, site.anna, site.krokom_id, "share")
    facilitator = session()
    login(facilitator, "anna")
    facilitator.radio(key="share_role").set_value(Role.editor)
    facilitator.selectbox(key="share_hours").set_value(2)
    facilitator.button(key="FormSubmitter:share_form-Skapa kod").click().run()
    assert_clean(facilitator)
    assessment_id, code, role, expires = facilitator.session_state["_share_last_code"]
    assert assessment_id == site.krokom_id and role == "editor"
    assert dt.timedelta(hours=1, minutes=59) < expires - dt.datetime.now(dt.UTC) <= dt.timedelta(hours=2)
    assert any(c.value == code for c in facilitator.code)

    expired = site.store.create_share(
        site.anna, site.krokom_id, Role.editor, dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    )
    # The store's clock, two minutes on (no sleeping): the code has expired, the logins have not.
    later = access.now() + dt.timedelta(minutes=2)
    monkeypatch.setattr(access, "now", lambda: later)

    participant = session()
    login(participant, "bo")
    goto(participant, "share")
    participant.text_input(key="join_code").input(expired)
    participant.button(key="FormSubmitter:join_form-Gå med").click().run()
    assert_clean(participant)
    assert "Koden har gått ut." in texts(participant)
    assert "_assessment_id" not in participant.session_state
    participant.text_input(key="join_code").input("AAAAA-BBBBB")
    participant.button(key="FormSubmitter:join_form-Gå med").click().run()
    assert "Koden är ogiltig." in texts(participant)

    participant.text_input(key="join_code").input(code.lower())
    participant.button(key="FormSubmitter:join_form-Gå med").click().run()
    assert_clean(participant)
    assert participant.session_state["_assessment_id"] == site.krokom_id
    assert participant.session_state["nav_page"] == "rus"
    assert site.store.get(site.bo, site.krokom_id).role is Role.editor


def test_join_link_logs_in_and_opens_the_assessment(site: Site) -> None:
    code = site.store.create_share(
        site.anna, site.krokom_id, Role.viewer, dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    )
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["join"] = code
    at.run()
    login(at, "bo")
    assert at.session_state["_assessment_id"] == site.krokom_id
    assert at.session_state["nav_page"] == "rus"
    assert site.store.get(site.bo, site.krokom_id).role is Role.viewer


def test_facilitator_sees_live_codes_and_ends_them_in_the_app(site: Site) -> None:
    """Revocation from the UI: the share page lists the open assessment's codes and participants;
    ending a code or removing a participant takes the access away at once."""
    soon = dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)
    workshop = site.store.create_share(site.anna, site.krokom_id, Role.editor, soon)
    site.store.redeem_share(site.bo, workshop)
    readers = site.store.create_share(site.anna, site.krokom_id, Role.viewer, soon)
    open_for(site, site.anna, site.krokom_id, "share")
    at = session()
    login(at, "anna")
    assert "Aktiva delningskoder" in [h.value for h in at.subheader]
    shares = site.store.shares(site.anna, site.krokom_id)
    assert len(shares) == 2
    assert at.dataframe[0].value.shape[0] == 2  # the codes
    assert list(at.dataframe[1].value.iloc[:, 0]) == ["bo"]  # the participants
    workshop_id = next(s.id for s in shares if s.role is Role.editor)
    at.button(key=f"end_share:{workshop_id}").click().run()
    assert_clean(at)
    assert "1 deltagare har inte längre åtkomst" in texts(at)
    with pytest.raises(AccessDenied):
        site.store.get(site.bo, site.krokom_id)
    with pytest.raises(AccessDenied):
        site.store.redeem_share(site.bo, workshop)

    site.store.redeem_share(site.bo, readers)
    at.run()
    at.button(key="remove_participant:bo").click().run()
    assert_clean(at)
    with pytest.raises(AccessDenied):
        site.store.get(site.bo, site.krokom_id)
    at.button(key="end_all_sharing").click().run()
    assert_clean(at)
    assert site.store.shares(site.anna, site.krokom_id) == []
    with pytest.raises(AccessDenied):
        site.store.redeem_share(site.bo, readers)


def test_participant_does_not_see_the_share_management(site: Site) -> None:
    code = site.store.create_share(
        site.anna, site.krokom_id, Role.editor, dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    )
    site.store.redeem_share(site.bo, code)
    open_for(site, site.bo, site.krokom_id, "share")
    at = session()
    login(at, "bo")
    assert at.session_state["_assessment_id"] == site.krokom_id
    assert "Aktiva delningskoder" not in [h.value for h in at.subheader]
    assert not any((b.key or "").startswith(("end_share:", "remove_participant:")) for b in at.button)


# -- two people at once ----------------------------------------------------------------------------


def two_sessions_on_krokom(site: Site) -> tuple[AppTest, AppTest]:
    site.store.grant(site.root, "krokom", "bo", Role.editor)
    open_for(site, site.anna, site.krokom_id, "rus")
    open_for(site, site.bo, site.krokom_id, "rus")
    anna = session()
    login(anna, "anna")
    bo = session()
    login(bo, "bo")
    assert anna.session_state["_assessment_version"] == bo.session_state["_assessment_version"] == 1
    return anna, bo


@BOTH_BACKENDS
def test_same_field_edited_by_two_people_shows_the_later_writer_both_values(site: Site) -> None:
    anna, bo = two_sessions_on_krokom(site)
    anna.text_area(key=k(anna, "rus", "p1", "comment")).input("Annas motivering").run()
    assert_clean(anna)
    bo.text_area(key=k(bo, "rus", "p1", "comment")).input("Bos motivering <b>&</b>").run()
    assert_clean(bo)

    stored = site.store.get(site.root, site.krokom_id).assessment
    assert stored.rus[0].comment == "Annas motivering", "the first save is never overwritten"
    assert "Någon annan ändrade samma uppgift" in texts(bo)
    values = [t.value for t in bo.text]
    assert "Bos motivering <b>&</b>" in values and "Annas motivering" in values
    assert bo.session_state["_assessment"].rus[0].comment == "Annas motivering"

    bo.button(key="conflict_mine:0").click().run()
    assert_clean(bo)
    stored = site.store.get(site.root, site.krokom_id)
    assert stored.assessment.rus[0].comment == "Bos motivering <b>&</b>"
    assert bo.session_state["_assessment_version"] == stored.version
    assert not any(b.key == "conflict_mine:0" for b in bo.button)


def test_conflict_notice_can_be_dismissed_keeping_the_saved_value(site: Site) -> None:
    anna, bo = two_sessions_on_krokom(site)
    anna.text_area(key=k(anna, "rus", "p1", "comment")).input("Först").run()
    bo.text_area(key=k(bo, "rus", "p1", "comment")).input("Sedan").run()
    bo.button(key="conflict_keep:0").click().run()
    assert_clean(bo)
    assert not any(b.key == "conflict_keep:0" for b in bo.button)
    assert site.store.get(site.root, site.krokom_id).assessment.rus[0].comment == "Först"


@BOTH_BACKENDS
def test_live_view_picks_up_another_sessions_change(site: Site) -> None:
    anna, bo = two_sessions_on_krokom(site)
    assert anna.toggle(key="live_view").value is True
    bo.text_area(key=k(bo, "rus", "p1", "comment")).input("Tillagt av Bo").run()
    assert_clean(bo)
    assert site.store.version(site.anna, site.krokom_id) == 2

    anna.run()  # what the fragment's timer does every few seconds
    assert_clean(anna)
    assert anna.session_state["_assessment_version"] == 2
    assert anna.session_state["_assessment"].rus[0].comment == "Tillagt av Bo"
    assert anna.text_area(key=k(anna, "rus", "p1", "comment")).value == "Tillagt av Bo"

    # Switched off, the page stays as it is until the user acts.
    anna.toggle(key="live_view").set_value(False).run()
    bo.text_area(key=k(bo, "rus", "p1", "comment")).input("Ändrat igen").run()
    anna.run()
    assert anna.session_state["_assessment_version"] == 2


@BOTH_BACKENDS
def test_share_code_participant_chooses_when_to_see_others_changes(site: Site) -> None:
    code = site.store.create_share(
        site.anna, site.krokom_id, Role.editor, dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)
    )
    open_for(site, site.anna, site.krokom_id, "rus")
    anna = session()
    login(anna, "anna")
    participant = AppTest.from_file(APP, default_timeout=90)
    participant.query_params["join"] = code
    participant.run()
    login(participant, "bo")
    assert participant.session_state["_assessment_id"] == site.krokom_id
    # A participant's page is not redrawn under their fingers; the facilitator's is.
    assert participant.toggle(key="live_view").value is False
    assert anna.toggle(key="live_view").value is True
    assert not any(b.key == "live_show_changes" for b in participant.button)

    anna.text_area(key=k(anna, "rus", "p1", "comment")).input("Från processledaren").run()
    participant.run()
    assert_clean(participant)
    assert participant.session_state["_assessment_version"] == 1
    show = participant.button(key="live_show_changes")
    assert show.label == "1 ny ändring – visa"  # singular form (plural rules)
    show.click().run()
    assert_clean(participant)
    assert participant.session_state["_assessment_version"] == 2
    assert participant.session_state["_assessment"].rus[0].comment == "Från processledaren"
    assert not any(b.key == "live_show_changes" for b in participant.button)


def test_new_assessments_go_to_the_workspace_chosen_in_the_sidebar(site: Site) -> None:
    site.store.grant(site.root, "are", "anna", Role.editor)
    at = session()
    login(at, "anna")
    choice = at.sidebar.selectbox(key="workspace_choice")
    assert choice.options == ["Krokoms kommun", "Åre kommun"]
    choice.select("are").run()
    at.text_input(key="new_title").input("Cykelled Åre–Duved")
    at.button(key="FormSubmitter:new_assessment-Skapa och börja med steg 1").click().run()
    assert_clean(at)
    created = site.store.get(site.anna, at.session_state["_assessment_id"])
    assert created.workspace_id == "are"
    assert created.assessment.title == "Cykelled Åre–Duved"


def test_a_single_workspace_needs_no_choice(site: Site) -> None:
    at = session()
    login(at, "anna")
    assert not any(s.key == "workspace_choice" for s in at.selectbox)
    at.text_input(key="new_title").input("Vindkraft")
    at.button(key="FormSubmitter:new_assessment-Skapa och börja med steg 1").click().run()
    assert_clean(at)
    assert site.store.get(site.anna, at.session_state["_assessment_id"]).workspace_id == "krokom"


def test_workspace_admin_adds_and_removes_members(site: Site) -> None:
    site.store.grant(site.root, "krokom", "anna", Role.admin)
    at = session()
    login(at, "anna")
    goto(at, "share")
    at.text_input(key="member_name:krokom").input("cecilia")
    at.selectbox(key="member_role:krokom").select(Role.editor)
    at.text_input(key="member_password:krokom").input("cecilias-losenord-1")
    at.button(key="FormSubmitter:member_form:krokom-Spara medlem").click().run()
    assert_clean(at)
    assert "cecilia är uppdaterad." in texts(at)
    cecilia = site.store.authenticate_local("cecilia", "cecilias-losenord-1")
    assert site.store.workspaces(cecilia)[0].role is Role.editor
    assert at.text_input(key="member_password:krokom").value == "", "no password stays on screen"

    at.text_input(key="member_name:krokom").input("vera")
    at.selectbox(key="member_role:krokom").select("remove")
    at.button(key="FormSubmitter:member_form:krokom-Spara medlem").click().run()
    assert_clean(at)
    assert site.store.workspaces(site.vera) == []

    # An editor is not offered member management, and the store refuses it anyway.
    editor = session()
    login(editor, "bo")
    goto(editor, "share")
    assert not any((t.key or "").startswith("member_name:") for t in editor.text_input)
    with pytest.raises(AccessDenied):
        site.store.grant(site.bo, "are", "vera", Role.editor)


BACKUP = "Ladda ner säkerhetskopia (ZIP)"


def test_backup_is_offered_to_workspace_admins_only(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    # The button builds the archive when pressed (a deferred download): keep what it would run.
    deferred: dict[str, Callable[[], object]] = {}
    add_deferred = MediaFileManager.add_deferred

    def record(
        self: MediaFileManager, data: Any, mimetype: Any, coordinates: str, file_name: Any = None, **kw: Any
    ) -> str:
        deferred[str(file_name)] = data
        return add_deferred(self, data, mimetype, coordinates, file_name, **kw)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    site.store.grant(site.root, "krokom", "anna", Role.admin)
    at = session()
    login(at, "anna")
    goto(at, "share")
    assert [b.proto.label for b in at.get("download_button")] == [BACKUP]
    ((name, build),) = [(n, b) for n, b in deferred.items() if n.startswith("arbetsyta-")]
    assert name == f"arbetsyta-krokom-{dt.date.today().isoformat()}.zip"
    data = build()
    assert isinstance(data, bytes)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
    assert [n for n in names if n.startswith("assessments/")] == [f"assessments/{site.krokom_id}.yaml"]
    assert f"revisions/{site.krokom_id}/1.yaml" in names  # with its history

    # An editor (bo, of Åre) and a viewer (vera, of Krokom) are not offered it; the store refuses.
    for username in ("bo", "vera"):
        other = session()
        login(other, username)
        goto(other, "share")
        assert BACKUP not in [b.proto.label for b in other.get("download_button")]
    for user, workspace in ((site.bo, "are"), (site.vera, "krokom")):
        with pytest.raises(AccessDenied):
            site.store.export_workspace(user, workspace)


def test_oidc_identity_claiming_someone_elses_address_is_refused(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSESSMENT_AUTH", "oidc")
    site.store.user_from_oidc(
        {
            "iss": "https://idp.example",
            "sub": "the-real-eva",
            "email": "eva@example.se",
            "email_verified": True,
        }
    )
    at = AppTest.from_file(APP, default_timeout=90)
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "test",
        "client_id": "x",
        "client_secret": "y",
        "server_metadata_url": "https://idp.example/.well-known/openid-configuration",
    }
    at.user = {
        "is_logged_in": True,
        "iss": "https://other-idp.example",
        "sub": "impostor",
        "email": "eva@example.se",
        "email_verified": True,
    }
    at.run()
    assert_clean(at)
    assert not has_nav(at)
    assert "_user" not in at.session_state
    assert "Fel användarnamn eller lösenord." in texts(at)
    assert any(b.key == "logout_refused" for b in at.button)


def test_no_page_shows_anything_of_another_workspace(site: Site) -> None:
    from assessment.ui import navigation

    secret = "Årepaketet"
    open_for(site, site.anna, site.krokom_id, "rus")
    at = session()
    login(at, "anna")
    for spec in navigation.PAGES:
        goto(at, spec.id)
        shown = texts(at) + "".join(d.value.to_csv() for d in at.dataframe)
        shown += "".join(str(s.options) for s in at.selectbox) + "".join(
            str(m.options) for m in at.multiselect
        )
        assert secret not in shown, spec.id
        assert site.are_id not in shown, spec.id
