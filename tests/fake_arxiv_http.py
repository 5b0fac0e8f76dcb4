"""The fake arXiv's HTTP side: the server and the handler that answer feeds, PDFs, e-prints and faults
as the :class:`~fake_arxiv.FakeArxiv` they serve says."""

from __future__ import annotations

import contextlib
import http.server
import sys
import urllib.parse
from dataclasses import dataclass
from typing import Any

SLOW_PIECES = 40  # "slow" sends the body in this many pieces, ``delay`` seconds apart
ENDLESS_LIMIT = 256 * 1024 * 1024  # even "endless" stops somewhere, so a broken client cannot run forever


def make_pdf_bytes(text: str = "A test paper", pages: int = 1) -> bytes:
    """A small valid PDF with ``text`` on each page, made with PyMuPDF."""
    import pymupdf

    doc = pymupdf.open()
    for _ in range(pages):
        page = doc.new_page()
        page.insert_text((72, 72), text)
    data: bytes = doc.tobytes()
    doc.close()
    return data


@dataclass
class Fault:
    prefix: str
    mode: str
    status: int
    times: int | None  # None: every request
    retry_after: float | str | None
    delay: float = 0.05  # "slow": seconds between pieces of the body


class FakeServer(http.server.ThreadingHTTPServer):
    """The HTTP server; a client that hangs up mid-answer (as the download tests do on purpose) is not an
    error worth a traceback on stderr, where it would land in whichever test is capturing it then."""

    fake: Any  # the FakeArxiv it answers for

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class FakeHandler(http.server.BaseHTTPRequestHandler):
    server_version = "FakeArxiv/1.0"
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else small answers wait for delayed ACKs (~40 ms each)

    @property
    def fake(self) -> Any:  # the FakeArxiv this server answers for
        return self.server.fake  # type: ignore[attr-defined]  # (BaseServer does not know it)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean

    def do_GET(self) -> None:
        parsed = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(parsed.query, keep_blank_values=True)
        self.fake._record("GET", parsed.path, query)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            fault = self.fake._take_fault(parsed.path)
            if fault is not None:
                self._fault(fault, parsed.path, query)
            elif parsed.path == "/api/query":
                self._send(200, self.fake.feed(query).encode(), "application/atom+xml; charset=utf-8")
            elif parsed.path.startswith("/pdf/"):
                pdf = self.fake.pdf_for(parsed.path)
                if pdf is None:
                    self._send(404, b"<html><body>Not found</body></html>", "text/html")
                else:
                    self._send(200, pdf, "application/pdf")
            elif parsed.path.startswith("/e-print/"):
                eprint = self.fake.eprint_for(parsed.path)
                if eprint is None:
                    self._send(404, b"<html><body>Not found</body></html>", "text/html")
                else:
                    self._send(200, eprint, "application/x-eprint-tar")
            else:
                self._send(404, b"not found", "text/plain")

    def _send(self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _fault(self, fault: Fault, path: str, query: dict[str, list[str]]) -> None:
        pdf = b""
        if fault.mode in ("truncated", "no_eof", "stall", "slow"):
            pdf = (self.fake.pdf_for(path) if path.startswith("/pdf/") else None) or make_pdf_bytes("fault")
        if fault.mode == "status":
            headers = {} if fault.retry_after is None else {"Retry-After": str(fault.retry_after)}
            self._send(fault.status, f"error {fault.status}".encode(), "text/plain", headers)
        elif fault.mode == "hang":
            self.fake._stopping.wait(timeout=60)
            self.close_connection = True
        elif fault.mode == "html":
            self._send(200, b"<!DOCTYPE html>\n<html><body>Please wait...</body></html>", "text/html")
        elif fault.mode == "not_pdf":
            self._send(200, b"GIF89a" + bytes(200), "application/pdf")
        elif fault.mode == "truncated":
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(len(pdf)))
            self.end_headers()
            self.wfile.write(pdf[: len(pdf) // 2])
            self.close_connection = True
        elif fault.mode == "stall":
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(len(pdf)))
            self.end_headers()
            self.wfile.write(pdf[: len(pdf) // 2])
            self.wfile.flush()
            self.fake._stopping.wait(timeout=60)
            self.close_connection = True
        elif fault.mode == "no_eof":
            self._unbounded_start()
            self.wfile.write(pdf[: len(pdf) // 2])
        elif fault.mode == "endless":
            self._unbounded_start()
            self.wfile.write(b"%PDF-1.7\n")
            block = b"0" * 65536
            sent = 0
            while sent < ENDLESS_LIMIT and not self.fake._stopping.is_set():
                self.wfile.write(block)
                sent += len(block)
        elif fault.mode == "slow":
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(len(pdf)))
            self.end_headers()
            step = max(1, -(-len(pdf) // SLOW_PIECES))
            for start in range(0, len(pdf), step):
                if self.fake._stopping.wait(timeout=fault.delay):
                    break
                self.wfile.write(pdf[start : start + step])
                self.wfile.flush()
        elif fault.mode == "trickle":  # the real answer, a byte every ``delay`` seconds
            body = self.fake.feed(query).encode() if path == "/api/query" else self.fake.pdf_for(path) or b""
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            for i in range(len(body)):
                if self.fake._stopping.wait(timeout=fault.delay):
                    break
                self.wfile.write(body[i : i + 1])
                self.wfile.flush()
        elif fault.mode == "redirect_loop":
            self.send_response(302)
            self.send_header("Location", path)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def _unbounded_start(self) -> None:
        """Headers for a body that ends when the connection closes (no Content-Length)."""
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
