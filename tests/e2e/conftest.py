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
  ``CHROMIUM_PATH``) launched by Playwright with sandboxing and background networking off; each
  context made with its ``new_context`` follows the app's runs for ``wait_idle``.
- ``page``: a fresh 1440×900 page (new browser context) per test.
- ``screenshot(page, name, top=True)``: saves a PNG under ``test-output/screenshots/``, scrolled
  to the top of the page unless ``top=False``.
- ``wait_idle(page)``: waits until Streamlit has run (and drawn) everything the page asked for.
- ``main(page)``, ``sidebar_page(page, name)``: the main area; a page picked in the sidebar.
- ``new_assessment(page, server, title)``: opens the app and creates an assessment from the start
  page's form (step 1 is shown after it).
- ``empty_store(server)``: deletes every assessment and the remembered last page, so a module's
  server serves each test as on a fresh install.
- ``stored(server)``: the one assessment in the server's store, as saved;
  ``eventually(check, expected)`` asserts that a save has landed within a timeout.
"""

from __future__ import annotations

import os
import re
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
from tests.support.ports import free_port

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


def start_app_server(data_dir: Path, timeout: float = 60.0) -> AppServer:
    """Start ``streamlit run`` on a free port against ``data_dir`` and wait until it is healthy."""
    port = free_port()
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
            yield HookedBrowser(instance)
        finally:
            instance.close()


class HookedBrowser:
    """The Playwright browser, whose every new context runs ``RUN_HOOK_JS`` in its pages before
    the app's own scripts (``wait_idle`` needs it)."""

    def __init__(self, browser: Any) -> None:
        self._browser = browser

    def new_context(self, **options: Any) -> Any:
        context = self._browser.new_context(**options)
        context.add_init_script(RUN_HOOK_JS)
        return context

    def __getattr__(self, name: str) -> Any:
        return getattr(self._browser, name)


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
        # No grace: a shot follows a wait or an action that asks for its run at once (a test that
        # makes a debounced edit waits for it itself), so an idle page is shot as it is.
        wait_idle(page, grace=False)
        if top:  # the main area scrolls by itself, not the document
            page.locator("[data-testid='stMain']").evaluate("e => e.scrollTo(0, 0)")
            page.wait_for_timeout(100)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def failure_evidence(page: Any, name: str, server: AppServer | None = None) -> str:
    """What the browser showed at a failure, for a reader of the CI log who has no screenshot: the
    main area's text (start), the run hook's counters, the app's state attributes and the end of
    the server's log; the PNG is saved under test-output/screenshots/FAILED-<name>.png as well."""
    log = ""
    if server is not None and server.log.exists():
        log = "\nserver log (end):\n" + "\n".join(server.log.read_text(errors="replace").splitlines()[-30:])
    try:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"FAILED-{name}.png"), full_page=True)
        shown = page.evaluate(
            """() => {
              const app = document.querySelector("[data-testid='stApp']");
              const main = document.querySelector("[data-testid='stMain']");
              const r = window.__e2eRuns || {};
              return JSON.stringify({
                script: app && app.getAttribute("data-test-script-state"),
                connection: app && app.getAttribute("data-test-connection-state"),
                asked: r.asked, run: r.run, finished: r.run ? (r.finished || new Set()).has(r.run) : null,
                text: main ? main.innerText.slice(0, 1500) : null,
              });
            }"""
        )
        return str(shown) + log
    except Exception as error:  # the evidence must never hide the failure itself
        return f"(no evidence: {error})" + log


# The page side of wait_idle: what the app has been asked to run and what it has run, read off
# Streamlit's own websocket protocol (BackMsg / ForwardMsg, protobuf; field numbers from
# streamlit/proto: BackMsg.rerun_script = 11, file_urls_request = 16; ForwardMsg.metadata = 2
# (.run = 6, .run.script_run_id = 1, .run.fragment_ids = 2), new_session = 4, script_finished = 6,
# file_urls_response = 19; ClientState.fragment_id = 5, is_auto_rerun = 6;
# ScriptFinishedStatus 2 = FINISHED_EARLY_FOR_RERUN, a run that the next run of its chain replaces).
RUN_HOOK_JS = r"""(() => {
  if (window.__e2eRuns) { return; }
  const r = window.__e2eRuns = {
    mark: 0, idleMark: -1, asked: [], run: null, runFragments: [], finished: new Set(), urls: 0, http: 0,
    overlap: false,
  };
  const varint = (b, i) => {
    let v = 0, s = 1, x;
    do { x = b[i++]; v += (x & 0x7f) * s; s *= 128; } while (x & 0x80 && i < b.length);
    return [v, i];
  };
  /* The top-level fields of one protobuf message: [[number, value or bytes], ...]. */
  const fields = (b) => {
    const out = [];
    let i = 0;
    while (i < b.length) {
      let tag, v;
      [tag, i] = varint(b, i);
      const wire = tag & 7, number = Math.floor(tag / 8);
      if (wire === 0) { [v, i] = varint(b, i); out.push([number, v]); }
      else if (wire === 2) { [v, i] = varint(b, i); out.push([number, b.subarray(i, i + v)]); i += v; }
      else if (wire === 1) { i += 8; } else if (wire === 5) { i += 4; } else { break; }
    }
    return out;
  };
  const text = (b) => new TextDecoder().decode(b);
  const sent = (data) => {
    const b = data instanceof ArrayBuffer ? new Uint8Array(data) : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
    if (!b) { return; }
    for (const [number, value] of fields(b)) {
      if (number === 11) {
        const state = fields(value);
        const auto = state.some(([n, v]) => n === 6 && v === 1);
        const fragment = state.filter(([n]) => n === 5).map(([, v]) => text(v))[0] || "";
        /* A timer's rerun (st.fragment(run_every=...)) is no user's request: not waited for
           (its run, once started, is, like every run). */
        if (!auto) {
          /* Sent while another request or a run was open: the next new_session may be that
             run's, begun before the server read this one (see SETTLE_MS). */
          if (r.asked.length || (r.run !== null && !r.finished.has(r.run))) { r.overlap = true; }
          r.asked.push(fragment);
        }
        r.mark++;
      } else if (number === 16) { r.urls++; r.mark++; }
    }
  };
  const received = (event) => {
    if (!(event.data instanceof ArrayBuffer)) { return; }
    let run = null, fragments = [];
    for (const [number, value] of fields(new Uint8Array(event.data))) {
      if (number === 2) {
        for (const [n, v] of fields(value)) {
          if (n !== 6) { continue; }
          for (const [m, w] of fields(v)) {
            if (m === 1) { run = text(w); } else if (m === 2) { fragments.push(text(w)); }
          }
        }
      } else if (number === 4) {
        r.run = run; r.runFragments = fragments; r.mark++;
        /* A full run answers every request sent before it began; a fragment run, its own. */
        r.asked = fragments.length === 0 ? [] : r.asked.filter((f) => f === "" || !fragments.includes(f));
      } else if (number === 6) {
        if (value !== 2) { r.finished.add(run === null ? r.run : run); }
        r.mark++;
      } else if (number === 19) { r.urls = Math.max(0, r.urls - 1); r.mark++; }
    }
  };
  const Native = window.WebSocket;
  const nativeSend = Native.prototype.send;
  Native.prototype.send = function (data) { try { sent(data); } catch (e) {} return nativeSend.call(this, data); };
  window.WebSocket = class extends Native {
    constructor(...args) { super(...args); this.addEventListener("message", (e) => { try { received(e); } catch (x) {} }); }
  };
  /* Uploads (the file uploader PUTs the file, then asks for a rerun). */
  const nativeFetch = window.fetch;
  window.fetch = function (...args) {
    r.http++; r.mark++;
    return nativeFetch.apply(this, args).finally(() => { r.http--; r.mark++; });
  };
  const xhrSend = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...args) {
    r.http++; r.mark++;
    this.addEventListener("loadend", () => { r.http--; r.mark++; }, {once: true});
    return xhrSend.apply(this, args);
  };
})();"""


# Waits in the page (its timers, so a widget's own debounce, set before, fires first) until the app
# is idle: every rerun the page asked for has begun and the last run has finished, nothing is
# being uploaded, Streamlit's root says notRunning and connected, nothing is stale, and none of
# this changed for two frames and SETTLE_MS. When nothing at all happened since the last idle (an
# action that sends nothing at once: a widget with a debounce, an upload about to start), it first
# waits GRACE_MS for something to begin; if nothing did (typing into a form, opening a list), the
# app is idle as it was.
WAIT_JS = r"""async ({timeout, grace, settle, overlapSettle}) => {
  const r = window.__e2eRuns;
  if (!r) { return "no run hook in this page: make its context with the browser fixture's new_context"; }
  const end = performance.now() + timeout;
  const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
  const frames = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const busy = () => {
    if (r.asked.length) { return `${r.asked.length} rerun request(s) not begun`; }
    if (r.run !== null && !r.finished.has(r.run)) { return "a run is going"; }
    if (r.urls || r.http) { return "an upload is going"; }
    const app = document.querySelector("[data-testid='stApp']");
    if (!app) { return "no app"; }
    if (app.getAttribute("data-test-connection-state") !== "CONNECTED") { return "not connected"; }
    if (app.getAttribute("data-test-script-state") !== "notRunning") { return "the app says running"; }
    if (document.querySelector("[data-testid='stStatusWidget'], [data-stale='true']")) { return "stale elements"; }
    return "";
  };
  let waited = r.mark !== r.idleMark;  /* something happened since the last idle: no grace */
  let why = "";
  while (performance.now() < end) {
    why = busy();
    if (why) { await sleep(20); continue; }
    if (!waited) {
      waited = true;
      await sleep(grace);
      await frames();
      if (r.mark === r.idleMark && !busy()) { return ""; }  /* the action sent nothing: idle */
      continue;
    }
    const mark = r.mark;
    await frames();
    await sleep(r.overlap ? overlapSettle : settle);
    if (busy() || r.mark !== mark) { continue; }
    r.idleMark = r.mark;
    r.overlap = false;
    return "";
  }
  return why || "timed out";
}"""


GRACE_MS = 300  # longer than any widget's own debounce (Streamlit's data editor: 150 ms)
# Nothing may change for this long after the last run ended (a page's own follow-up request, a
# late element). A request the page sent while an earlier request or a run was still open is
# cleared by the next new_session (a full run answers every earlier request), but the server may
# have begun that run before it read the request: then the request's own run begins only after
# this one ends, normally within a few ms on loopback, later on a loaded machine. Only then is the
# longer OVERLAP_SETTLE_MS waited; a request sent to an idle app is answered by the next run.
SETTLE_MS = 80
OVERLAP_SETTLE_MS = 250


def wait_idle(page: Any, timeout: float = 20.0, *, grace: bool = True) -> None:
    """Wait until the app has rendered and has run everything the page asked it to run.

    The page's run hook (``RUN_HOOK_JS``, put into every context by the ``browser`` fixture)
    follows Streamlit's websocket: each rerun request the page sends, each run the server begins
    (``new_session``) and ends (``script_finished``). So this returns as soon as the run an action
    asked for has been drawn, instead of after a fixed quiet period, and never before that run
    has begun, however slow the machine. ``grace=False`` skips ``GRACE_MS`` after an action
    that cannot ask for a run later (switching a tab, resizing the page).
    """
    page.wait_for_selector(
        "[data-testid='stMainBlockContainer'] [data-testid='stElementContainer']",
        state="attached",
        timeout=timeout * 1000,
    )
    args = {
        "timeout": timeout * 1000,
        "grace": GRACE_MS if grace else 0,
        "settle": SETTLE_MS,
        "overlapSettle": OVERLAP_SETTLE_MS,
    }
    for _ in range(3):
        try:
            why = page.evaluate(WAIT_JS, args)
            break
        except Exception as error:  # a navigation replaced the page while it waited: wait anew
            if "Execution context was destroyed" not in str(error):
                raise
    else:
        why = "the page kept navigating"
    if why:
        raise AssertionError(f"the app did not finish running in time: {why}")


def run_script_tag(page: Any, tag: str) -> None:
    """Run a ``<script>…</script>`` the app puts into the page (through st.html), as the browser
    runs it when the element is new: for testing the app's small scripts on a page of their own."""
    page.evaluate(
        "js => { const s = document.createElement('script'); s.textContent = js; document.body.append(s); }",
        tag.removeprefix("<script>").split("</script>")[0],
    )


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


def empty_store(server: AppServer) -> None:
    """Delete every assessment in the server's SQLite store and what the app remembers of its
    local user (the last assessment and page): a new page then starts as on a fresh install,
    without the cost of a new server."""
    from assessment.storage import open_store

    store = open_store(f"sqlite:///{server.data_dir / 'assessments.db'}")
    try:
        user = store.local_user()
        for summary in store.list(user):
            store.delete(user, summary.id)
        store.set_ui_state(user, {})
    finally:
        store.close()


def eventually(check: Callable[[], Any], expected: Any, timeout: float = 15.0, *, what: object = "") -> None:
    """Assert that ``check()`` returns ``expected`` within ``timeout`` s (a save lands when the
    script run that follows the browser's edit has finished; a layout settles after a resize);
    ``what`` names the check in the failure."""
    deadline = time.monotonic() + timeout
    value = check()
    while value != expected and time.monotonic() < deadline:
        time.sleep(0.2)
        value = check()
    assert value == expected, what
