"""Downloading lists from their official addresses.

Each file is fetched with a conditional request (``If-None-Match`` /
``If-Modified-Since`` from the last successful load), a timeout, and retries with
backoff on network errors, 429 and 5xx. The body goes to a temporary file that is only
used once complete: a download that ends early is an error, never a short list. The
validators are saved only after the list was parsed and stored, so a failed load is
fetched again next time.
"""

from __future__ import annotations

import email.utils
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from caveat import settings
from caveat.exc import CaveatError, DownloadError
from caveat.loading import LoadOutcome, LoadReport, parse_set, store_parsed
from caveat.sources.catalogue import CatalogueEntry
from caveat.sources.discover import FileSet
from caveat.sources.registry import get_parser
from caveat.store import DownloadState, Store

__all__ = ["Fetched", "fetch_file", "update_lists"]

ByteProgress = Callable[[str, int, int | None], None]
RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}
CHUNK = 1 << 16


@dataclass(frozen=True)
class Fetched:
    url: str
    path: Path | None
    etag: str | None
    last_modified: str | None
    content_hash: str | None

    @property
    def not_modified(self) -> bool:
        return self.path is None


def fetch_file(
    client: httpx.Client,
    url: str,
    dest: Path,
    state: DownloadState | None = None,
    *,
    retries: int = 3,
    backoff: float = 0.5,
    progress: ByteProgress | None = None,
) -> Fetched:
    """Fetch ``url`` into ``dest``; returns ``path=None`` when the server says 304."""
    headers: dict[str, str] = {}
    if state is not None and state.etag is not None:
        headers["If-None-Match"] = state.etag
    if state is not None and state.last_modified is not None:
        headers["If-Modified-Since"] = state.last_modified
    problem = "no attempt was made"
    for attempt in range(retries + 1):
        if attempt > 0:
            time.sleep(backoff * 2 ** (attempt - 1))
        try:
            return _attempt(client, url, dest, headers, progress)
        except _Retryable as exc:
            problem = str(exc)
        except httpx.TimeoutException as exc:
            problem = f"timed out ({type(exc).__name__})"
        except httpx.TransportError as exc:
            problem = f"the connection failed: {exc}"
    dest.unlink(missing_ok=True)
    raise DownloadError(
        f"downloading {url} failed after {retries + 1} attempts: {problem}", url=url
    )


class _Retryable(Exception):
    pass


def _attempt(
    client: httpx.Client,
    url: str,
    dest: Path,
    headers: dict[str, str],
    progress: ByteProgress | None,
) -> Fetched:
    with client.stream("GET", url, headers=headers) as response:
        if response.status_code == 304:
            return Fetched(url, None, None, None, None)
        if response.status_code in RETRY_STATUS:
            raise _Retryable(f"the server answered {response.status_code}")
        if response.status_code != 200:
            raise DownloadError(
                f"downloading {url} failed: the server answered {response.status_code}",
                url=url,
                status_code=response.status_code,
            )
        expected = response.headers.get("Content-Length")
        total = int(expected) if expected is not None and expected.isdigit() else None
        digest = hashlib.sha256()
        received = 0
        dest.parent.mkdir(parents=True, exist_ok=True)
        partial = dest.with_name(dest.name + ".part")
        try:
            with partial.open("wb") as handle:
                for chunk in response.iter_raw(CHUNK):
                    handle.write(chunk)
                    digest.update(chunk)
                    received += len(chunk)
                    if progress is not None:
                        progress(url, received, total)
        except httpx.TransportError as exc:
            partial.unlink(missing_ok=True)
            ended = (
                f"after {received:,} of {total:,} bytes" if total else f"after {received:,} bytes"
            )
            raise _Retryable(f"the download ended early {ended} ({exc})") from exc
        if total is not None and received != total:
            partial.unlink(missing_ok=True)
            raise _Retryable(f"the download ended early after {received:,} of {total:,} bytes")
        partial.replace(dest)
        return Fetched(
            url,
            dest,
            response.headers.get("ETag"),
            response.headers.get("Last-Modified"),
            digest.hexdigest(),
        )


def _http_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError):
        return None


def update_lists(
    store: Store,
    entries: list[CatalogueEntry],
    workdir: Path,
    *,
    client: httpx.Client | None = None,
    progress: ByteProgress | None = None,
    backoff: float = 0.5,
) -> LoadReport:
    """Download and load each catalogue entry; one list failing does not stop others."""
    own_client = client is None
    http = client if client is not None else _default_client()
    report = LoadReport()
    try:
        for entry in entries:
            report.outcomes.append(_update_one(store, entry, workdir, http, progress, backoff))
    finally:
        if own_client:
            http.close()
    return report


def _default_client() -> httpx.Client:
    timeout = settings.http_timeout()
    return httpx.Client(
        timeout=httpx.Timeout(timeout, connect=min(timeout, 30.0)),
        follow_redirects=True,
        headers={"User-Agent": "caveat-sanctions-screening", "Accept-Encoding": "identity"},
    )


def _update_one(
    store: Store,
    entry: CatalogueEntry,
    workdir: Path,
    client: httpx.Client,
    progress: ByteProgress | None,
    backoff: float,
) -> LoadOutcome:
    parser = get_parser(entry.format)
    target = workdir / entry.list_id
    fileset = FileSet(parser, entry.list_id, {}, None)
    fetched: dict[str, Fetched] = {}
    try:
        for role, url in sorted(entry.files.items()):
            name = url.rsplit("/", 1)[-1].split("?", 1)[0] or role
            fetched[role] = fetch_file(
                client,
                url,
                target / f"{role}-{name}",
                store.download_state(url),
                retries=settings.http_retries(),
                backoff=backoff,
                progress=progress,
            )
        if all(f.not_modified for f in fetched.values()):
            return LoadOutcome(fileset, note="not modified since the last download")
        if any(f.not_modified for f in fetched.values()):
            # Part of a multi-file set changed: fetch the rest unconditionally.
            for role, url in entry.files.items():
                if fetched[role].not_modified:
                    fetched[role] = fetch_file(
                        client, url, target / f"{role}-full", None, backoff=backoff
                    )
        dates = [d for d in (_http_date(f.last_modified) for f in fetched.values()) if d]
        files = {role: f.path for role, f in fetched.items() if f.path is not None}
        fileset = FileSet(parser, entry.list_id, files, max(dates) if dates else None)
        parsed, digest = parse_set(fileset)
    except CaveatError as exc:
        store.log("failed", entry.list_id, {"catalogue": entry.files, "error": exc.message})
        return LoadOutcome(fileset, error=exc)
    outcome = store_parsed(store, fileset, parsed, digest)
    if outcome.error is None:
        for f in fetched.values():
            store.save_download_state(DownloadState(f.url, f.etag, f.last_modified, f.content_hash))
    return outcome
