"""Hostile assessment files: a generator for the hostile-input suite (issue 13).

Each case is ``(name, bytes, suffix)``. The classes: dates and times YAML parses but Python
refuses (also as keys and inside text), integers beyond the 4,300-digit limit, lone surrogates,
markup in every free-text field (HTML, Streamlit Markdown, ``javascript:`` links), bidi overrides
and ANSI escapes, NUL bytes, BOMs, invalid UTF-8 and other encodings, NaN/Infinity, deep nesting,
huge lists, unhashable keys, aliases and tags, duplicate keys, empty and whitespace-only titles,
unknown codes, wrong top-level shapes. Some are valid and must succeed.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "rsp" / "rsp_are.yaml"

MARKUP = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)> & &amp; </para> ]]>",
    "[klicka](javascript:alert(1)) **fet** :red[röd] $x^2$",
    "%s {0} {title} \\x00 <b>",
    "Ŋŋ Đđ Čč Ŧŧ Ïï Šš Žž Áá – samiska bokstäver",
    "\u202eevil\u202c bidi \u2066isolate\u2069",
    "\x1b[2J\x1b[31mRÖD\x1b[0m",
    "tab\there\rcarriage",
]
FREE_TEXT_KEYS = {"title", "description", "organisation", "comment", "rationale", "decision", "text", "note"}


def example() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    return data


def _replace_text(node: Any, text: str) -> Any:
    if isinstance(node, dict):
        return {
            k: (text if k in FREE_TEXT_KEYS and isinstance(v, str) else _replace_text(v, text))
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_replace_text(v, text) for v in node]
    return node


# libyaml's emitter writes these files byte for byte as PyYAML's pure-Python one does (checked for
# all cases) in a sixth of the time; the cases are built when the test module is collected, on
# every xdist worker.
_Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _yaml(data: Any) -> bytes:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False).encode("utf-8")


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")


def cases() -> Iterator[tuple[str, bytes, str]]:
    base = example()
    base_yaml = EXAMPLE.read_bytes()
    # -- markup and odd characters in every free-text field (valid files) --
    for n, text in enumerate(MARKUP):
        hostile = _replace_text(copy.deepcopy(base), text)
        yield f"markup_{n}_yaml", _yaml(hostile), ".yaml"
        yield f"markup_{n}_json", _json(hostile), ".json"
    yield "markup_in_list_items", _yaml({**base, "tags": MARKUP[:4], "participants": MARKUP}), ".yaml"
    yield "long_title_valid", _yaml({**base, "title": "Å" * 400}), ".yaml"
    yield "bom_utf8", b"\xef\xbb\xbf" + base_yaml, ".yaml"
    yield "crlf", base_yaml.replace(b"\n", b"\r\n"), ".yaml"
    yield "nul_escape_json", _json({**base, "description": "före\u0000efter"}), ".json"
    # -- dates and times Python refuses --
    for value in ("2023-02-30", "0000-01-01", "2024-13-01", "9999-99-99"):
        yield f"date_{value}", base_yaml.replace(b"date: 2025-10-28", f"date: {value}".encode()), ".yaml"
        yield f"date_in_text_{value}", _yaml(base)[:-1] + f"\ndescription2: {value}\n".encode(), ".yaml"
    yield "date_as_key", base_yaml + b"\n2023-02-30: x\n", ".yaml"
    yield (
        "date_in_comment_field",
        base_yaml.replace(
            b"comment: Inga k\xc3\xa4nda skillnader mellan kvinnor och m\xc3\xa4n.", b"comment: 0000-00-00"
        ),
        ".yaml",
    )
    for stamp in ("2023-01-01T25:00:00", "2024-01-01 25:61:00", "2023-02-29t10:00:00Z"):
        yield f"timestamp_{stamp}", base_yaml + f"\nwhen: {stamp}\n".encode(), ".yaml"
    yield "date_in_list", base_yaml.replace(b"tags: [", b"tags: [2023-02-30, "), ".yaml"
    # -- integers beyond the conversion limit --
    big = "9" * 5000
    yield "huge_int_yaml_schema", base_yaml.replace(b"schema: 1", f"schema: {big}".encode()), ".yaml"
    yield "huge_int_yaml_impact", base_yaml.replace(b"impact: 2", f"impact: {big}".encode(), 1), ".yaml"
    yield "huge_int_json", _json(base)[:-1] + f', "schema2": {big}}}'.encode(), ".json"
    yield (
        "huge_int_json_impact",
        json.dumps({**base, "schema": 1}, default=str).replace('"impact": 2', f'"impact": {big}', 1).encode(),
        ".json",
    )
    yield "int_4000_digits", base_yaml.replace(b"impact: 2", b"impact: " + b"9" * 4000, 1), ".yaml"
    # -- lone surrogates --
    yield "surrogate_json_title", _json(base).replace(b'"title": "', b'"title": "\\ud800', 1), ".json"
    yield "surrogate_json_key", _json(base)[:-1] + b', "\\udfff": 1}', ".json"
    yield "surrogate_yaml_title", base_yaml.replace(b'title: "', b'title: "\\ud800', 1), ".yaml"
    yield "surrogate_yaml_comment", base_yaml + b'\nnote: "\\udc80x"\n', ".yaml"
    # -- encodings and bytes --
    yield "invalid_utf8", base_yaml + b"\n# \xff\xfe\xc3\x28\n", ".yaml"
    yield "latin1", base_yaml.decode("utf-8").encode("latin-1", "replace"), ".yaml"
    yield "utf16_bom", base_yaml.decode("utf-8").encode("utf-16"), ".yaml"
    yield "double_bom", b"\xef\xbb\xbf\xef\xbb\xbf" + base_yaml, ".yaml"
    yield "raw_nul", base_yaml.replace(b"title: ", b"title: \x00", 1), ".yaml"
    yield "raw_nul_json", _json(base).replace(b'"title": "', b'"title": "\x00', 1), ".json"
    yield "bom_json", b"\xef\xbb\xbf" + _json(base), ".json"
    yield "binary_garbage", bytes(range(256)) * 40, ".yaml"
    yield "pdf_as_yaml", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", ".yaml"
    # -- numbers --
    for token in ("NaN", "Infinity", "-Infinity", "1e999"):
        yield (
            f"json_{token}",
            json.dumps(base, default=str).replace('"impact": 2', f'"impact": {token}', 1).encode(),
            ".json",
        )
    for token in (".nan", ".inf", "1e999999999"):
        yield f"yaml_{token}", base_yaml.replace(b"impact: 2", f"impact: {token}".encode(), 1), ".yaml"
    # -- structure --
    yield "deep_yaml_flow", b"title: x\nd: " + b"[" * 3000 + b"]" * 3000 + b"\n", ".yaml"
    yield "deep_yaml_map", b"title: x\nd: " + b"{a: " * 2000 + b"1" + b"}" * 2000 + b"\n", ".yaml"
    yield "deep_json", b'{"title": "x", "d": ' + b"[" * 20000 + b"]" * 20000 + b"}", ".json"
    yield "huge_list_tags", _yaml({**base, "tags": [f"t{i}" for i in range(20000)]}), ".yaml"
    yield "huge_list_unknown", _yaml({**base, "extra": list(range(50000))}), ".yaml"
    yield (
        "huge_actor_list",
        _yaml({**base, "actors": [{"name": f"A{i}", "role": "both"} for i in range(3000)]}),
        ".yaml",
    )
    yield "unhashable_key", b"title: x\n? [a, b]\n: c\n", ".yaml"
    yield "unhashable_key_map", b"title: x\n? {a: 1}\n: c\n", ".yaml"
    yield "int_key", base_yaml + b"\n1: x\n", ".yaml"
    yield "null_key", base_yaml + b"\n~: x\n", ".yaml"
    yield "alias_bomb", b"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\ntitle: x\n", ".yaml"
    yield "python_tag", b"title: !!python/object/apply:os.system ['echo pwned']\n", ".yaml"
    yield "python_name", b"title: !!python/name:os.system\n", ".yaml"
    yield "local_tag", b"title: !mytag x\n", ".yaml"
    yield "binary_tag", b"title: !!binary /w==\n", ".yaml"
    yield "set_tag", b"title: !!set {a, b}\n", ".yaml"
    yield "duplicate_key", base_yaml + b"\ntitle: again\n", ".yaml"
    yield "duplicate_key_json", b'{"title": "a", "title": "b"}', ".json"
    yield "merge_key_dup", b"base: &b {title: a}\n<<: *b\ntitle: x\n", ".yaml"
    # -- shapes --
    yield "empty", b"", ".yaml"
    yield "whitespace_only_file", b"   \n\t\n", ".yaml"
    yield "comments_only", b"# nothing\n", ".yaml"
    yield "top_list", b"- a\n- b\n", ".yaml"
    yield "top_scalar", b"hello\n", ".yaml"
    yield "top_null_json", b"null", ".json"
    yield "multi_document", base_yaml + b"\n---\ntitle: two\n", ".yaml"
    yield "tabs_indent", b"title: x\nsdg:\n\t- goal: 1\n", ".yaml"
    yield "syntax_error", b"title: [unclosed\n", ".yaml"
    yield "json_syntax", b'{"title": "x",', ".json"
    # -- titles and values --
    yield "empty_title", _yaml({**base, "title": ""}), ".yaml"
    yield "whitespace_title", _yaml({**base, "title": "   \t "}), ".yaml"
    yield "title_bool", _yaml({**base, "title": True}), ".yaml"
    yield "title_list", _yaml({**base, "title": ["a"]}), ".yaml"
    yield "title_600", _yaml({**base, "title": "x" * 600}), ".yaml"
    yield "title_2mb", _yaml({**base, "title": "x" * 2_000_000}), ".yaml"
    yield "unknown_sdg_goal_42", base_yaml.replace(b"goal: 11", b"goal: 42", 1), ".yaml"
    yield (
        "unknown_sdg_target",
        _yaml({**base, "sdg": [{"goal": 11, "targets": ["11.99"], "impact": 1}]}),
        ".yaml",
    )
    yield "municipality_oslo", _yaml({**base, "municipalities": ["Oslo"]}), ".yaml"
    yield "schema_2", base_yaml.replace(b"schema: 1", b"schema: 2"), ".yaml"
    yield "schema_list", base_yaml.replace(b"schema: 1", b"schema: [1]"), ".yaml"
    yield "unknown_field", base_yaml + b"\nhacker: true\n", ".yaml"
    yield "impact_out_of_range", base_yaml.replace(b"impact: 2", b"impact: 9", 1), ".yaml"
    yield "kind_unknown", base_yaml.replace(b"kind: rsp_measure", b"kind: <script>"), ".yaml"
    yield "control_chars_key", base_yaml + b'\n"\\e[2Jkey": 1\n', ".yaml"
    yield "rus_goal_markup", _yaml({**base, "rus": [{"goal": "<b>p1</b>", "impact": 1}]}), ".yaml"
