"""The paper's overview figure from its LaTeX source: the files Figure 1's environment includes.

Figure 1 is the first ``figure`` (``figure*``, ``wrapfigure``, ``SCfigure``) environment that has a
``\\caption``, as LaTeX numbers them. Its ``\\includegraphics`` files are found as LaTeX would (the
``\\graphicspath`` folders, the extension left out) and read: PDF (its page), PNG, JPG; EPS through
Ghostscript where ``gs`` is installed. Subfigures are set side by side (up to four; past that the first
alone). A figure drawn in TikZ or whose files are missing gives None: the caller crops the PDF instead.
The caption is ``\\caption``'s long form, macros expanded, inline mathematics kept as ``$…$``.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from paperkit.extraction.images import compose
from paperkit.extraction.latex.macros import Macro, expand
from paperkit.extraction.latex.members import read_members
from paperkit.extraction.latex.source import balanced
from paperkit.extraction.latex.to_text import to_text
from paperkit.records import Figure

MAX_PARTS = 4  # subfigures set side by side; more than this and the first stands alone
GS_TIMEOUT = 20  # seconds for Ghostscript to turn one EPS into PDF
_FIGURE = re.compile(r"\\begin\s*\{(figure|wrapfigure|SCfigure|subfigure)(\*?)\}(.*?)\\end\s*\{\1\2\}", re.S)
# \includegraphics, and AASTeX's \fig (in a \gridline), \plotone and \plottwo.
_INCLUDE = re.compile(
    r"\\(?:includegraphics\s*\*?\s*(?:\[([^\]]*)\])?|fig|plotone|plottwo)\s*\{([^{}]+)\}(?:(?<=\})\s*\{([^{}]+)\})?"
)
_SUBFIGURE = re.compile(
    r"\\begin\s*\{(subfigure|subfloat)\}.*?\\end\s*\{\1\}|\\sub(?:caption|float|figure)\s*(?:\[[^\]]*\])*\s*\{(?:[^{}]|\{[^{}]*\})*\}",
    re.S,
)
_CAPTION = re.compile(r"\\caption\s*(?:\[[^\]]*\])?\s*(?=\{)")
_GRAPHICSPATH = re.compile(r"\\graphicspath\s*\{((?:\s*\{[^{}]*\})+)\s*\}")
_EXTENSIONS = ("", ".pdf", ".png", ".jpg", ".jpeg", ".eps", ".PDF", ".PNG", ".JPG", ".JPEG", ".EPS")


@dataclass
class LatexFigure:
    """Figure 1's caption, and its rendering when the source holds its files."""

    caption: str
    figure: Figure | None


def find_latex_figure(
    source: Path,
    main: str,
    preamble: str,
    body: str,
    macros: dict[str, Macro],
) -> LatexFigure | None:
    """Figure 1 of the source (``source``: the e-print or folder its graphics are read from), rendered
    from its files when it holds them, with its caption; None when the source has no captioned figure."""
    for m in _FIGURE.finditer(body):
        if m.group(1) == "subfigure":
            continue
        env = m.group(3)
        caption = _caption(env)
        if caption is None:
            continue
        text = " ".join(to_text(expand(caption, macros)).split())
        parts = _graphics(source, main, preamble, env)
        # none: Figure 1 is drawn in TikZ, or its files are not in the source
        png = compose(parts if len(parts) <= MAX_PARTS else parts[:1]) if parts else None
        if png is None:
            return LatexFigure(text, None)
        figure = Figure(
            caption=text,
            label="Figure 1",
            found_by="latex/includegraphics",
            width=png.width,
            height=png.height,
            png=png.data,
        )
        return LatexFigure(text, figure)
    return None


def _caption(env: str) -> str | None:
    """The long form of the environment's own ``\\caption`` (not a subfigure's)."""
    own = _SUBFIGURE.sub(" ", env)
    m = _CAPTION.search(own)
    return balanced(own, m.end()) if m else None


def _graphics(source: Path, main: str, preamble: str, env: str) -> list[tuple[str, bytes]]:
    """The figure's graphics files as ``(kind, bytes)``, in the order they are included."""
    folders = [posixpath.dirname(main)]
    pm = _GRAPHICSPATH.search(preamble)
    if pm:
        folders += [
            posixpath.join(posixpath.dirname(main), f) for f in re.findall(r"\{([^{}]*)\}", pm.group(1))
        ]
    names = []
    for m in _INCLUDE.finditer(env):
        names.append(m.group(2).strip().strip('"'))
        if m.group(0).startswith("\\plottwo") and m.group(3):
            names.append(m.group(3).strip())
    names = names[: MAX_PARTS + 1]
    candidates = {n: _candidates(n, folders) for n in names}
    files = read_members(source, {c for cs in candidates.values() for c in cs})
    parts = []
    for n in names:
        name = next((c for c in candidates[n] if c in files), None)
        if name is None:
            continue
        data = files[name]
        kind = _kind(name, data)
        if kind == "eps":
            pdf = _eps_to_pdf(data)
            if pdf is None:
                continue
            kind, data = "pdf", pdf
        if kind is not None:
            parts.append((kind, data))
    return parts


def _candidates(name: str, folders: list[str]) -> list[str]:
    """The names LaTeX would try for ``\\includegraphics{name}``, in its order."""
    out = []
    for folder in folders:
        base = posixpath.normpath(posixpath.join(folder, name))
        out += [base + ext for ext in _EXTENSIONS if not base.startswith("..")]
    return out


def _kind(name: str, data: bytes) -> str | None:
    """What the file holds, by its first bytes (an extension can lie)."""
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"\x89PNG"):
        return "png"
    if data.startswith(b"\xff\xd8"):
        return "jpg"
    if data.startswith(b"%!PS") or data.startswith(b"\xc5\xd0\xd3\xc6") or name.lower().endswith(".eps"):
        return "eps"
    return None


def _eps_to_pdf(data: bytes) -> bytes | None:
    """An EPS as PDF through Ghostscript, cropped to its bounding box; None without ``gs``."""
    gs = shutil.which("gs")
    if gs is None:
        return None
    try:
        done = subprocess.run(
            [
                gs,
                "-q",
                "-dSAFER",
                "-dBATCH",
                "-dNOPAUSE",
                "-dEPSCrop",
                "-sDEVICE=pdfwrite",
                "-sOutputFile=-",
                "-",
            ],
            input=data,
            capture_output=True,
            timeout=GS_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 and done.stdout.startswith(b"%PDF") else None
