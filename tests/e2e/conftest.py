"""Browser-test fixtures: the real app under `streamlit run`, driven by headless Chromium.

Reusable by every browser test (screening, portfolio, …). Mark tests with
``@pytest.mark.browser`` and ask for the fixtures::

    @pytest.mark.browser
    def test_something(app_server, page, screenshot):
        page.goto(app_server.url)
        wait_idle(page)                     # from tests.e2e.conftest
        ...
        screenshot(page, "screening-01-upload")  # test-output/screenshots/screening-01-upload.png

- ``app_server`` (module scope): starts ``streamlit run streamlit_app.py --server.headless true
  --server.port <free port>`` with a fresh temporary ``ASSESSMENT_DATA_DIR`` (so tests never see
  the developer's data), waits for ``/_stcore/health`` and stops the server afterwards. Gives
  ``AppServer(url, port, data_dir)``. ``start_app_server(data_dir)`` starts another one, e.g. to
  test a restart against the same data directory.
- ``browser`` (session scope): Debian's Chromium (``/usr/bin/chromium``, override with
  ``CHROMIUM_PATH``) launched by Playwright with sandboxing and background networking off.
- ``page``: a fresh 1440×900 page (new browser context) per test.
- ``screenshot(page, name, top=True)``: saves a PNG under ``test-output/screenshots/``, scrolled
  to the top of the page unless ``top=False``.
- ``wait_idle(page)``: waits until Streamlit has finished the current script run.
- ``main(page)``, ``sidebar_page(page, name)``: the main area; a page picked in the sidebar.
- ``new_assessment(page, server, title)``: opens the app and creates an assessment from the start
  page's form (step 1 is shown after it).
- ``stored(server)``: the one assessment in the server's store, as saved;
  ``eventually(check, expected)`` asserts that a save has landed within a timeout.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from assessment.domain import Assessment

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-output" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@dataclass
class AppServer:
    url: str
    port: int
    data_dir: Path
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_app_server(data_dir: Path, timeout: float = 60.0) -> AppServer:
    """Start ``streamlit run`` on a free port against ``data_dir`` and wait until it is healthy."""
    port = _free_port()
    env = dict(os.environ)
    env["ASSESSMENT_DATA_DIR"] = str(data_dir)
    env.pop("DATABASE_URL", None)
    log = data_dir / f"streamlit-{port}.log"
    handle = log.open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "streamlit_app.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.fileWatcherType",
            "none",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
    )
    server = AppServer(f"http://127.0.0.1:{port}", port, data_dir, process, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return server
        except OSError:
            pass
        time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"streamlit did not become healthy:\n{log.read_text(errors='replace')}")


@pytest.fixture(scope="module")
def app_server() -> Iterator[AppServer]:
    with tempfile.TemporaryDirectory(prefix="assessment-e2e-") as tmp:
        server = start_app_server(Path(tmp))
        try:
            yield server
        finally:
            server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import expect, sync_playwright

    # Assertions wait as long as actions do (the page fixture's 20 s): the default 5 s is less than
    # one rerun takes when the whole suite shares 2 cores (CI failed on an expect after an edit
    # whose rerun had not drawn its warning within 5 s).
    expect.set_options(timeout=20_000)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="sv-SE")
    new_page = context.new_page()
    new_page.set_default_timeout(20_000)
    try:
        yield new_page
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            # What the browser showed when the test failed, for the CI log reader.
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            new_page.screenshot(path=str(SCREENSHOTS / f"FAILED-{request.node.name}.png"), full_page=True)
    finally:
        context.close()


@pytest.fixture
def screenshot() -> Callable[..., Path]:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page: Any, name: str, *, top: bool = True) -> Path:
        wait_idle(page)
        if top:  # the main area scrolls by itself, not the document
            page.locator("[data-testid='stMain']").evaluate("e => e.scrollTo(0, 0)")
            page.wait_for_timeout(100)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def wait_idle(page: Any, timeout: float = 20.0, poll_ms: int = 150) -> None:
    """Wait until the app has rendered and no script run is in progress.

    Streamlit streams elements while a script runs and shows its status widget only after a
    moment, so "idle" means: something is drawn, nothing is running or stale, and the number of
    elements has not changed for three polls of ``poll_ms`` in a row.
    """
    page.wait_for_selector(
        "[data-testid='stMainBlockContainer'] [data-testid='stElementContainer']",
        state="attached",
        timeout=timeout * 1000,
    )
    deadline = time.monotonic() + timeout
    last, steady = -1, 0
    while time.monotonic() < deadline:
        page.wait_for_timeout(poll_ms)
        # The status widget appears only after a moment; the root's run state changes at once.
        running = (
            page.locator("[data-testid='stStatusWidget']").count()
            + page.locator("[data-testid='stApp']:not([data-test-script-state='notRunning'])").count()
        )
        stale = page.locator("[data-stale='true']").count()
        count = page.locator("[data-testid='stElementContainer']").count()
        steady = steady + 1 if (count == last and not running and not stale) else 0
        last = count
        if steady >= 3:
            return
    raise AssertionError("the app did not finish running in time")


def main(page: Any) -> Any:
    return page.locator("[data-testid='stMain']")


def sidebar_page(page: Any, name: str | re.Pattern[str]) -> None:
    page.locator("[data-testid='stSidebar'] [data-testid='stRadio'] label").filter(
        has_text=name
    ).first.click()
    wait_idle(page)


def new_assessment(page: Any, server: AppServer, title: str) -> None:
    """Open the app and create an assessment titled ``title`` (the start page's form)."""
    page.goto(server.url)
    wait_idle(page)
    main(page).get_by_label("Titel").fill(title)  # inside a form: sent with the button
    main(page).get_by_role("button", name="Skapa och börja med steg 1").click()
    wait_idle(page)


def stored(server: AppServer) -> Assessment:
    """The one assessment in the server's SQLite store, as saved."""
    from assessment.storage import open_store

    store = open_store(f"sqlite:///{server.data_dir / 'assessments.db'}")
    user = store.local_user()
    (summary,) = store.list(user)
    return store.get(user, summary.id).assessment


def eventually(check: Callable[[], Any], expected: Any, timeout: float = 15.0) -> None:
    """Assert that ``check()`` returns ``expected`` within ``timeout`` s (a save lands when the
    script run that follows the browser's edit has finished)."""
    deadline = time.monotonic() + timeout
    value = check()
    while value != expected and time.monotonic() < deadline:
        time.sleep(0.2)
        value = check()
    assert value == expected
