"""An invented paper's plan: its sections as printed by each family, with the truth they give."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dev.texcorpus.words import Text

# ----------------------------------------------------------------------------------------- papers


@dataclass
class Sec:
    """A section as written in the .tex: name, level, numbered or starred, body (LaTeX)."""

    name: str
    level: int = 1
    numbered: bool = True
    body: list[str] = field(default_factory=list)  # paragraphs and environments, in order


@dataclass
class Spec:
    """One synthetic paper: which class and which quirks."""

    ident: str
    kind: str  # neurips | twocol | ieeeconf | ieeejournal | acmlike | prl | aip | elsarticle | llncs
    related: str | None  # heading name of the related-work part, or None
    related_level: int = 1
    related_numbered: bool = True
    related_at_end: bool = False
    n_refs: int = 30
    ref_style: str = "numeric"  # numeric | natbib | alpha | physics
    stamp: bool = False
    thanks: bool = False
    floats_in_intro: bool = False
    floats_in_related: bool = False
    running_heads: bool = False
    numbered: bool = True  # sections numbered
    appendix: bool = False
    acknowledgments: bool = False
    title_break: bool = False  # a title forced over two lines
    end_notes: bool = False  # a footnote marker glued to the last word of the introduction and related work
    bib_small: bool = False  # the reference list in \small
    intro_subsections: bool = False  # "Contributions" and "Outline" inside the introduction
    rw_parent: str | None = None  # a section that holds the related-work subsection ("Background")
    contents: bool = False  # a table of contents after the title block (amsart prints it on page 1)


ASTRO = ("aastex", "emulateapj")  # the astronomy families
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
LETTERS = "ABCDEFGH"


def printed(kind: str, name: str, level: int, number: int, sub: int, numbered: bool, appendix: bool) -> str:
    """The heading as PyMuPDF returns it for this class (small caps and upper-casing included)."""
    if kind == "amsart":  # centred small caps ("1. Introduction"); subsections are run in
        if appendix:
            return f"Appendix {LETTERS[number - 1]}. {name}"
        return f"{number}. {name.upper()}" if numbered else name.upper()
    if kind in ASTRO or kind == "mnras":
        num = LETTERS[number - 1] if appendix else str(number)
        sep = " " if kind == "mnras" else ". "
        if level == 1:
            return f"{num}{sep}{name.upper()}" if numbered else name.upper()
        return f"{num}.{sub}{sep}{name}" if numbered else name
    if kind == "revpre":
        kind = "aip"
    if kind == "prl":  # PRL prints no section numbers
        return name.upper() if level == 1 else name
    if kind in ("ieeeconf", "ieeejournal", "aip"):
        if level == 1:
            if appendix:
                return f"APPENDIX {LETTERS[number - 1]} {name.upper()}"
            return f"{ROMAN[number - 1]}. {name.upper()}" if numbered else name.upper()
        return f"{LETTERS[sub - 1]}. {name}" if numbered else name
    base = (name.upper() if level == 1 else name) if kind == "acmlike" else name
    num = LETTERS[number - 1] if appendix else str(number)
    if not numbered:
        return base
    if kind == "elsarticle":
        if appendix:
            return f"Appendix {num}. {base}"
        return f"{num}. {base}" if level == 1 else f"{num}.{sub}. {base}"
    return f"{num} {base}" if level == 1 else f"{num}.{sub} {base}"


def _figure(text: Text, wide: bool, label: bool) -> str:
    env = "figure*" if wide else "figure"
    inner = "\\rule{0.8\\linewidth}{2.2cm}"
    if label:
        inner = "\\fbox{\\small Encoder}\\quad$\\rightarrow$\\quad\\fbox{\\small Decoder}\\\\[4pt]" + inner
    name = "\\label{fig}"
    return (
        f"\\begin{{{env}}}[t]\\centering {inner}\n\\caption{{{text.plain()} {text.plain()}}}{name}\n"
        f"\\end{{{env}}}"
    )


def _table(text: Text) -> str:
    rows = " \\\\\n".join(
        f"{w} & {text.rng.uniform(50, 99):.1f} & {text.rng.uniform(50, 99):.1f}"
        for w in ["Baseline", "Ours (small)", "Ours (large)"]
    )
    return (
        "\\begin{table}[t]\\centering\\caption{" + text.plain() + "}\\label{tab}\n"
        "\\begin{tabular}{lcc}\\hline Method & Accuracy & Recall \\\\ \\hline\n" + rows + " \\\\ \\hline\n"
        "\\end{tabular}\\end{table}"
    )


def _equation(text: Text) -> str:
    return (
        "\\begin{equation}\n\\mathcal{L}(\\theta) = \\sum_{i=1}^{N} \\log p_\\theta(y_i \\mid x_i) "
        "- \\beta \\, \\mathrm{KL}(q \\,\\|\\, p)\n\\end{equation}"
    )


def _theorem(text: Text) -> str:
    return (
        f"\\begin{{theorem}}\\label{{thm}} {text.plain()} {text.plain()}\\end{{theorem}}\n"
        f"\\begin{{proof}} {text.plain()} {text.plain()}\\end{{proof}}"
    )


def _algorithm(text: Text) -> str:
    return (
        "\\begin{algorithm}[t]\\caption{Training with the auxiliary objective}\n\\begin{algorithmic}[1]\n"
        "\\REQUIRE data $\\mathcal{D}$, step size $\\eta$\n\\FOR{each batch $B$ in $\\mathcal{D}$}\n"
        "\\STATE compute the loss on $B$\n\\STATE update the weights\n\\ENDFOR\n"
        "\\RETURN the final weights\n\\end{algorithmic}\\end{algorithm}"
    )


def _itemize(text: Text) -> str:
    items = "\n".join(f"\\item {text.plain()}" for _ in range(3))
    return f"\\begin{{itemize}}\n{items}\n\\end{{itemize}}"


def build_sections(spec: Spec, text: Text) -> list[Sec]:
    """The paper's sections with their bodies; the related-work part where ``spec`` puts it."""
    r = text.rng
    intro = Sec("Introduction", numbered=spec.numbered)
    intro.body = [text.paragraph(6), text.paragraph(5)]
    if spec.floats_in_intro:
        intro.body.insert(1, _figure(text, wide=spec.kind not in ("neurips", "llncs"), label=True))
        intro.body.insert(2, _equation(text))
    intro.body += [_itemize(text), text.paragraph(4)]
    if spec.end_notes:
        intro.body[-1] += "\\footnote{" + text.plain() + "}"
    intro_subs: list[Sec] = []
    if spec.intro_subsections:
        intro_subs = [
            Sec("Contributions", level=2, numbered=spec.numbered, body=[text.paragraph(4), _itemize(text)]),
            Sec("Outline", level=2, numbered=spec.numbered, body=[text.paragraph(3)]),
        ]
    related: list[Sec] = []
    if spec.related:
        rw = Sec(spec.related, level=spec.related_level, numbered=spec.related_numbered and spec.numbered)
        rw.body = [text.paragraph(5), text.paragraph(6), text.paragraph(4)]
        if spec.floats_in_related:
            rw.body.insert(1, _table(text))
            rw.body.insert(2, _equation(text))
        if spec.end_notes:
            rw.body[-1] += "\\footnote{" + text.plain() + "}"
        if spec.related_level == 2:
            parent_name = spec.rw_parent or r.choice(["Preliminaries", "Problem Setting"])
            parent = Sec(parent_name, numbered=spec.numbered)
            parent.body = [text.paragraph(4)]
            notation = Sec("Notation", level=2, numbered=spec.numbered, body=[text.paragraph(4)])
            related = [parent, rw, notation]
        else:
            related = [rw]
    method = Sec(r.choice(["Method", "Approach", "Proposed Method", "Model"]), numbered=spec.numbered)
    method.body = [text.paragraph(6), _equation(text), text.paragraph(5)]
    if spec.kind not in ("prl", "aip", "revpre", "mnras", *ASTRO):
        method.body += [_theorem(text), _algorithm(text)]
    sub1 = Sec("Objective", level=2, numbered=spec.numbered, body=[text.paragraph(5), text.paragraph(5)])
    sub2 = Sec("Optimisation", level=2, numbered=spec.numbered, body=[text.paragraph(6)])
    exps = Sec("Experiments", numbered=spec.numbered)
    exps.body = [text.paragraph(5), _table(text), text.paragraph(6), _figure(text, False, False)]
    exps.body += [text.paragraph(5) for _ in range(3)]
    conclusion = Sec(r.choice(["Conclusion", "Conclusions", "Discussion"]), numbered=spec.numbered)
    conclusion.body = [text.paragraph(5)]
    out = [intro, *intro_subs]
    if not spec.related_at_end:
        out += related
    out += [method, sub1, sub2, exps]
    if spec.related_at_end:
        out += related
    out.append(conclusion)
    return out


_RELATED_LIKE = re.compile(r"^(background|related|prior|previous|literature)", re.IGNORECASE)


def _span_truth(sec_index: int, sections: list[Sec]) -> dict[str, str]:
    """First and last eight words of a section's running text, subsections included."""
    sec = sections[sec_index]
    body = list(sec.body)
    for later in sections[sec_index + 1 :]:
        if later.level <= sec.level:
            break
        body += later.body
    paras = [re.sub(r"\\footnote\{[^{}]*\}", "", b) for b in body if not b.startswith("\\")]
    first, last = paras[0].split(), paras[-1].split()
    return {"first_words": " ".join(first[:8]), "last_words": " ".join(last[-8:])}
