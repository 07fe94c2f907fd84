"""Benchmark: reading an untrusted assessment file (issue 13, review F10).

A user's YAML file used to be read by the pure-Python `StrictLoader` (24 MB: 67 s for `validate`).
`load_yaml` now streams libyaml's events once to refuse aliases and deep nesting, then builds with
libyaml and our own constructors. Both are measured here on the same generated file, in the same
run; the script prints seconds per MB for each and the ratio (new / old, < 1 = faster), and checks
that both give the same data.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from assessment.yaml_io import StrictLoader, load_yaml  # noqa: E402


def document(actors: int) -> str:
    data = yaml.safe_load((ROOT / "examples" / "rsp" / "rsp_are.yaml").read_text(encoding="utf-8"))
    data["actors"] = [
        {"name": f"Aktör {i} ŋđ", "role": "both", "influence": 2, "interest": 3, "groups": ["business"]}
        for i in range(actors)
    ]
    text: str = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return text


def timed(load: object, text: str) -> tuple[float, object]:
    started = time.perf_counter()
    result = load(text)  # type: ignore[operator]
    return time.perf_counter() - started, result


def main() -> None:
    text = document(12_000)
    size = len(text.encode("utf-8")) / 1e6
    old, old_data = timed(lambda t: yaml.load(t, Loader=StrictLoader), text)
    new, new_data = timed(load_yaml, text)
    assert old_data == new_data
    print(f"file: {size:.2f} MB")
    print(f"pure-Python StrictLoader (before): {old:.2f} s ({old / size:.2f} s/MB)")
    print(f"load_yaml: pre-scan + libyaml (now): {new:.2f} s ({new / size:.2f} s/MB)")
    print(f"ratio now/before: {new / old:.2f}")
    print(f"estimated for the 25 MB upload limit: {25 * new / size:.0f} s (before {25 * old / size:.0f} s)")


if __name__ == "__main__":
    main()
