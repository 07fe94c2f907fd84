"""Workshop sessions in the store, on SQLite and PostgreSQL: private votes stay private until
revealed, only the facilitator decides, 30 participants scoring at once lose or mix up nothing,
and the agreed scores become the assessment's own interactions the findings use."""

from __future__ import annotations

import datetime as dt
import random
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from assessment.analysis import interaction_graph
from assessment.domain.assessment import Assessment
from assessment.errors import AccessDenied, UserError
from assessment.storage import Role, Store, User
from assessment.workshop import agreed_interactions, with_interactions
from assessment.workshop.codes import canonical_codes

CODES = ["7", "8", "9", "12", "13", "7.2"]
CELL = ("sdg:8", "sdg:13")
HOSTILE = "Sara <b>&amp;</b> ŋ đ č ŧ ï"


def future(days: float = 1) -> dt.datetime:
    return dt.datetime.now(dt.UTC) + dt.timedelta(days=days)


@pytest.fixture
def room(store: Store) -> dict[str, Any]:
    """Facilitator Alice (editor of the workspace), three participants joined by share code, an
    outsider, and an assessment with one anonymous and one named session."""
    root = store.local_user()
    store.create_workspace(root, "krokom", "Krokoms kommun")
    alice = store.add_user(root, "alice", "Alice")
    store.grant(root, "krokom", "alice", Role.editor)
    stored = store.create(alice, Assessment(title="Fiskodling"), workspace_id="krokom")
    code = store.create_share(alice, stored.id, Role.viewer, future())
    editor_code = store.create_share(alice, stored.id, Role.editor, future())
    people = [store.add_user(root, f"p{i}", f"Deltagare {i}") for i in range(3)]
    for person in people[:2]:
        store.redeem_share(person, code)
    store.redeem_share(people[2], editor_code)  # an editor by code is still only a participant
    outsider = store.add_user(root, "mallory", "Mallory")
    anonymous = store.create_workshop(alice, stored.id, CODES, title="Workshop 2 dec")
    named = store.create_workshop(alice, stored.id, CODES, anonymous=False, dots=3)
    return {
        "alice": alice,
        "people": people,
        "outsider": outsider,
        "assessment": stored.id,
        "anon": anonymous.id,
        "named": named.id,
    }


def test_votes_are_hidden_from_participants_until_revealed(store: Store, room: dict[str, Any]) -> None:
    alice, (p0, p1, p2) = room["alice"], room["people"]
    wid = room["anon"]
    store.cast_vote(p0, wid, CELL, -2, "utsläpp från transporter")
    store.cast_vote(p1, wid, CELL, 1)
    store.cast_vote(p1, wid, ("sdg:7", "sdg:13"), 3)
    for person in (p1, p2):
        board = store.workshop_board(person, wid)
        assert not board.info.facilitator
        state = board.cells[CELL]
        assert state.count == 2 and state.spread is None and state.votes == ()
        assert set(board.mine) == ({CELL, ("sdg:7", "sdg:13")} if person is p1 else set())
        assert board.participants == ()  # no names for participants
    assert store.workshop_board(p1, wid).mine[CELL].score == 1
    facilitator = store.workshop_board(alice, wid)
    assert facilitator.info.facilitator
    seen = facilitator.cells[CELL]
    assert seen.spread is not None and seen.spread.n == 2 and seen.spread.kind == "polarised"
    assert sorted(v.score for v in seen.votes) == [-2, 1]
    assert all(v.who is None for v in seen.votes)  # anonymous session: no names, even to her
    assert facilitator.participant_count == 2 and facilitator.participants == ()

    store.reveal_cells(alice, wid, [CELL])
    revealed = store.workshop_board(p2, wid)
    assert revealed.cells[CELL].spread is not None
    assert sorted(v.score for v in revealed.cells[CELL].votes) == [-2, 1]
    assert {v.comment for v in revealed.cells[CELL].votes} == {"utsläpp från transporter", ""}
    assert revealed.cells[("sdg:7", "sdg:13")].spread is None  # only what was revealed
    store.reveal_cells(alice, wid, [CELL], revealed=False)
    assert store.workshop_board(p2, wid).cells[CELL].spread is None


def test_named_sessions_show_names_to_the_facilitator_and_after_reveal(
    store: Store, room: dict[str, Any]
) -> None:
    alice, (p0, p1, _) = room["alice"], room["people"]
    wid = room["named"]
    store.join_workshop(p0, wid, HOSTILE)
    store.cast_vote(p0, wid, CELL, -1)
    store.cast_vote(p1, wid, CELL, -1)
    board = store.workshop_board(alice, wid)
    assert {v.who for v in board.cells[CELL].votes} == {HOSTILE, "Deltagare 1"}
    assert board.participants == tuple(sorted([HOSTILE, "Deltagare 1"]))
    assert store.workshop_board(p1, wid).cells[CELL].votes == ()
    store.reveal_cells(alice, wid, [CELL])
    assert {v.who for v in store.workshop_board(p1, wid).cells[CELL].votes} == {HOSTILE, "Deltagare 1"}


def test_locking_records_the_agreed_score_and_stops_votes(store: Store, room: dict[str, Any]) -> None:
    alice, (p0, _, _) = room["alice"], room["people"]
    wid = room["anon"]
    store.cast_vote(p0, wid, CELL, -2)
    store.lock_cell(alice, wid, CELL, -1, comment="Flyget dominerar", dissent="P0: snarare −2")
    state = store.workshop_board(p0, wid).cells[CELL]
    assert (state.locked, state.revealed, state.agreed, state.dissent) == (True, True, -1, "P0: snarare −2")
    assert state.spread is not None  # a locked cell is revealed to everyone
    with pytest.raises(UserError) as locked:
        store.cast_vote(p0, wid, CELL, 3)
    assert "låst" in locked.value.message("sv")
    assert store.workshop_board(alice, wid).agreed == {CELL: -1}
    store.unlock_cell(alice, wid, CELL)
    store.cast_vote(p0, wid, CELL, 3)
    assert store.workshop_board(alice, wid).agreed == {}


def test_bad_input_is_refused_and_writes_nothing(store: Store, room: dict[str, Any]) -> None:
    alice, (p0, _, _) = room["alice"], room["people"]
    wid = room["anon"]
    before = store.workshop_version(alice, wid)
    for call in (
        lambda: store.cast_vote(p0, wid, CELL, 4),
        lambda: store.cast_vote(p0, wid, ("sdg:8", "sdg:8"), 1),
        lambda: store.cast_vote(p0, wid, ("sdg:8", "sdg:1"), 1),  # not in the matrix
        lambda: store.cast_vote(p0, wid, CELL, 1, "x" * 6000),
        lambda: store.lock_cell(alice, wid, CELL, -4),
        lambda: store.create_workshop(alice, room["assessment"], ["1", "2"]),
        lambda: store.create_workshop(alice, room["assessment"], CODES, dots=-1),
    ):
        with pytest.raises(UserError):
            call()
    assert store.workshop_version(alice, wid) == before
    assert store.workshop_board(alice, wid).cells == {}


def test_only_the_facilitator_decides_and_outsiders_see_nothing(store: Store, room: dict[str, Any]) -> None:
    outsider: User = room["outsider"]
    wid, aid = room["anon"], room["assessment"]
    facilitator_only: list[Callable[[User], object]] = [
        lambda u: store.create_workshop(u, aid, CODES),
        lambda u: store.set_workshop_codes(u, wid, CODES[:5]),
        lambda u: store.reveal_cells(u, wid, [CELL]),
        lambda u: store.lock_cell(u, wid, CELL, 1),
        lambda u: store.unlock_cell(u, wid, CELL),
        lambda u: store.delete_workshop(u, wid),
    ]
    everyone: list[Callable[[User], object]] = [
        lambda u: store.workshops(u, aid),
        lambda u: store.workshop_version(u, wid),
        lambda u: store.workshop_board(u, wid),
        lambda u: store.join_workshop(u, wid),
        lambda u: store.cast_vote(u, wid, CELL, 1),
        lambda u: store.place_dots(u, wid, CELL, 1),
    ]
    for person in room["people"]:
        for call in facilitator_only:
            with pytest.raises(AccessDenied):
                call(person)
    for call in facilitator_only + everyone:
        with pytest.raises(AccessDenied) as denied:
            call(outsider)
        assert "finns inte" in denied.value.message("sv")
    with pytest.raises(AccessDenied):
        store.workshop_board(room["alice"], "no-such-session")
    # Ending the share codes ends the participants' access to the session too.
    store.end_sharing(room["alice"], aid)
    with pytest.raises(AccessDenied):
        store.workshop_board(room["people"][0], wid)


def test_dot_voting_is_limited_per_participant_and_totalled(store: Store, room: dict[str, Any]) -> None:
    alice, (p0, p1, _) = room["alice"], room["people"]
    wid = room["named"]
    store.place_dots(p0, wid, CELL, 2)
    store.place_dots(p0, wid, ("sdg:8", "sdg:12"), 1)
    with pytest.raises(UserError) as spent:
        store.place_dots(p0, wid, ("sdg:9", "sdg:12"), 1)
    assert "0" in spent.value.message("sv")
    store.place_dots(p0, wid, CELL, 3 - 1)  # moving dots within the budget is fine
    store.place_dots(p1, wid, CELL, 3)
    board = store.workshop_board(p1, wid)
    assert board.dots == {CELL: 5, ("sdg:8", "sdg:12"): 1} and board.my_dots == {CELL: 3}
    store.place_dots(p1, wid, CELL, 0)
    assert store.workshop_board(alice, wid).dots == {CELL: 2, ("sdg:8", "sdg:12"): 1}


def test_changing_the_codes_keeps_votes_on_remaining_cells(store: Store, room: dict[str, Any]) -> None:
    alice, (p0, _, _) = room["alice"], room["people"]
    wid = room["anon"]
    store.cast_vote(p0, wid, CELL, 2)
    store.cast_vote(p0, wid, ("7.2", "sdg:13"), 3)
    store.set_workshop_codes(alice, wid, ["7", "8", "9", "12", "13"])
    assert set(store.workshop_board(p0, wid).mine) == {CELL}
    store.set_workshop_codes(alice, wid, CODES)
    assert set(store.workshop_board(p0, wid).mine) == {CELL, ("7.2", "sdg:13")}


def test_agreed_scores_become_the_assessments_own_interactions(store: Store, room: dict[str, Any]) -> None:
    alice = room["alice"]
    wid, aid = room["anon"], room["assessment"]
    store.lock_cell(alice, wid, CELL, 1, comment="Lokal el", dissent="Två tycker 0")
    store.lock_cell(alice, wid, ("sdg:7", "sdg:13"), None)  # locked without a score: not handed over
    found = agreed_interactions(store.workshop_board(alice, wid))
    assert [(i.source, i.to, i.score) for i in found] == [("sdg:8", "sdg:13", 1)]
    assert "Workshop 2 dec: Lokal el" in found[0].note and "Reservation: Två tycker 0" in found[0].note
    current = store.get(alice, aid)
    old = Assessment.model_validate(
        {
            "title": "x",
            "interactions": [{"from": "8", "to": "13", "score": -3}, {"from": "9", "to": "8", "score": 2}],
        }
    )
    merged = with_interactions(old, found)
    assert sorted((i.source, i.to, i.score) for i in merged.interactions) == [
        ("9", "8", 2),
        ("sdg:8", "sdg:13", 1),
    ]
    saved = store.save(alice, aid, with_interactions(current.assessment, found), current.version).stored
    edge = interaction_graph(saved.assessment).edges[CELL]["edge"]
    assert (edge.score, edge.origin) == (1, "assessment") and "Lokal el" in edge.note


PARTICIPANTS = 30


@pytest.mark.stress
def test_thirty_participants_scoring_at_once_lose_and_mix_up_nothing(
    store: Store, room: dict[str, Any]
) -> None:
    """Each participant (a thread, through the library calls the pages make) scores every cell of
    a 6-code matrix, changing some scores again, while the facilitator polls the board."""
    alice, aid = room["alice"], room["assessment"]
    wid = store.create_workshop(alice, aid, CODES, anonymous=False).id
    root = store.local_user()
    code = store.create_share(alice, aid, Role.viewer, future())
    people = [store.add_user(root, f"w{i}", f"Person {i}") for i in range(PARTICIPANTS)]
    for person in people:
        store.redeem_share(person, code)
    cells = [
        (a, b)
        for a in store.workshop_board(alice, wid).info.codes
        for b in store.workshop_board(alice, wid).info.codes
        if a != b
    ]
    expected: dict[tuple[str, tuple[str, str]], int] = {}
    cast_at: dict[tuple[str, tuple[str, str], int], float] = {}
    errors: list[BaseException] = []
    start = threading.Barrier(PARTICIPANTS + 1)
    done = threading.Event()

    def score_of(i: int, cell: tuple[str, str], round_: int) -> int:
        return (i * 7 + cells.index(cell) * 3 + round_) % 7 - 3

    def participant(i: int, user: User) -> None:
        rng = random.Random(i)
        order = cells[:]
        rng.shuffle(order)
        try:
            start.wait()
            for n, cell in enumerate(order + order[:5]):  # the first five are changed again
                round_ = 0 if n < len(order) else 1
                score = score_of(i, cell, round_)
                store.cast_vote(user, wid, cell, score, f"{i}/{n}")
                cast_at[(user.display_name, cell, score)] = time.monotonic()
                expected[(user.display_name, cell)] = score
        except BaseException as exc:
            errors.append(exc)

    first_seen: dict[tuple[str, tuple[str, str], int], float] = {}

    def facilitator() -> None:
        start.wait()
        last = 0
        while not done.is_set():
            version = store.workshop_version(alice, wid)
            if version != last:
                last = version
                seen_at = time.monotonic()
                for cell, state in store.workshop_board(alice, wid).cells.items():
                    for vote in state.votes:
                        first_seen.setdefault((str(vote.who), cell, vote.score), seen_at)
            time.sleep(0.25)

    threads = [threading.Thread(target=participant, args=(i, u)) for i, u in enumerate(people)]
    poller = threading.Thread(target=facilitator)
    for thread in [*threads, poller]:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    done.set()
    poller.join(timeout=30)
    assert errors == []
    board = store.workshop_board(alice, wid)
    assert board.participant_count == PARTICIPANTS
    for cell in cells:
        state = board.cells[cell]
        assert state.count == PARTICIPANTS
        assert {(v.who, v.score) for v in state.votes} == {
            (p.display_name, expected[(p.display_name, cell)]) for p in people
        }
    # Each participant sees exactly their own scores, never anyone else's.
    for person in people[:5]:
        mine = store.workshop_board(person, wid).mine
        assert {c: v.score for c, v in mine.items()} == {c: expected[(person.display_name, c)] for c in cells}
    # The facilitator's poll saw each vote well within 2 s of it being cast.
    lags = [first_seen[key] - cast_at[key] for key in cast_at if key in first_seen]
    assert len(lags) > len(cells) * PARTICIPANTS * 0.5
    assert max(lags) < 2.0, max(lags)


def test_a_workshop_agreement_changes_the_findings(store: Store, room: dict[str, Any]) -> None:
    """The room says 8 → 13 is −2 where the knowledge base differs: after the hand-over the
    findings cite the workshop as evidence for that pair, with its score."""
    from assessment.analysis import findings

    alice, aid = room["alice"], room["assessment"]
    rated = Assessment.model_validate(
        {"title": "Fiskodling", "sdg": [{"goal": 8, "impact": 2}, {"goal": 13, "impact": -1}]}
    )
    current = store.get(alice, aid)
    store.save(alice, aid, rated, current.version)
    store.lock_cell(alice, room["anon"], CELL, -2, comment="Flyg och lastbilar")
    board = store.workshop_board(alice, room["anon"])
    current = store.get(alice, aid)
    handed = with_interactions(current.assessment, agreed_interactions(board))
    result = findings(handed)
    pairs = [f for f in result.direct_conflicts if (f.source, f.target) == CELL]
    assert pairs, [(f.source, f.target) for f in result.direct_conflicts]
    assert pairs[0].score == -2 and pairs[0].evidence == "workshop"


def test_an_imported_matrix_is_locked_cell_by_cell_and_goes_out_unchanged(
    store: Store, room: dict[str, Any]
) -> None:
    from assessment.workshop import prefill, read_upload, to_csv, values

    alice = room["alice"]
    text = "från/till,7,8,9,13,7.2\n7,,1,0,2,-1\n8,0,,3,-2,0\n9,1,2,,0,0\n13,0,-1,0,,1\n7.2,3,0,0,2,\n"
    matrix = read_upload(text.encode(), "synergies.csv")
    info = store.create_workshop(alice, room["assessment"], matrix.codes)
    scores = {
        (a, b): int(matrix.values[i, j])
        for i, a in enumerate(matrix.codes)
        for j, b in enumerate(matrix.codes)
        if i != j
    }
    with pytest.raises(UserError):  # one bad score: nothing is locked
        store.lock_cells(alice, info.id, {**scores, CELL: 9})
    assert store.workshop_board(alice, info.id).agreed == {}
    store.lock_cells(alice, info.id, scores, comment="synergies.csv")
    board = store.workshop_board(alice, info.id)
    assert board.agreed == scores
    out = to_csv(board.info.codes, values(board.info.codes, board.agreed, prefill(board.info.codes)))
    assert read_upload(out.encode(), "out.csv").codes == matrix.codes
    assert (read_upload(out.encode(), "out.csv").values == matrix.values).all()
    with pytest.raises(AccessDenied):
        store.lock_cells(room["people"][0], info.id, scores)


def test_a_session_created_with_its_agreed_matrix_is_all_or_nothing(
    store: Store, room: dict[str, Any]
) -> None:
    alice, assessment_id = room["alice"], room["assessment"]
    before = [w.id for w in store.workshops(alice, assessment_id)]
    codes = canonical_codes(CODES)
    scores = {(a, b): 1 for a in codes for b in codes if a != b}
    # A cell outside the matrix fails after the session row is written: the whole call is undone.
    for bad in ({**scores, ("sdg:8", "sdg:1"): 1}, {**scores, CELL: 9}):
        with pytest.raises(UserError):
            store.create_workshop(alice, assessment_id, CODES, agreed=bad, comment="fil.csv")
        assert [w.id for w in store.workshops(alice, assessment_id)] == before
    info = store.create_workshop(alice, assessment_id, CODES, agreed=scores, comment="fil.csv")
    board = store.workshop_board(alice, info.id)
    assert board.agreed == scores
    assert {c.comment for c in board.cells.values()} == {"fil.csv"}
    with pytest.raises(AccessDenied):  # participants do not create sessions
        store.create_workshop(room["people"][0], assessment_id, CODES, agreed=scores)
