"""``paperkit fetch``: arXiv IDs or local PDFs in, library folders with a study note out.

One paper at a time, under its lock: metadata (arXiv API), the PDF (download), extraction, the note. A
batch goes on past a bad item; each item ends as a :class:`FetchOutcome`.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from paperkit.access.arxiv_api import ArxivApi
from paperkit.access.download import download_pdf
from paperkit.access.feed import versioned_pdf_url
from paperkit.access.ids import ArxivId, local_key, parse_arxiv_id, parse_paper_arg
from paperkit.atomic import atomic_write, copy_atomic
from paperkit.config import Settings
from paperkit.errors import BadInput, PaperkitError, PdfMissing
from paperkit.extraction import ExtractionError, PaperFiles, local_input
from paperkit.extraction.batch import Job, ReadAhead, read
from paperkit.library.listing import resolve_key
from paperkit.library.store import META, PDF, SECTIONS, SOURCE, Library, remove_if_empty
from paperkit.library.visuals import remove_visuals, write_visuals
from paperkit.pipeline.downloads import download_extras
from paperkit.pipeline.notes import Index, refresh_citing, refresh_note, write_note
from paperkit.pipeline.outcomes import FetchOutcome, Reporter, Silent, Status, guarded
from paperkit.records import PaperMeta, Sections, Visuals


@dataclass
class Fetcher:
    """Fetches papers into a library with the given settings."""

    settings: Settings
    force: bool = False
    offline: bool = False
    reporter: Reporter = field(default_factory=Silent)
    route: str = "auto"  # "auto" (LaTeX when the e-print has usable TeX, else the PDF), "latex", "pdf"
    _api: ArxivApi | None = None
    _last_download: float | None = None
    _ahead: ReadAhead | None = None  # a batch's papers read on every core while the notes are written
    _shows: Visuals | None = None  # the figure and formulas read with the paper's sections, for _finish
    _index: Index | None = None  # the library's records, read once per batch for the notes

    @property
    def library(self) -> Library:
        """The library the settings name."""
        return Library(self.settings.library)

    @property
    def index(self) -> Index:
        """The library's records for the notes, read on first use in a batch."""
        if self._index is None:
            self._index = Index.read(self.library)
            self._index.figures = self.settings.figures
        return self._index

    @property
    def api(self) -> ArxivApi:
        """The arXiv API client, made on first use; :class:`BadInput` when offline."""
        if self.offline:
            raise BadInput("--offline: arXiv is not contacted")
        if self._api is None:
            self._api = ArxivApi(self.settings)
        return self._api

    # -- batches ---------------------------------------------------------------------------------

    def fetch_all(self, items: list[str]) -> list[FetchOutcome]:
        """Fetch every item in turn; a failure is recorded and the batch goes on. The papers already on
        disk (local PDFs, stored papers) are read ahead on every core."""
        self.library.check()
        outcomes = []
        with ReadAhead(self._local_jobs(items)) as self._ahead:
            for i, item in enumerate(items, 1):
                self.reporter.start(item, i, len(items))
                outcome = guarded(item, partial(self.fetch_one, item))
                self.reporter.done(outcome)
                outcomes.append(outcome)
        self._ahead = None
        self.update_map(outcomes)
        return outcomes

    def update_map(self, outcomes: list[FetchOutcome]) -> None:
        """The notes that cite the papers just fetched are rebuilt to link to them, once each."""
        added = [o.key for o in outcomes if o.key and o.status == "fetched"]
        for w in refresh_citing(self.index, added) if added else []:
            self.reporter.warn(w)
        self._index = None  # the next batch reads the library as it is then

    def _local_jobs(self, items: list[str]) -> list[Job]:
        """What :meth:`_extract` will read for the items whose files are on disk already."""
        jobs = []
        for item in items if len(items) > 1 else []:
            with contextlib.suppress(PaperkitError, OSError):
                arg = parse_paper_arg(item)
                if isinstance(arg, Path):
                    if arg.is_file() and _is_pdf(arg):
                        jobs.append(self._job(PaperFiles(pdf=arg)))
                elif not self.force:
                    folder = self.library.paper_dir(arg.key)
                    if (folder / PDF).is_file() and (folder / META).is_file():
                        files = PaperFiles(pdf=folder / PDF, source=_stored(folder / SOURCE))
                        jobs.append(self._job(files))
        return jobs

    def fetch_search(self, query: str, max_results: int) -> list[FetchOutcome]:
        """Fetch the top ``max_results`` results of an arXiv search."""
        self.library.check()
        if not query.strip():
            raise BadInput("--search needs a query, e.g. --search 'scheduled sampling'")
        metas = self.api.search(query, max_results)
        outcomes = []
        for i, meta in enumerate(metas, 1):
            self.reporter.start(meta.id, i, len(metas))
            outcome = guarded(meta.id, partial(self._fetch_arxiv, ArxivId(meta.id, meta.version), meta))
            self.reporter.done(outcome)
            outcomes.append(outcome)
        self.update_map(outcomes)
        return outcomes

    # -- one item --------------------------------------------------------------------------------

    def fetch_listed(self, arxiv_id: ArxivId, meta: PaperMeta | None = None) -> FetchOutcome:
        """Fetch a paper already identified (a search result, a cited work); ``meta`` when known."""
        return self._fetch_arxiv(arxiv_id, meta)

    def fetch_one(self, item: str) -> FetchOutcome:
        """Fetch one arXiv ID, URL or local PDF path."""
        arg = parse_paper_arg(item)
        if isinstance(arg, Path):
            return self._fetch_local(item, arg)
        return self._fetch_arxiv(arg, None, item)

    def _fetch_arxiv(
        self, arxiv_id: ArxivId, meta: PaperMeta | None, item: str | None = None
    ) -> FetchOutcome:
        with self._claimed(arxiv_id.key) as folder:
            outcome = self._fetch_arxiv_locked(arxiv_id, meta, folder)
        outcome.input = item or str(arxiv_id)
        return outcome

    def _fetch_arxiv_locked(self, arxiv_id: ArxivId, meta: PaperMeta | None, folder: Path) -> FetchOutcome:
        lib = self.library
        key = arxiv_id.key
        have_pdf = (folder / PDF).is_file() and (folder / META).is_file()
        warnings: list[str] = []
        sections: Sections | None = None
        if have_pdf and not self.force:
            # In the library already: rebuild sections and note from the stored PDF, offline.
            meta = lib.read_meta(key)
            sections = self._extract(folder / PDF, warnings, _stored(folder / SOURCE))
            return self._finish(key, folder, meta, sections, warnings, status="updated")

        if meta is None:
            meta = self.api.lookup(arxiv_id)
        if arxiv_id.version is not None:
            meta.version = arxiv_id.version  # the version asked for is the one downloaded
        downloaded = False
        if meta.pdf_url:
            url = versioned_pdf_url(meta.pdf_url, arxiv_id)
            self._pause()
            with contextlib.suppress(PdfMissing):  # a 404 for the PDF (given, or built from /abs/): withdrawn
                download_pdf(url, folder / PDF, self.settings, progress=self.reporter.download)
                downloaded = True
        if downloaded:
            source = self._download_extras(url, folder, warnings)
            sections = self._extract(folder / PDF, warnings, source)
        else:
            self._warn(
                warnings,
                "arXiv has no PDF for this paper (withdrawn?): the note is written from the metadata",
            )
        lib.write_meta(meta)
        outcome = self._finish(key, folder, meta, sections, warnings, status="fetched")
        outcome.downloaded = downloaded
        return outcome

    def _fetch_local(self, item: str, path: Path) -> FetchOutcome:
        if path.is_dir():
            return self._fetch_local_source(item, path)
        if not path.is_file():
            raise BadInput(f"no such file: {path}")
        try:
            with path.open("rb") as f:
                head = f.read(1024)
        except OSError as e:
            raise BadInput(f"cannot read {path}: {e.strerror or e}") from None
        if b"%PDF-" not in head:
            return self._fetch_local_source(item, path)
        warnings: list[str] = []
        sections = self._extract(path, warnings, refuse=True)
        stamp = None
        if sections is not None and sections.arxiv_id:
            with contextlib.suppress(BadInput):
                stamp = parse_arxiv_id(sections.arxiv_id)
        key = stamp.key if stamp else local_key(path)
        meta = None
        if stamp is not None and not self.offline:
            try:
                meta = self.api.lookup(stamp)
            except PaperkitError as e:
                self._warn(warnings, f"no arXiv metadata for {stamp.id} ({e}); using what the PDF says")
        if meta is None:
            meta = PaperMeta.from_sections(
                key, sections, stamp.id if stamp else None, stamp.version if stamp else None
            )
        with self._claimed(key) as folder:
            dest = folder / PDF
            if not (dest.exists() and dest.resolve() == path.resolve()):
                copy_atomic(path, dest)
            self.library.write_meta(meta)
            outcome = self._finish(key, folder, meta, sections, warnings, status="fetched")
        outcome.input = item
        return outcome

    def rebuild_all(self, items: list[str]) -> list[FetchOutcome]:
        """:meth:`rebuild` each paper named (an ID in any form ``fetch`` takes, or a local key)."""
        return [guarded(item, partial(self._rebuild_named, item)) for item in items]

    def _rebuild_named(self, item: str) -> FetchOutcome:
        outcome = self.rebuild(resolve_key(self.library, item))
        outcome.input = item
        outcome.partial = False  # a rebuild uses what the library holds; only failures count against it
        return outcome

    def rebuild(self, key: str) -> FetchOutcome:
        """Rebuild a paper's note from the library, offline; ``force`` (or a lost ``sections.json``)
        re-extracts the stored files first."""
        lib = self.library
        folder = lib.paper_dir(key)
        lib.read_meta(key)  # a clear error, with the way out, when the paper's record is missing or broken
        if self.force or not (folder / SECTIONS).is_file():
            with lib.lock(key):
                meta = lib.read_meta(key)
                warnings: list[str] = []
                pdf, source = _stored(folder / PDF), _stored(folder / SOURCE)
                sections = self._extract(pdf, warnings, source) if pdf or source else None
                return self._finish(key, folder, meta, sections, warnings, status="updated")
        written = refresh_note(lib, key, self.index)  # the one path from the library's records to a note
        title = lib.read_meta(key).title
        warnings = written.warnings if written else []
        for w in warnings:
            self.reporter.warn(w)
        return FetchOutcome(
            input=key, status="updated", key=key, folder=folder, title=title, warnings=warnings
        )

    # -- shared steps ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def _claimed(self, key: str) -> Iterator[Path]:
        """The paper's folder, under its lock; a folder this fetch created is removed again when the
        fetch fails or is interrupted (nothing half-made is left in the library)."""
        folder = self.library.paper_dir(key)
        created = not folder.exists()
        try:
            with self.library.lock(key):
                yield folder
        except BaseException:
            if created:
                remove_if_empty(folder)
            raise

    def _pause(self) -> None:
        """Space downloads in a batch like API requests: arXiv asks clients to be polite."""
        now = time.monotonic()
        if self._last_download is not None:
            time.sleep(max(0.0, self.settings.delay - (now - self._last_download)))
        self._last_download = time.monotonic()

    def _warn(self, warnings: list[str], message: str) -> None:
        warnings.append(message)
        self.reporter.warn(message)

    def _fetch_local_source(self, item: str, path: Path) -> FetchOutcome:
        """A local input some route reads (a LaTeX folder, ``.tar.gz`` or ``.tex``), kept packed."""
        try:
            packed = local_input(path)
        except ExtractionError as e:
            raise BadInput(f"{path}: {e}") from None
        if packed is None:
            raise BadInput(f"{path} is not a PDF, a LaTeX source archive or a folder of sources")
        warnings: list[str] = []
        name = re.sub(r"\.(tar\.gz|tgz|tar|gz|tex)$", "", path.resolve().name, flags=re.I)
        key = local_key(Path(name or "source"))
        with self._claimed(key) as folder:
            folder.mkdir(parents=True, exist_ok=True)
            atomic_write(folder / SOURCE, packed)
            sections = self._extract(None, warnings, folder / SOURCE)
            meta = PaperMeta.from_sections(key, sections)
            self.library.write_meta(meta)
            outcome = self._finish(key, folder, meta, sections, warnings, status="fetched")
        outcome.input = item
        return outcome

    def _download_extras(self, pdf_url: str, folder: Path, warnings: list[str]) -> Path | None:
        """What the chosen route reads beside the PDF (:mod:`paperkit.pipeline.downloads`)."""
        path, why = download_extras(self.route, pdf_url, folder, self.settings, self._pause)
        if why:
            self._warn(warnings, why)
        return path

    def _extract(
        self, pdf: Path | None, warnings: list[str], source: Path | None = None, refuse: bool = False
    ) -> Sections | None:
        """The paper's sections by the chosen route (or its fallback); an unreadable paper becomes a
        warning, not a failure (``refuse``: a local file of which no page can be read is refused; keep
        the library readable)."""
        job = self._job(PaperFiles(pdf=pdf, source=source))
        self._shows = None
        try:
            done = (self._ahead.take(job) if self._ahead else None) or read(job)
        except ExtractionError as e:
            if refuse and e.unreadable:
                raise BadInput(f"{pdf}: no page can be read ({e}); it is not added to the library") from None
            what = "the PDF" if source is None else "the paper"
            self._warn(warnings, f"{what} could not be read ({e}); the note is written from the metadata")
            return None
        sections, self._shows = done.sections, done.visuals
        for w in sections.warnings:
            self.reporter.warn(w)
        return sections

    def _job(self, files: PaperFiles) -> Job:
        """Reading ``files`` as this fetch asks: its route, its figures setting."""
        return Job(files, self.route, self.settings.figures)

    def _finish(
        self,
        key: str,
        folder: Path,
        meta: PaperMeta,
        sections: Sections | None,
        warnings: list[str],
        status: Status,
    ) -> FetchOutcome:
        lib = self.library
        if sections is not None:
            lib.write_sections(key, sections)
        else:
            with contextlib.suppress(FileNotFoundError):
                (folder / SECTIONS).unlink()  # stale sections of an older PDF would mislead the note
        if sections is not None:  # read with the sections (in the read-ahead pool, for a batch)
            write_visuals(lib, key, self._shows or Visuals())
        else:
            remove_visuals(lib, key)  # an older PDF's figure would mislead the note
        written = write_note(lib, key, meta, sections, self.index)
        for w in written.warnings:
            self.reporter.warn(w)
        all_warnings = warnings + (sections.warnings if sections else []) + written.warnings
        return FetchOutcome(
            input=key,
            status=status,
            key=key,
            folder=folder,
            title=meta.title,
            warnings=all_warnings,
            partial=sections is None,
        )


def _stored(path: Path) -> Path | None:
    return path if path.is_file() else None


def _is_pdf(path: Path) -> bool:
    with path.open("rb") as f:
        return b"%PDF-" in f.read(1024)
