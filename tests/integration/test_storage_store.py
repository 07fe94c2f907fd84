"""The store on both backends: create, save, merge, history, diff, restore, listing, UI state."""

from __future__ import annotations

import datetime as dt

import pytest

from assessment.domain.assessment import Actor, Assessment, Measure
from assessment.errors import UserError, ValidationFailed
from assessment.storage import Store, open_store


def make(title: str = "Vindkraft i Krokom", **fields: object) -> Assessment:
    return Assessment.model_validate({"title": title, **fields})


def test_create_get_save_history(store: Store) -> None:
    user = store.local_user()
    stored = store.create(user, make(tags=["energi"]))
    assert stored.version == 1 and stored.workspace_id == "default"
    edited = stored.assessment.model_copy(deep=True)
    edited.actors.append(Actor(name="Krokoms kommun"))
    result = store.save(user, stored.id, edited, base_version=1)
    assert not result.merged and result.conflicts == []
    assert result.stored.version == 2
    again = store.get(user, stored.id)
    assert again.version == 2 and again.assessment.actors[0].name == "Krokoms kommun"
    assert store.version(user, stored.id) == 2
    history = store.history(user, stored.id, lang="en")
    assert [h.version for h in history] == [2, 1]
    assert history[0].author == "local"
    assert "+1 actors" in history[0].summary_of_changes
    assert history[1].summary_of_changes == "created"


def test_unchanged_save_creates_no_revision(store: Store) -> None:
    user = store.local_user()
    stored = store.create(user, make())
    result = store.save(user, stored.id, stored.assessment, base_version=1)
    assert result.stored.version == 1 and not result.new_revision
    assert len(store.history(user, stored.id)) == 1


def test_stale_save_merges_and_reports_conflicts(store: Store) -> None:
    user = store.local_user()
    stored = store.create(user, make(description="start"))
    anna = stored.assessment.model_copy(deep=True)
    anna.actors.append(Actor(name="Samebyn"))
    anna.description = "Annas text"
    store.save(user, stored.id, anna, base_version=1)

    olle = stored.assessment.model_copy(deep=True)  # still based on version 1
    olle.measures.append(Measure(id="m1", text="Samråd"))
    olle.description = "Olles text"
    result = store.save(user, stored.id, olle, base_version=1)
    assert result.merged
    assert result.stored.version == 3
    final = result.stored.assessment
    assert [a.name for a in final.actors] == ["Samebyn"]
    assert [m.id for m in final.measures] == ["m1"]
    assert final.description == "Annas text"  # stored value wins ...
    assert [(c.path, c.mine, c.theirs) for c in result.conflicts] == [
        ("description", "Olles text", "Annas text")  # ... and the writer is told
    ]
    assert "1" in store.history(user, stored.id, lang="en")[0].summary_of_changes


def test_diff_revision_restore(store: Store) -> None:
    user = store.local_user()
    stored = store.create(user, make(title="Första"))
    second = stored.assessment.model_copy(deep=True)
    second.title = "Andra"
    store.save(user, stored.id, second, base_version=1)
    assert store.diff(user, stored.id, 1, 2) == [("title", "Första", "Andra")]
    assert store.revision(user, stored.id, 1).title == "Första"
    restored = store.restore(user, stored.id, 1)
    assert restored.version == 3 and restored.assessment.title == "Första"
    assert store.revision(user, stored.id, 2).title == "Andra"  # history is never rewritten
    assert "1" in store.history(user, stored.id)[0].summary_of_changes
    with pytest.raises(UserError):
        store.revision(user, stored.id, 99)
    with pytest.raises(UserError):
        store.save(user, stored.id, second, base_version=42)


def test_invalid_input_writes_nothing(store: Store) -> None:
    user = store.local_user()
    stored = store.create(user, make())
    with pytest.raises(ValidationFailed) as err:
        store.save(user, stored.id, {"title": "x", "sdg": [{"goal": 7, "impact": 9}]}, base_version=1)
    assert "sdg" in err.value.message("en")
    with pytest.raises(ValidationFailed):
        store.create(user, {"title": ""})
    with pytest.raises(ValidationFailed):
        store.save(user, stored.id, {"title": "x", "unknown": 1}, base_version=1)
    assert store.version(user, stored.id) == 1
    assert len(store.list(user)) == 1


def test_oversized_document_is_refused(store: Store) -> None:
    user = store.local_user()
    huge = {f"q{i}": "x" * 999_000 for i in range(25)}  # each field legal, the whole too big
    with pytest.raises(ValidationFailed) as err:
        store.create(user, {"title": "Stor", "answers": huge})
    assert "too large" in err.value.message("en")
    assert store.list(user) == []


def test_hostile_text_round_trips(store: Store) -> None:
    user = store.local_user()
    hostile = "<script>alert(1)</script> & ŋ đ č ŧ ï \x00 " + "å" * 200_000
    stored = store.create(user, make(title="<b>Ŧest</b> & co", description=hostile))
    got = store.get(user, stored.id).assessment
    assert got.title == "<b>Ŧest</b> & co"
    # NUL cannot be stored in PostgreSQL text; it becomes U+FFFD on every backend, rest intact.
    assert got.description == hostile.replace("\x00", "\ufffd")
    assert [s.id for s in store.list(user, search="ŧEST")] == [stored.id]


def test_list_filters(store: Store) -> None:
    user = store.local_user()
    a = store.create(
        user, make("Vindkraft", kind="project", tags=["Energi"], municipalities=["Krokom"], date="2025-03-01")
    )
    b = store.create(
        user,
        make(
            "Regional strategi 100%",
            kind="strategy",
            tags=["RUS"],
            municipalities=["Östersund", "Krokom"],
            date="2024-01-10",
        ),
    )
    c = store.create(user, make("Utan datum", organisation="Härjedalens kommun"))
    ids = lambda rows: {r.id for r in rows}  # noqa: E731
    assert ids(store.list(user)) == {a.id, b.id, c.id}
    assert ids(store.list(user, kinds=["project"])) == {a.id}
    assert ids(store.list(user, tags=["energi"])) == {a.id}
    assert ids(store.list(user, municipalities=["krokom"])) == {a.id, b.id}
    assert ids(store.list(user, municipalities=["ÖSTERSUND"], tags=["energi"])) == set()
    assert ids(store.list(user, date_from=dt.date(2025, 1, 1))) == {a.id}
    assert ids(store.list(user, date_to=dt.date(2024, 12, 31))) == {b.id}
    assert ids(store.list(user, search="100%")) == {b.id}
    assert ids(store.list(user, search="%")) == {b.id}  # LIKE wildcards are literal
    assert ids(store.list(user, search="härjedalens")) == {c.id}
    # The portfolio's two-column listing: the rows of `list` with the same filters, in its order.
    store.save(user, c.id, c.assessment.model_copy(update={"title": "Ändrad"}), c.version)
    pairs = [(r.id, r.version) for r in store.list(user)]
    assert pairs[0] == (c.id, 2)  # newest change first
    assert store.listed_versions(user) == pairs
    for filters in (
        {"kinds": ["project"]},
        {"date_from": dt.date(2025, 1, 1)},
        {"date_to": dt.date(2024, 12, 31)},
    ):
        assert store.listed_versions(user, **filters) == [
            (r.id, r.version) for r in store.list(user, **filters)
        ]  # type: ignore[arg-type]
        assert len(store.listed_versions(user, **filters)) == 1  # type: ignore[arg-type]
    summary = next(r for r in store.list(user) if r.id == b.id)
    assert summary.tags == ["RUS"] and summary.municipalities == ["Östersund", "Krokom"]
    assert summary.date == dt.date(2024, 1, 10) and summary.version == 1


def test_delete(store: Store) -> None:
    user = store.local_user()
    stored = store.create(user, make())
    store.delete(user, stored.id)
    assert store.list(user) == []
    with pytest.raises(UserError):
        store.get(user, stored.id)


def test_ui_state_survives_reopen(store_url: str) -> None:
    first = open_store(store_url)
    user = first.local_user()
    assert first.ui_state(user) == {}
    first.set_ui_state(user, {"assessment_id": "abc", "step": 3, "lang": "en"})
    first.close()
    second = open_store(store_url)  # a server restart
    assert second.ui_state(second.local_user()) == {"assessment_id": "abc", "step": 3, "lang": "en"}
    with pytest.raises(UserError):
        second.set_ui_state(second.local_user(), {"x": "y" * 200_000})
    second.close()


def test_local_user_is_stable(store: Store) -> None:
    first, second = store.local_user(), store.local_user()
    assert first == second
    assert [w.id for w in store.workspaces(first)] == ["default"]


def test_backend_is_what_was_asked(store: Store, store_url: str) -> None:
    assert store.backend == ("sqlite" if store_url.startswith("sqlite") else "postgresql")
