"""Open a local HTML file in headless Chromium and collect what went wrong in the page.

``check_page(html_path)`` starts ``/usr/bin/chromium`` headless (no network use: background
networking, component updates, sync and QUIC are off), drives it through the DevTools
protocol (``websocket-client``), and returns console errors, uncaught JavaScript exceptions,
requests to anything but local files/data URLs, and a full-page screenshot.
Tests call ``require_chromium()`` first: it skips with a clear reason when Chromium is absent.
"""

from __future__ import annotations

import base64
import contextlib
import json
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--hide-scrollbars",
    "--mute-audio",
)


@dataclass(frozen=True)
class PageCheck:
    """What happened when the page was opened."""

    console_errors: tuple[str, ...]
    js_exceptions: tuple[str, ...]
    screenshot_path: Path
    external_requests: tuple[str, ...] = ()
    title: str = ""
    text_length: int = 0
    log: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not (self.console_errors or self.js_exceptions or self.external_requests)


def chromium_path() -> str | None:
    for c in CHROMIUM_CANDIDATES:
        p = shutil.which(c)
        if p:
            return p
    return None


def require_chromium() -> str:
    """Return the Chromium executable, or skip the calling test with the reason."""
    import pytest

    p = chromium_path()
    if p is None:
        pytest.skip(
            "headless Chromium is not installed (/usr/bin/chromium); "
            "run scripts/install-system-deps.sh (make test does)"
        )
    return p


class _DevTools:
    def __init__(self, ws_url: str) -> None:
        import websocket

        self.ws = websocket.create_connection(ws_url, timeout=30, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict] = []

    def send(self, method: str, **params: object) -> dict:
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        self.ws.settimeout(120)
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == my_id:
                if "error" in msg:
                    raise RuntimeError(f"DevTools {method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)

    def wait_for(self, method: str, timeout: float) -> bool:
        if any(e.get("method") == method for e in self.events):
            return True
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.ws.settimeout(max(0.1, end - time.monotonic()))
            try:
                msg = json.loads(self.ws.recv())
            except Exception:  # timeout
                return False
            self.events.append(msg)
            if msg.get("method") == method:
                return True
        return False

    def drain(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.ws.settimeout(max(0.05, end - time.monotonic()))
            try:
                self.events.append(json.loads(self.ws.recv()))
            except Exception:
                return

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.ws.close()


def check_page(
    html_path: str | Path,
    screenshot_path: str | Path | None = None,
    *,
    width: int = 1280,
    max_height: int = 16000,
    timeout: float = 60.0,
) -> PageCheck:
    """Open ``html_path`` in headless Chromium; return errors and a full-page screenshot."""
    exe = chromium_path()
    if exe is None:
        raise FileNotFoundError("chromium is not installed; run scripts/install-system-deps.sh")
    html = Path(html_path).resolve()
    if not html.is_file():
        raise FileNotFoundError(html)
    shot = Path(screenshot_path) if screenshot_path else html.with_suffix(".png")
    profile = tempfile.mkdtemp(prefix="vaikuttavuus-chromium-")
    cmd = [exe, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0",
           f"--window-size={width},900", "about:blank"]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    log: list[str] = []
    dt: _DevTools | None = None
    try:
        port = None
        end = time.monotonic() + timeout
        while time.monotonic() < end and port is None:
            line = proc.stderr.readline()
            if not line and proc.poll() is not None:
                break
            log.append(line.rstrip())
            m = re.search(r"DevTools listening on ws://[^:]+:(\d+)/", line)
            if m:
                port = int(m.group(1))
        if port is None:
            raise RuntimeError(
                "chromium did not start its DevTools endpoint:\n" + "\n".join(log[-20:])
            )
        pages = []
        for _ in range(50):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
                pages = [p for p in json.load(r) if p.get("type") == "page"]
            if pages:
                break
            time.sleep(0.1)
        if not pages:
            raise RuntimeError("chromium opened no page target")
        dt = _DevTools(pages[0]["webSocketDebuggerUrl"])
        for domain in ("Page", "Runtime", "Log", "Network"):
            dt.send(f"{domain}.enable")
        dt.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=900,
            deviceScaleFactor=1,
            mobile=False,
        )
        dt.events.clear()
        dt.send("Page.navigate", url=html.as_uri())
        if not dt.wait_for("Page.loadEventFired", timeout):
            raise RuntimeError(f"{html.name} did not finish loading within {timeout} s")
        dt.drain(1.0)  # late console messages, scripts run after load
        metrics = dt.send("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        height = min(int(size["height"]) + 1, max_height)
        dt.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        png = dt.send("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        shot.parent.mkdir(parents=True, exist_ok=True)
        shot.write_bytes(base64.b64decode(png["data"]))
        title = dt.send("Runtime.evaluate", expression="document.title", returnByValue=True)
        text_len = dt.send(
            "Runtime.evaluate", expression="document.body.innerText.length", returnByValue=True
        )
        console, exceptions, external = [], [], []
        for e in dt.events:
            m, p = e.get("method"), e.get("params", {})
            if m == "Runtime.exceptionThrown":
                d = p.get("exceptionDetails", {})
                exceptions.append(
                    d.get("exception", {}).get("description") or d.get("text", "exception")
                )
            elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                console.append(
                    " ".join(
                        str(a.get("value", a.get("description", ""))) for a in p.get("args", [])
                    )
                )
            elif m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                entry = p["entry"]
                console.append(
                    f"{entry.get('source')}: {entry.get('text')} {entry.get('url', '')}".strip()
                )
            elif m == "Network.requestWillBeSent":
                url = p.get("request", {}).get("url", "")
                if not url.startswith(("file:", "data:", "about:", "blob:")):
                    external.append(url)
        return PageCheck(
            console_errors=tuple(console),
            js_exceptions=tuple(exceptions),
            screenshot_path=shot,
            external_requests=tuple(external),
            title=str(title.get("result", {}).get("value", "")),
            text_length=int(text_len.get("result", {}).get("value", 0) or 0),
            log=tuple(log),
        )
    finally:
        if dt is not None:
            dt.close()
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(profile, ignore_errors=True)


def print_layout(html_path: str | Path, *, width: int = 688, timeout: float = 60.0) -> dict:
    """Open ``html_path`` with print media emulated at the A4 text width (182 mm = 688 px).

    Returns ``{"scroll_width", "client_width", "overflowing", "globals"}``: the page's scroll
    width (more than the client width means content is cut off on paper), the tags of
    elements wider than the page, and which of the probe globals ``__xss`` is set.
    """
    exe = chromium_path()
    if exe is None:
        raise FileNotFoundError("chromium is not installed; run scripts/install-system-deps.sh")
    html = Path(html_path).resolve()
    profile = tempfile.mkdtemp(prefix="vaikuttavuus-chromium-")
    cmd = [exe, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0",
           f"--window-size={width},900", "about:blank"]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    dt = None
    try:
        port = None
        end = time.monotonic() + timeout
        while time.monotonic() < end and port is None:
            line = proc.stderr.readline()
            if not line and proc.poll() is not None:
                break
            m = re.search(r"DevTools listening on ws://[^:]+:(\d+)/", line)
            port = int(m.group(1)) if m else None
        if port is None:
            raise RuntimeError("chromium did not start its DevTools endpoint")
        pages = []
        for _ in range(50):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
                pages = [p for p in json.load(r) if p.get("type") == "page"]
            if pages:
                break
            time.sleep(0.1)
        dt = _DevTools(pages[0]["webSocketDebuggerUrl"])
        dt.send("Page.enable")
        dt.send("Emulation.setEmulatedMedia", media="print")
        dt.send("Emulation.setDeviceMetricsOverride", width=width, height=1100,
                deviceScaleFactor=1, mobile=False)  # fmt: skip
        dt.events.clear()
        dt.send("Page.navigate", url=html.as_uri())
        if not dt.wait_for("Page.loadEventFired", timeout):
            raise RuntimeError(f"{html.name} did not finish loading within {timeout} s")
        expr = """JSON.stringify({
          scroll_width: document.documentElement.scrollWidth,
          client_width: document.documentElement.clientWidth,
          overflowing: Array.from(document.querySelectorAll('table, img, pre'))
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .map(e => e.tagName),
          globals: typeof window.__xss === 'undefined' ? [] : ['__xss'],
        })"""
        res = dt.send("Runtime.evaluate", expression=expr, returnByValue=True)
        return json.loads(res["result"]["value"])
    finally:
        if dt is not None:
            dt.close()
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":  # pragma: no cover
    import sys

    print(check_page(sys.argv[1]))
