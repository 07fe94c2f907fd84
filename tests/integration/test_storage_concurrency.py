"""30 workshop participants edit one assessment at once: no lost update, every conflict reported.

Each participant (a thread, through the same library calls the UI makes) repeatedly reads the
assessment and saves one change from that version: adds an actor of their own, edits the comment
of their own actor (nobody else touches it), or overwrites the shared description (everybody
does: real conflicts).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from assessment.domain.assessment import Actor, Assessment
from assessment.storage import Role, Store, User, open_store

PARTICIPANTS = 30
DURATION_S = 4.0
MIN_SAVES = 3


@dataclass
class Tally:
    saves: int = 0
    revisions: int = 0
    merged: int = 0
    added: list[str] = field(default_factory=list)
    own_comment: str | None = None
    description_writes: int = 0
    description_kept: int = 0
    description_rejected_reported: int = 0
    description_rejected_silently: int = 0
    unexpected_conflicts: list[str] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)


def participant(
    store: Store, user: User, index: int, assessment_id: str, start: threading.Barrier, tally: Tally
) -> None:
    rng = random.Random(index)
    own = f"Deltagare {index}"
    n = 0
    start.wait()
    stop = time.monotonic() + DURATION_S
    try:
        # Bounded in time, but everyone saves a few times even on a very slow machine.
        while time.monotonic() < stop or n < MIN_SAVES:
            n += 1
            current = store.get(user, assessment_id)
            doc = current.assessment.model_copy(deep=True)
            action = n % 3
            mine_description = None
            if action == 0:
                name = f"p{index}-{n} ŋ"
                doc.actors.append(Actor(name=name, influence=rng.randint(1, 5)))
            elif action == 1:
                actor = next((a for a in doc.actors if a.name == own), None)
                if actor is None:
                    actor = Actor(name=own)
                    doc.actors.append(actor)
                actor.comment = f"{index}:{n}"
            else:
                mine_description = f"p{index}-{n}"
                doc.description = mine_description
            time.sleep(rng.uniform(0, 0.004))  # think time: others save in between
            result = store.save(user, assessment_id, doc, base_version=current.version)
            tally.saves += 1
            tally.revisions += result.new_revision
            tally.merged += result.merged
            saved = result.stored.assessment
            paths = {c.path for c in result.conflicts}
            if action == 0:
                tally.added.append(name)
            elif action == 1:
                tally.own_comment = f"{index}:{n}"
            else:
                tally.description_writes += 1
                if saved.description == mine_description:
                    tally.description_kept += 1
                elif any(c.path == "description" and c.mine == mine_description for c in result.conflicts):
                    tally.description_rejected_reported += 1
                else:
                    tally.description_rejected_silently += 1
            tally.unexpected_conflicts += [p for p in paths if p != "description"]
    except BaseException as exc:  # reported by the test, never lost in a thread
        tally.errors.append(exc)


def test_thirty_participants_no_lost_updates(store_url: str) -> None:
    store = open_store(store_url)
    root = store.local_user()
    stored = store.create(root, Assessment(title="Workshop Krokom", description="start"))
    users = []
    for i in range(PARTICIPANTS):
        name = f"deltagare{i}@example.se"
        store.add_user(root, name, f"Deltagare {i}", password="workshop-lösen")
        store.grant(root, "default", name, Role.editor)
        users.append(store.authenticate_local(name, "workshop-lösen"))

    tallies = [Tally() for _ in range(PARTICIPANTS)]
    start = threading.Barrier(PARTICIPANTS)
    threads = [
        threading.Thread(target=participant, args=(store, users[i], i, stored.id, start, tallies[i]))
        for i in range(PARTICIPANTS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=DURATION_S + 300)
    assert not any(t.is_alive() for t in threads), "a participant hung"

    errors = [e for t in tallies for e in t.errors]
    assert errors == [], errors[:3]
    final = store.get(root, stored.id)
    actors = {a.name: a for a in final.assessment.actors}
    added = [name for t in tallies for name in t.added]
    missing = [name for name in added if name not in actors]
    own_wrong = [
        i
        for i, t in enumerate(tallies)
        if t.own_comment is not None and actors[f"Deltagare {i}"].comment != t.own_comment
    ]
    saves = sum(t.saves for t in tallies)
    revisions = sum(t.revisions for t in tallies)
    merged = sum(t.merged for t in tallies)
    writes = sum(t.description_writes for t in tallies)
    kept = sum(t.description_kept for t in tallies)
    reported = sum(t.description_rejected_reported for t in tallies)
    silent = sum(t.description_rejected_silently for t in tallies)
    unexpected = [p for t in tallies for p in t.unexpected_conflicts]
    print(
        f"\n[{store.backend}] {PARTICIPANTS} participants, {DURATION_S:.0f} s: {saves} saves "
        f"({revisions} revisions, {merged} merged), {len(added)} actors added, "
        f"{len(missing)} missing; description writes {writes}: {kept} kept, "
        f"{reported} rejected and reported, {silent} rejected silently; "
        f"final version {final.version}"
    )
    assert saves >= PARTICIPANTS * MIN_SAVES  # everybody got through
    assert missing == []  # every successful addition is present
    assert own_wrong == []  # every participant's last edit of their own actor stuck
    assert silent == 0  # every rejected conflicting write was reported to its writer
    assert kept + reported == writes
    assert reported > 0 and merged > 0  # the test did provoke concurrent edits
    assert unexpected == []  # no conflict where people edited different things
    assert final.version == 1 + revisions  # one revision per effective save, none lost
    assert len(store.history(root, stored.id)) == final.version
    store.close()


# Several app processes (as behind nginx) or the CLI next to the app share one database.
WORKER = """
import json, sys
from assessment.domain.assessment import Actor
from assessment.storage import open_store

url, assessment_id, index, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
store = open_store(url)
user = store.local_user()
added, revisions = [], 0
for n in range(count):
    current = store.get(user, assessment_id)
    doc = current.assessment.model_copy(deep=True)
    name = f"process {index} item {n}"
    doc.actors.append(Actor(name=name))
    result = store.save(user, assessment_id, doc, current.version)
    added.append(name)
    revisions += result.new_revision
print(json.dumps({"added": added, "revisions": revisions}))
"""


@pytest.mark.stress
def test_several_processes_share_one_database(store_url: str) -> None:
    repo = Path(__file__).resolve().parents[2]
    store = open_store(store_url)
    root = store.local_user()
    stored = store.create(root, Assessment(title="Flera processer"))
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, store_url, stored.id, str(i), "15"],
            cwd=repo,
            env={**os.environ, "PYTHONPATH": str(repo)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(4)
    ]
    results = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err[-2000:]
        results.append(json.loads(out.strip().splitlines()[-1]))
    final = store.get(root, stored.id)
    names = {a.name for a in final.assessment.actors}
    added = [name for r in results for name in r["added"]]
    revisions = sum(r["revisions"] for r in results)
    print(
        f"\n[{store.backend}] 4 processes: {len(added)} saves, {revisions} revisions, "
        f"final version {final.version}"
    )
    assert len(added) == 60 and set(added) <= names
    assert final.version == 1 + revisions == 61
    store.close()
