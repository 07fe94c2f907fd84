"""The package installs: the wheel carries the models, knowledge data, examples, catalogues and the
app's offline settings, and the installed code finds them through importlib.resources."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import assessment
from assessment import resources
from assessment.cli import app_cmd, main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(out)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("assessment-*.whl")
    return zipfile.ZipFile(built)


def test_wheel_carries_the_data_and_one_version(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    for shipped in ("models", "sdg_data", "examples"):
        source = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / shipped).rglob("*") if p.is_file())
        assert source
        for path in source:
            assert f"assessment/_data/{path}" in names, path
    catalogues = sorted(p.name for p in (ROOT / "assessment/i18n/messages").glob("*.yaml"))
    assert all(f"assessment/i18n/messages/{name}" in names for name in catalogues)
    assert "assessment/_data/streamlit/config.toml" in names
    assert not any(n.startswith(("tests/", "bench/")) for n in names)
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = wheel.read(metadata).decode()
    assert f"Version: {assessment.__version__}" in text
    assert "License-Expression: EUPL-1.2" in text
    assert "Requires-Dist: streamlit" in text
    entry_points = wheel.read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "assessment = assessment.cli:main" in entry_points


def test_packaged_copy_wins_over_the_source_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert resources.shipped("models") == ROOT / "models"  # a source checkout has no _data copy
    packaged = tmp_path / "assessment"
    (packaged / "_data" / "models").mkdir(parents=True)
    monkeypatch.setattr(resources, "files", lambda _name: packaged)
    assert resources.shipped("models") == packaged / "_data" / "models"
    assert resources.shipped("sdg_data") == ROOT / "sdg_data"


def test_app_command_passes_the_shipped_offline_settings() -> None:
    command = app_cmd.command(8599, "127.0.0.1")
    assert command[1:4] == ["-m", "streamlit", "run"] and command[4] == str(ROOT / "streamlit_app.py")
    options = dict(zip(command[5::2], command[6::2], strict=True))
    assert options["--browser.gatherUsageStats"] == "false"
    assert options["--client.toolbarMode"] == "viewer"
    assert options["--client.showErrorDetails"] == "none"
    assert options["--server.port"] == "8599" and options["--server.address"] == "127.0.0.1"


def test_version_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"assessment {assessment.__version__}"
