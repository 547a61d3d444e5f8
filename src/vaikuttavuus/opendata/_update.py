"""``vaikuttavuus data update``: fetch the newest Statistics Finland tables into a user cache.

For each updatable table (11ra population, 12r5 unemployment; :data:`_snapshots.UPDATABLE`)
the updater asks the PxWeb API v1 for the table's variables (GET), then POSTs a JSON query
for every area, the newest period (``"filter": "top", "values": ["1"]``) and every measure,
in the ``json`` response format that the packaged snapshots have. Each response is parsed
and checked (shape, the measures the package reads, the whole-country row and a row for
every municipality of the registry) before anything is written; then all files are replaced
at once (write to a temporary file, then rename). Offline or on a bad response the cache is
left as it was and :class:`UpdateError` says so in one sentence. Kela's co-financing and the
2006-2023 series have no API the package uses: they stay the packaged snapshots.
"""

from __future__ import annotations

import json
import os
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from . import _snapshots as S
from ._aggregate import registry

#: HTTP function: ``http(method, url, body_or_None, timeout) -> response bytes``.
Http = Callable[[str, str, bytes | None, float], bytes]
#: Measures the package reads from each table (a response without them is rejected).
REQUIRED_MEASURES = {
    "population": ("vaerak-vaesto",),
    "unemployment": (
        "TYOTTOMATLOPUSSA",
        "TYOVOIMATK",
        "PITKAAIKAISTYOTTOMAT",
        "MTPPALVELUTLOP",
        "AVPAIKATLOPUSSA",
    ),
}


class UpdateError(RuntimeError):
    """The update could not be done; the cache is unchanged."""


@dataclass(frozen=True)
class Fetched:
    """One table fetched and validated: key, newest period, bytes to store."""

    key: str
    period: str
    content: bytes


def urllib_http(method: str, url: str, body: bytes | None, timeout: float) -> bytes:
    """The default HTTP function (standard library)."""
    headers = {"Content-Type": "application/json"} if body is not None else {}
    req = urllib.request.Request(url, data=body, method=method, headers=headers)
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return resp.read()


def build_query(metadata: bytes, url: str) -> dict:
    """The POST query for every area, the newest period and every measure of a table."""
    try:
        variables = json.loads(metadata)["variables"]
        codes = [(v["code"], bool(v.get("time"))) for v in variables]
    except (ValueError, KeyError, TypeError) as exc:
        raise UpdateError(
            f"The table description from {url} did not parse ({type(exc).__name__}: {exc}); "
            "the cache was left as it was."
        ) from None
    query = []
    for code, is_time in codes:
        selection = (
            {"filter": "top", "values": ["1"]} if is_time else {"filter": "all", "values": ["*"]}
        )
        query.append({"code": code, "selection": selection})
    return {"query": query, "response": {"format": "json"}}


def validate(key: str, content: bytes, url: str) -> str:
    """Parse and check one response; return its (single) period or raise ``UpdateError``."""
    try:
        frame = S.parse_pxweb(content.decode("utf-8"), url)
    except (S.SnapshotError, UnicodeDecodeError) as exc:
        raise UpdateError(
            f"The response did not parse: {exc} The cache was left as it was."
        ) from None
    missing = [m for m in REQUIRED_MEASURES[key] if m not in frame.columns]
    periods = sorted(frame["period"].unique())
    problem = ""
    if missing:
        problem = f"measures {', '.join(missing)} missing"
    elif len(periods) != 1:
        problem = f"{len(periods)} periods where one (the newest) was asked for"
    else:
        year = int(str(periods[0])[:4])
        munis = {f"KU{c}" for c in registry(max(year, 2024)).municipalities["code"]}
        absent = sorted(munis - set(frame["area"]))
        if "SSS" not in set(frame["area"]):
            problem = "no whole-country row SSS"
        elif absent:
            problem = f"{len(absent)} municipalities missing (e.g. {absent[0]})"
    if problem:
        raise UpdateError(
            f"The response from {url} was not the expected table ({problem}); the cache was "
            "left as it was."
        )
    return str(periods[0])


def fetch(key: str, http: Http, timeout: float) -> Fetched:
    """GET the table description, POST the query, validate the answer."""
    url = S.TABLES[key].url
    try:
        metadata = http("GET", url, None, timeout)
        query = build_query(metadata, url)
        content = http("POST", url, json.dumps(query).encode("utf-8"), timeout)
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        reason = getattr(exc, "reason", exc)
        raise UpdateError(
            f"Could not reach Statistics Finland's PxWeb API ({url}): {reason}; nothing was "
            "changed and the packaged data stay in use."
        ) from None
    return Fetched(key, validate(key, content, url), content)


def _write_atomic(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def update(*, http: Http | None = None, timeout: float = 60.0) -> list[dict[str, str]]:
    """Fetch the updatable tables into the user cache; all or nothing.

    Parameters
    ----------
    http : callable, optional
        ``http(method, url, body, timeout) -> bytes`` (default: urllib). Tests pass a
        function that replays recorded responses.
    timeout : float, default 60
        Seconds per request.

    Returns
    -------
    list of dict
        ``table, period, file`` per stored table.

    Raises
    ------
    UpdateError
        Offline, or a response that does not parse or is not the expected table; nothing
        was written.
    """
    http = http or urllib_http
    fetched = [fetch(key, http, timeout) for key in S.UPDATABLE]
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    manifest = {
        f.key: {"period": f.period, "retrieved": stamp, "url": S.TABLES[f.key].url} for f in fetched
    }
    for f in fetched:
        _write_atomic(S.cached_file(f.key), f.content)
    _write_atomic(S.cache_dir() / "manifest.json", json.dumps(manifest, indent=2).encode("utf-8"))
    return [
        {"table": S.TABLES[f.key].table, "period": f.period, "file": str(S.cached_file(f.key))}
        for f in fetched
    ]


def main(http: Http | None = None) -> int:
    """``vaikuttavuus data update``: print what was stored, or one sentence why not."""
    import sys

    try:
        stored = update(http=http)
    except UpdateError as exc:
        print(f"vaikuttavuus data update: {exc}", file=sys.stderr)
        return 1
    for row in stored:
        print(f"vaikuttavuus data update: table {row['table']} {row['period']} -> {row['file']}")
    return 0
