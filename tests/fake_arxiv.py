"""A fake arXiv on 127.0.0.1 for the tests: the query API as Atom feeds, PDFs, and faults on demand.

The feeds follow the shape of arXiv's current answers (see ../shared/corpus/atom/): the opensearch
header, one ``<entry>`` per paper with ``arxiv:``-prefixed extensions, a ``rel="alternate"`` abstract link
and a PDF link without a title (``feed_form``: "today" by default, "titled" for the older ``title="pdf"``
link, "abs_only"), and an empty feed for an ID arXiv does not know. The pdf link points back at
this server, so the real download code runs against it.

    fake.add_paper("1506.03099", version=3, title="...", pdf=pdf_bytes, eprint=make_eprint({"main.tex": tex}))
    fake.fail("/api/query", status=429, times=2, retry_after=1)
    fake.fail(paper="1506.03099", mode="truncated")
"""

from __future__ import annotations

import gzip
import io
import re
import socket
import tarfile
import threading
import time
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from fake_arxiv_http import ENDLESS_LIMIT, SLOW_PIECES, FakeHandler, FakeServer, Fault, make_pdf_bytes

ATOM_HEAD = (
    "<?xml version='1.0' encoding='UTF-8'?>\n"
    '<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" '
    'xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">\n'
)
MODES = (
    "status", "hang", "stall", "html", "truncated", "endless", "redirect_loop", "no_eof", "not_pdf", "slow",
    "trickle",
)  # fmt: skip


def make_eprint(files: dict[str, str | bytes]) -> bytes:
    """An e-print as arXiv serves a TeX submission: a gzipped tar of the author's files."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as gz, tarfile.open(fileobj=gz, mode="w") as tar:
        for name, content in files.items():
            data = content.encode() if isinstance(content, str) else content
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


def gzip_tex(text: str) -> bytes:
    """An e-print of a single-file submission: the ``.tex`` gzipped, no tar."""
    return gzip.compress(text.encode(), mtime=0)


def unused_url() -> str:
    """An http URL on 127.0.0.1 where nothing listens: connections to it are refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@dataclass
class FakePaper:
    arxiv_id: str
    version: int = 1
    title: str = "A Paper"
    authors: list[str] = field(default_factory=lambda: ["Ada Lovelace"])
    abstract: str = "We study things."
    categories: list[str] = field(default_factory=lambda: ["cs.LG"])
    pdf: bytes | None = None
    eprint: bytes | None = None  # served at /e-print/<id>; None answers 404 (see make_eprint, gzip_tex)
    withdrawn: bool = False
    published: str = "2015-06-09T22:21:28Z"
    updated: str | None = None
    comment: str | None = None
    journal_ref: str | None = None
    doi: str | None = None


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    time: float


def _words(text: str) -> list[str]:
    return re.sub(r"[^\w]+", " ", text.lower()).split()


def _contains_phrase(haystack: str, needle: str) -> bool:
    hay, words = _words(haystack), _words(needle)
    if not words:
        return False
    return any(hay[i : i + len(words)] == words for i in range(len(hay) - len(words) + 1))


class FakeArxiv:
    """The server and its state; use as a context manager or call :meth:`start` / :meth:`stop`."""

    def __init__(self) -> None:
        self.papers: dict[str, FakePaper] = {}
        self.faults: list[Fault] = []
        self.requests: list[Recorded] = []
        self.unknown_style = "empty"  # or "error": the old API's "Error" entry for unknown IDs
        # How an entry links its PDF: "today" (no title, both links rel="alternate" type="text/html", as
        # arXiv answers now), "titled" (the older title="pdf" link) or "abs_only" (only the /abs/ link,
        # pointing at this server, so that a PDF URL built from it can be fetched).
        self.feed_form = "today"
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = FakeServer(("127.0.0.1", 0), FakeHandler)
        self._server.daemon_threads = True
        self._server.fake = self
        self._thread: threading.Thread | None = None

    # Lifecycle

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/query"

    def start(self) -> FakeArxiv:
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05})
        self._thread.daemon = True
        self._thread.start()
        return self

    def stop(self) -> None:
        """Release hanging handlers, stop serving and close the socket."""
        self._stopping.set()
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=5)
        self._server.server_close()

    def __enter__(self) -> FakeArxiv:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # Papers and faults

    def add_paper(self, arxiv_id: str, **fields: object) -> FakePaper:
        """Register a paper (fields as :class:`FakePaper`); replaces one with the same ID."""
        paper = FakePaper(arxiv_id=arxiv_id, **fields)  # type: ignore[arg-type]
        with self._lock:
            self.papers[arxiv_id] = paper
        return paper

    def pdf_url(self, arxiv_id: str, version: int | None = None) -> str:
        return f"{self.url}/pdf/{arxiv_id}" + (f"v{version}" if version else "")

    def fail(
        self,
        prefix: str | None = None,
        *,
        paper: str | None = None,
        status: int = 503,
        mode: str = "status",
        times: int | None = None,
        retry_after: float | str | None = None,
        delay: float = 0.05,
    ) -> None:
        """Make requests whose path starts with ``prefix`` (or for ``paper``'s PDF) fail.

        ``mode`` is "status" (answer ``status`` with an optional Retry-After), "hang" (accept, never
        answer), "stall" (send half the body, then nothing), "html", "truncated" (announce the full
        length, send half), "no_eof" (a PDF cut short, no length announced), "not_pdf", "endless" (bytes
        without end or length), "redirect_loop", "trickle" (the real answer, a byte every ``delay``
        seconds) or "slow" (the whole PDF, trickled in
        :data:`SLOW_PIECES` pieces ``delay`` seconds apart, so a client can be interrupted mid-download).
        ``times`` limits how many requests fail; None means all of them.
        """
        if mode not in MODES:
            raise ValueError(f"unknown fault mode {mode!r}")
        if paper is not None:
            prefix = f"/pdf/{paper}"
        if prefix is None:
            raise ValueError("fail() needs a prefix or a paper")
        with self._lock:
            self.faults.append(Fault(prefix, mode, status, times, retry_after, delay))

    def clear_faults(self) -> None:
        with self._lock:
            self.faults.clear()

    def requests_to(self, prefix: str) -> list[Recorded]:
        """The recorded requests whose path starts with ``prefix``."""
        with self._lock:
            return [r for r in self.requests if r.path.startswith(prefix)]

    # Used by the handler

    def _record(self, method: str, path: str, query: dict[str, list[str]]) -> None:
        with self._lock:
            self.requests.append(Recorded(method, path, query, time.monotonic()))

    def _take_fault(self, path: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if path.startswith(fault.prefix):
                    if fault.times is not None:
                        fault.times -= 1
                        if fault.times <= 0:
                            self.faults.remove(fault)
                    return fault
        return None

    def _find(self, wanted: str) -> tuple[FakePaper, int] | None:
        """The paper and version for an ID as asked (``1506.03099`` or ``1506.03099v2``)."""
        m = re.fullmatch(r"(.+?)(?:v([0-9]+))?", wanted)
        if not m:
            return None
        paper = self.papers.get(m.group(1))
        if paper is None:
            return None
        version = int(m.group(2)) if m.group(2) else paper.version
        return (paper, version) if 1 <= version <= paper.version else None

    def _matches(self, paper: FakePaper, query: str) -> bool:
        """A small subset of arXiv's query syntax: ``field:word`` or ``field:"phrase"`` joined by AND."""
        for term in re.split(r"\s+AND\s+", query.strip()):
            m = re.fullmatch(r'(?:(ti|au|abs|all|cat):)?"?(.*?)"?', term.strip())
            if not m:
                return False
            fld, value = m.group(1) or "all", m.group(2)
            texts = {
                "ti": [paper.title],
                "au": paper.authors,
                "abs": [paper.abstract],
                "cat": paper.categories,
                "all": [paper.title, paper.abstract, *paper.authors],
            }[fld]
            if not any(_contains_phrase(t, value) for t in texts):
                return False
        return True

    def feed(self, query: dict[str, list[str]]) -> str:
        """The Atom feed answering an API query."""
        search = (query.get("search_query") or [""])[0]
        id_list = [i for i in (query.get("id_list") or [""])[0].split(",") if i]
        start = int((query.get("start") or ["0"])[0])
        max_results = int((query.get("max_results") or ["10"])[0])
        entries: list[str] = []
        with self._lock:
            if id_list:
                for wanted in id_list:
                    found = self._find(wanted)
                    if found and (not search or self._matches(found[0], search)):
                        entries.append(self._entry(*found))
                    elif found is None and self.unknown_style == "error":
                        entries.append(_error_entry(wanted))
            else:
                entries = [
                    self._entry(p, p.version) for p in self.papers.values() if self._matches(p, search)
                ]
        page = entries[start : start + max_results]
        title = escape(f"arXiv Query: search_query={search}&id_list={','.join(id_list)}")
        return (
            ATOM_HEAD
            + "  <id>https://arxiv.org/api/fake</id>\n"
            + f"  <title>{title}&amp;start={start}&amp;max_results={max_results}</title>\n"
            + f"  <updated>{time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}</updated>\n"
            + f'  <link href={quoteattr(self.api_url)} type="application/atom+xml"/>\n'
            + f"  <opensearch:itemsPerPage>{max_results}</opensearch:itemsPerPage>\n"
            + f"  <opensearch:totalResults>{len(entries)}</opensearch:totalResults>\n"
            + f"  <opensearch:startIndex>{start}</opensearch:startIndex>\n"
            + "".join(page)
            + "</feed>\n"
        )

    def _entry(self, p: FakePaper, version: int) -> str:
        vid = f"{p.arxiv_id}v{version}"
        comment = p.comment or ("This paper has been withdrawn" if p.withdrawn else None)
        lines = [
            "  <entry>",
            f"    <id>http://arxiv.org/abs/{vid}</id>",
            f"    <title>{escape(p.title)}</title>",
            f"    <updated>{p.updated or p.published}</updated>",
        ]
        abs_href = f"{self.url}/abs/{vid}" if self.feed_form == "abs_only" else f"https://arxiv.org/abs/{vid}"
        lines.append(f'    <link href="{abs_href}" rel="alternate" type="text/html"/>')
        href = quoteattr(self.pdf_url(p.arxiv_id, version))
        if p.withdrawn or self.feed_form == "abs_only":
            pass
        elif self.feed_form == "titled":
            lines.append(f'    <link href={href} rel="related" type="application/pdf" title="pdf"/>')
        else:  # today: no title, and both links alternate text/html (arxiv.py issue #181)
            lines.append(f'    <link href={href} rel="alternate" type="text/html"/>')
        lines.append(f"    <summary>{escape(p.abstract)}</summary>")
        lines += [
            f'    <category term={quoteattr(c)} scheme="http://arxiv.org/schemas/atom"/>'
            for c in p.categories
        ]
        lines.append(f"    <published>{p.published}</published>")
        if comment:
            lines.append(f"    <arxiv:comment>{escape(comment)}</arxiv:comment>")
        if p.categories:
            lines.append(f"    <arxiv:primary_category term={quoteattr(p.categories[0])}/>")
        if p.journal_ref:
            lines.append(f"    <arxiv:journal_ref>{escape(p.journal_ref)}</arxiv:journal_ref>")
        lines += [f"    <author>\n      <name>{escape(a)}</name>\n    </author>" for a in p.authors]
        if p.doi:
            lines.append(f"    <arxiv:doi>{escape(p.doi)}</arxiv:doi>")
            doi_href = quoteattr("https://doi.org/" + p.doi)
            lines.append(f'    <link rel="related" href={doi_href} title="doi"/>')
        lines.append("  </entry>\n")
        return "\n".join(lines)

    def pdf_for(self, path: str) -> bytes | None:
        """The PDF bytes served at ``/pdf/<id>[v<n>][.pdf]``, None when there is none."""
        wanted = path[len("/pdf/") :].removesuffix(".pdf")
        with self._lock:
            found = self._find(wanted)
        if found is None or found[0].withdrawn:
            return None
        return found[0].pdf

    def eprint_for(self, path: str) -> bytes | None:
        """The e-print bytes served at ``/e-print/<id>[v<n>]``, None when there is none."""
        wanted = path[len("/e-print/") :]
        with self._lock:
            found = self._find(wanted)
        if found is None or found[0].withdrawn:
            return None
        return found[0].eprint


def _error_entry(wanted: str) -> str:
    """The old API's answer to an ID it cannot read: an entry titled "Error" (no <published>)."""
    anchor = "incorrect_id_format_for_" + re.sub(r"[^\w.]", "_", wanted)
    return (
        "  <entry>\n"
        f"    <id>http://arxiv.org/api/errors#{anchor}</id>\n"
        "    <title>Error</title>\n"
        f"    <summary>incorrect id format for {escape(wanted)}</summary>\n"
        f"    <updated>{time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}</updated>\n"
        f'    <link href="http://arxiv.org/api/errors#{anchor}" rel="alternate" type="text/html"/>\n'
        "    <author>\n      <name>arXiv api core</name>\n    </author>\n"
        "  </entry>\n"
    )


__all__ = ["ENDLESS_LIMIT", "SLOW_PIECES", "FakeArxiv", "Fault", "gzip_tex", "make_eprint", "make_pdf_bytes"]
