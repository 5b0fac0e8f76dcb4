"""Fuzzing the extractor: mutated PDFs give sections or a PdfError, never a crash, in bounded time.

The mutants come from a seeded generator (the same ones on every run, so a failure can be replayed):
bytes flipped, the file cut short, chunks deleted, duplicated or overwritten with noise, numbers in the
cross-reference table changed, stream lengths lied about.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from paperkit.errors import PdfError
from paperkit.extraction.pdf import extract_sections
from paperkit.records import Sections
from reliability_support import paper_pdf

MUTANTS = 48
PER_FILE_BOUND = 10.0  # seconds for one mutant: loose, the machine is shared


def _flip(data: bytearray, rng: random.Random) -> None:
    for _ in range(rng.randint(1, 24)):
        data[rng.randrange(len(data))] = rng.randrange(256)


def _truncate(data: bytearray, rng: random.Random) -> None:
    del data[rng.randrange(16, len(data)) :]


def _delete(data: bytearray, rng: random.Random) -> None:
    start = rng.randrange(len(data))
    del data[start : start + rng.randint(1, 512)]


def _duplicate(data: bytearray, rng: random.Random) -> None:
    start = rng.randrange(len(data))
    chunk = data[start : start + rng.randint(1, 1024)]
    at = rng.randrange(len(data))
    data[at:at] = chunk


def _noise(data: bytearray, rng: random.Random) -> None:
    start = rng.randrange(len(data))
    size = rng.randint(1, 256)
    data[start : start + size] = bytes(rng.randrange(256) for _ in range(size))


def _numbers(data: bytearray, rng: random.Random) -> None:
    """Change some integers (object numbers, offsets, lengths, page counts) to other integers."""
    text = data.decode("latin-1")
    matches = list(re.finditer(r"\d+", text))
    for m in sorted(rng.sample(matches, min(len(matches), rng.randint(1, 12))), key=lambda m: -m.start()):
        width = len(m.group())
        value = str(rng.choice([0, 1, 7, 99999999, rng.randrange(10**6)])).rjust(width, "0")[-width:]
        text = text[: m.start()] + value + text[m.end() :]
    data[:] = text.encode("latin-1")


def _lengths(data: bytearray, rng: random.Random) -> None:
    """Stream dictionaries that lie about their length."""
    data[:] = re.sub(rb"/Length \d+", lambda _: b"/Length %d" % rng.choice([0, 3, 10**9]), bytes(data))


MUTATIONS: list[Callable[[bytearray, random.Random], None]] = [
    _flip, _truncate, _delete, _duplicate, _noise, _numbers, _lengths,
]  # fmt: skip


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """An uncompressed paper-like PDF, so the mutations hit its structure and text, not only zlib."""
    import pymupdf

    folder = tmp_path_factory.mktemp("fuzz")
    doc = pymupdf.open(stream=paper_pdf(folder, layout="two-column"), filetype="pdf")
    data: bytes = doc.tobytes(garbage=0, deflate=False)
    doc.close()
    return data


def mutant(seed_pdf: bytes, n: int) -> bytes:
    rng = random.Random(n)
    data = bytearray(seed_pdf)
    for _ in range(rng.randint(1, 3)):
        rng.choice(MUTATIONS)(data, rng)
    return bytes(data)


def test_seed_pdf_extracts(seed_pdf: bytes, tmp_path: Path) -> None:
    path = tmp_path / "seed.pdf"
    path.write_bytes(seed_pdf)
    assert extract_sections(path).introduction is not None  # the fuzz starts from a good paper


@pytest.mark.parametrize("chunk", range(4))
def test_mutated_pdfs_never_crash(
    seed_pdf: bytes, tmp_path: Path, chunk: int, capfd: pytest.CaptureFixture[str]
) -> None:
    outcomes = {"sections": 0, "PdfError": 0}
    for n in range(chunk, MUTANTS, 4):
        path = tmp_path / f"mutant-{n}.pdf"
        path.write_bytes(mutant(seed_pdf, n))
        started = time.monotonic()
        try:
            result = extract_sections(path)
        except PdfError as e:
            assert "\n" not in str(e) and str(e), n
            outcomes["PdfError"] += 1
        else:
            assert isinstance(result, Sections), n
            result.to_dict()  # what gets written as sections.json must serialise
            outcomes["sections"] += 1
        assert time.monotonic() - started < PER_FILE_BOUND, f"mutant {n} took too long"
    assert sum(outcomes.values()) == MUTANTS // 4
    # MuPDF's own complaints must not reach the terminal: paperkit speaks there, in one line.
    out, err = capfd.readouterr()
    assert "MuPDF" not in out + err, (out + err)[:500]
