"""The package installs: the wheel carries the models, knowledge data, examples, catalogues and the
app's offline settings, and the installed code finds them through importlib.resources."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

import assessment
from assessment import resources
from assessment.cli import app_cmd, main
from tests.support.ports import free_port

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
    fonts = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf")
    assert all(
        f"assessment/report/ttf/{name}" in names for name in (*fonts, "LICENSE")
    )  # PDF fonts + licence
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


def _serving(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
            return bool(answer.status == 200)
    except OSError:
        return False


def test_app_command_becomes_streamlit_and_stops_on_sigterm(tmp_path: Path) -> None:
    """`assessment app` execs Streamlit: the pid a service manager started is the server, so its
    SIGTERM stops the server and nothing is left listening."""
    port = free_port()
    # PYTHONPATH: the test venv runs the checkout (an installed wheel needs none).
    env = {**os.environ, "ASSESSMENT_AUTH": "none", "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "assessment", "app", "--port", str(port)],
        cwd=tmp_path,  # from another folder, as an installed tool is started
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not _serving(port):
            assert process.poll() is None, "the app exited before serving"
            assert time.monotonic() < deadline, "the app did not start within 60 s"
            time.sleep(0.3)
        cmdline = Path(f"/proc/{process.pid}/cmdline").read_bytes().split(b"\0")
        assert b"streamlit" in cmdline and b"assessment" not in cmdline  # the same pid, now Streamlit
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) is not None
        assert not _serving(port)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
