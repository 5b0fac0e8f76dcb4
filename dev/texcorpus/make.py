"""Build a synthetic LaTeX corpus for the extraction benchmark (a development tool: not shipped, not in CI).

``python -m dev.texcorpus.make OUTDIR [--keep-tex]`` writes 42 invented papers as .tex, compiles
each with pdflatex in a temporary directory and leaves ``OUTDIR/pdf/<id>.pdf`` and
``OUTDIR/truth.jsonl`` in the corpus format, so that ``python -m dev.bench_extraction --corpus OUTDIR`` scores
extraction on real TeX output (Computer Modern and Times fonts, ligatures, hyphenation, small caps,
footnotes, superscript citations, floats, running heads, theorem and algorithm environments).

Needs Debian's ``texlive-latex-base texlive-latex-recommended texlive-fonts-recommended
texlive-publishers texlive-science lmodern``. The text is random sentence-like English about machine
learning, drawn from the word lists below with a fixed seed per paper, so every run gives the same set.
Truth spans start and end with plain sentences (no citation, maths or footnote in their first or last
eight words), so the expected words are known without reading the PDF.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from dev.texcorpus.latex_source import latex
from dev.texcorpus.papers import _RELATED_LIKE, ASTRO, Spec, _span_truth, build_sections, printed
from dev.texcorpus.specs import SPECS
from dev.texcorpus.words import Text


def paper(spec: Spec, seed: int) -> tuple[str, dict[str, object]]:
    """(LaTeX source, truth record) of one paper."""
    cite = "super" if spec.kind == "aip" else ("natbib" if spec.ref_style == "natbib" else "numeric")
    text = Text(seed, spec.n_refs, cite)
    title = text.title()
    shown_title = title.replace(" for ", " \\\\ for ", 1) if spec.title_break else title
    abstract = text.paragraph(6)
    sections = build_sections(spec, text)
    refs = [text.reference(spec.ref_style, n) for n in range(1, spec.n_refs + 1)]
    source = latex(spec, sections, text, shown_title, abstract, refs)
    heads: list[str] = []
    number = sub = 0
    rw_heading = None
    for sec in sections:
        if sec.level == 1:
            number += sec.numbered
            sub = 0
        else:
            sub += sec.numbered
        h = printed(spec.kind, sec.name, sec.level, number, sub, sec.numbered, False)
        if sec.level == 1:
            heads.append(h)
        if sec.name == spec.related and rw_heading is None:
            rw_heading = h
        # The corpus convention: a related-work subsection counts only when no top-level section is
        # related-work-like; inside "Background", the Background section is the answer.
        if sec.level == 1 and sec.name == spec.rw_parent and _RELATED_LIKE.match(sec.name):
            rw_heading = h
    if spec.acknowledgments and spec.kind not in ("llncs", "prl"):  # PRL's and LNCS's are run in
        ack = {"ieeeconf": "ACKNOWLEDGMENT", "ieeejournal": "ACKNOWLEDGMENT", "aip": "ACKNOWLEDGMENTS"}
        heads.append(ack.get(spec.kind, "Acknowledgments"))
    heads.append(
        {"ieeeconf": "REFERENCES", "ieeejournal": "REFERENCES", "acmlike": "REFERENCES"}.get(
            spec.kind, "REFERENCES" if spec.kind in ("amsart", "mnras", *ASTRO) else "References"
        )
    )
    if spec.kind in ("prl", "aip", "revpre"):
        heads.pop()  # REVTeX prints no heading over its reference list
    if spec.appendix:
        heads += [
            printed(spec.kind, name, 1, n, 0, True, True)
            for n, name in enumerate(["Additional Proofs", "Experimental Details"], 1)
        ]
    if spec.contents:  # printed like an unnumbered section, as the corpus counts it (1603.07285)
        heads.insert(0, "CONTENTS")
    rw_index = next((i for i, s in enumerate(sections) if s.name == spec.related), None)
    if spec.rw_parent and _RELATED_LIKE.match(spec.rw_parent):
        rw_index = next(i for i, s in enumerate(sections) if s.name == spec.rw_parent and s.level == 1)
    truth: dict[str, object] = {
        "arxiv_id": spec.ident,
        "title": title,
        "layout": "one-column"
        if spec.kind in ("neurips", "elsarticle", "llncs", "amsart", "revpre")
        else "two-column",
        "kind": spec.kind,
        "abstract": {
            "first_words": " ".join(abstract.split()[:8]),
            "last_words": " ".join(abstract.split()[-8:]),
        },
        "sections": heads,
        "introduction_heading": heads[1] if spec.contents else heads[0],
        "introduction": _span_truth(0, sections),
        "related_work_heading": rw_heading,
        "related_work": _span_truth(rw_index, sections) if rw_index is not None else None,
        "reference_count": spec.n_refs,
        "arxiv_stamp": f"arXiv:{spec.ident}v2 [cs.LG] 4 Jan 2021" if spec.stamp else None,
        "pdf": f"pdf/{spec.ident}.pdf",
    }
    return source, truth


def compile_tex(source: str, name: str, workdir: Path) -> Path:
    """pdflatex twice (labels and citations); the PDF's path. Raises on a failed run."""
    tex = workdir / f"{name}.tex"
    tex.write_text(source, encoding="utf-8")
    for _ in range(2):
        run = subprocess.run(
            ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
            cwd=workdir,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if run.returncode != 0:
            tail = "\n".join(run.stdout.splitlines()[-25:])
            raise RuntimeError(f"pdflatex failed on {name}:\n{tail}")
    return workdir / f"{name}.pdf"


def main(argv: list[str] | None = None) -> int:
    """Command line: ``make.py OUTDIR [--keep-tex] [--only ID ...]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--keep-tex", action="store_true", help="also copy the .tex sources to OUTDIR/tex")
    parser.add_argument("--only", nargs="*", help="build only these ids")
    args = parser.parse_args(argv)
    if shutil.which("pdflatex") is None:
        print("pdflatex not found: install the TeX packages listed in this script's docstring")
        return 1
    (args.outdir / "pdf").mkdir(parents=True, exist_ok=True)
    records = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed, spec in enumerate(SPECS):
            source, truth = paper(spec, seed)
            records.append(truth)
            if args.only and spec.ident not in args.only:
                continue
            pdf = compile_tex(source, spec.ident, Path(tmp))
            shutil.copy(pdf, args.outdir / "pdf" / f"{spec.ident}.pdf")
            if args.keep_tex:
                (args.outdir / "tex").mkdir(exist_ok=True)
                (args.outdir / "tex" / f"{spec.ident}.tex").write_text(source, encoding="utf-8")
            print(f"{spec.ident} {spec.kind}", file=sys.stderr)
    with (args.outdir / "truth.jsonl").open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
