"""Build a synthetic LaTeX corpus for the extraction benchmark (a development tool: not shipped, not in CI).

``python dev/texcorpus/make.py OUTDIR [--keep-tex]`` writes ~20 invented papers as .tex, compiles
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
import random
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

# --------------------------------------------------------------------------------------------- words

NOUNS = [
    "model",
    "encoder",
    "decoder",
    "network",
    "classifier",
    "objective",
    "gradient",
    "estimator",
    "representation",
    "embedding",
    "policy",
    "dataset",
    "benchmark",
    "baseline",
    "layer",
    "kernel",
    "regulariser",
    "optimiser",
    "posterior",
    "prior",
    "loss",
    "architecture",
    "attention map",
    "feature extractor",
    "training signal",
    "latent code",
    "sample",
    "batch",
    "schedule",
    "workflow",
]
ADJECTIVES = [
    "efficient",
    "robust",
    "sparse",
    "shallow",
    "deep",
    "stochastic",
    "differentiable",
    "flexible",
    "simple",
    "scalable",
    "stable",
    "noisy",
    "fine-grained",
    "lightweight",
    "affine",
    "recurrent",
    "convolutional",
    "contrastive",
    "generative",
    "discriminative",
    "unsupervised",
    "self-supervised",
]
VERBS = [
    "improves",
    "reduces",
    "stabilises",
    "predicts",
    "captures",
    "approximates",
    "regularises",
    "accelerates",
    "outperforms",
    "generalises to",
    "transfers to",
    "simplifies",
    "identifies",
    "reconstructs",
    "compresses",
    "aligns",
    "separates",
    "summarises",
]
SUBJECTS = [
    "our method",
    "the proposed approach",
    "this framework",
    "a careful analysis",
    "the first stage",
    "the resulting estimator",
    "this simple modification",
    "the auxiliary objective",
    "our classifier",
    "the learned representation",
    "a small ensemble",
    "the final model",
]
OBJECTS = [
    "the variance of the gradient",
    "the cost of inference",
    "the gap between training and testing",
    "the structure of the data",
    "the difficulty of the task",
    "the number of parameters",
    "the effect of label noise",
    "the behaviour of the optimiser",
    "long-range dependencies",
    "the flow of information",
    "rare classes",
    "the shape of the loss surface",
]
TAILS = [
    "on every benchmark we consider",
    "without extra supervision",
    "at a fraction of the cost",
    "in the low-data regime",
    "when the budget is fixed",
    "across several random seeds",
    "under distribution shift",
    "with a single hyperparameter",
    "for both small and large models",
    "in our preliminary experiments",
    "as the width grows",
    "on held-out data",
]
OPENERS = [
    "In practice,",
    "Moreover,",
    "However,",
    "In contrast,",
    "Surprisingly,",
    "As a result,",
    "Furthermore,",
    "Empirically,",
    "In this work,",
    "Intuitively,",
    "Conversely,",
    "Notably,",
]
FIRST = [
    "Ada",
    "Bruno",
    "Chen",
    "Dana",
    "Emil",
    "Farah",
    "Goran",
    "Hana",
    "Ivo",
    "Jun",
    "Kira",
    "Lars",
    "Mina",
    "Nils",
    "Omar",
    "Petra",
    "Quinn",
    "Rosa",
    "Sven",
    "Tara",
    "Umar",
    "Vera",
    "Wen",
    "Yuki",
]
LAST = [
    "Abel",
    "Borges",
    "Castro",
    "Dietz",
    "Eklund",
    "Fischer",
    "Garcia",
    "Huang",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quiroga",
    "Rossi",
    "Sato",
    "Tanaka",
    "Ueda",
    "Varga",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zhang",
]
VENUES = [
    "Advances in Neural Information Processing Systems",
    "International Conference on Machine Learning",
    "Journal of Machine Learning Research",
    "Proceedings of the Conference on Computer Vision and Pattern Recognition",
    "Transactions on Pattern Analysis and Machine Intelligence",
    "International Conference on Learning Representations",
    "Physical Review B",
    "Annals of Statistics",
    "Neural Computation",
]


class Text:
    """Seeded random prose. ``plain`` sentences carry no markup (safe for truth words); others may."""

    def __init__(self, seed: int, n_refs: int, cite: str) -> None:
        self.rng = random.Random(seed)
        self.n_refs = n_refs
        self.cite = cite  # "numeric" | "natbib" | "super"
        self.footnotes = 0

    def plain(self) -> str:
        r = self.rng
        s = f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(TAILS)}"
        if r.random() < 0.5:
            s = f"{r.choice(OPENERS)} {s}"
        if r.random() < 0.4:
            s += f" and {r.choice(['keeps', 'makes', 'leaves'])} the {r.choice(ADJECTIVES)} {r.choice(NOUNS)}"
            s += f" {r.choice(['easy to train', 'unchanged', 'well behaved', 'small'])}"
        return s[0].upper() + s[1:] + "."

    def citation(self) -> str:
        keys = ",".join(f"r{self.rng.randint(1, self.n_refs)}" for _ in range(self.rng.randint(1, 3)))
        if self.cite == "natbib" and self.rng.random() < 0.5:
            return f"\\citet{{{keys.split(',')[0]}}}"
        return f"\\citep{{{keys}}}" if self.cite == "natbib" else f"\\cite{{{keys}}}"

    def marked(self) -> str:
        """A sentence with markup: a citation, inline maths, a footnote or a reference to a figure."""
        r = self.rng
        base = self.plain()[:-1]
        kind = r.random()
        if kind < 0.45:
            if self.cite == "natbib" and "citet" in (c := self.citation()):
                return f"{c} showed that {base[0].lower() + base[1:]}."
            return f"{base}~{self.citation()}." if self.cite != "super" else f"{base}.{self.citation()}"
        if kind < 0.65:
            return f"{base} when $\\lambda_{{t}} = \\eta / \\sqrt{{t}}$ and $x \\in \\mathbb{{R}}^{{d}}$."
        if kind < 0.8:
            self.footnotes += 1
            note = f"{self.plain()[:-1]}, as noted by the reviewers."
            return f"{base}.\\footnote{{{note}}}"
        return f"{base}, as summarised in Table~\\ref{{tab}} and Figure~\\ref{{fig}}."

    def paragraph(self, n: int = 5, plain_ends: bool = True) -> str:
        middle = [self.marked() if self.rng.random() < 0.5 else self.plain() for _ in range(n - 2)]
        ends = [self.plain(), self.plain()] if plain_ends else [self.marked(), self.marked()]
        return " ".join([ends[0], *middle, ends[1]])

    def title(self) -> str:
        r = self.rng
        a, n = r.choice(ADJECTIVES), r.choice(NOUNS)
        return (
            f"{a.capitalize()} {n.title()}s for {r.choice(['Fast', 'Reliable', 'Scalable', 'Efficient'])} "
            f"{r.choice(['Learning', 'Inference', 'Classification', 'Sequence Modelling', 'Retrieval'])}"
        )

    def reference(self, style: str, n: int) -> tuple[str, str]:
        """(\\bibitem label option, entry text)."""
        r = self.rng
        authors = [f"{r.choice(FIRST)[0]}. {r.choice(LAST)}" for _ in range(r.randint(1, 4))]
        year = r.randint(1995, 2023)
        title = self.title()
        venue = r.choice(VENUES)
        extra = ""
        if r.random() < 0.3:
            extra = f", pages {r.randint(1, 900)}--{r.randint(901, 1800)}"
        if r.random() < 0.2:
            extra += f". arXiv:{r.randint(15, 23)}{r.randint(1, 12):02d}.{r.randint(1000, 9999)}"
        if style == "physics":
            return (
                "",
                f"{', '.join(authors)}, {venue} \\textbf{{{r.randint(10, 99)}}}, "
                f"{r.randint(1, 9999)} ({year}).",
            )
        text = f"{', '.join(authors[:-1]) + ' and ' if len(authors) > 1 else ''}{authors[-1]}. {title}. "
        text += f"In \\emph{{{venue}}}{extra}, {year}."
        if style == "natbib":
            lead = authors[0].split()[-1] + (" et~al." if len(authors) > 2 else "")
            return f"[{lead}({year})]", text
        if style == "alpha":
            return (
                f"[{authors[0].split()[-1][:3]}{year % 100:02d}{'abcdefgh'[n % 8] if n % 5 == 0 else ''}]",
                text,
            )
        return "", text


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


# ----------------------------------------------------------------------------------------- LaTeX


PREAMBLES = {
    "neurips": "\\documentclass[10pt]{article}\n\\usepackage[letterpaper,textwidth=5.5in,textheight=9in,"
    "top=1in]{geometry}\n\\usepackage{times}",
    "twocol": "\\documentclass[10pt,twocolumn]{article}\n\\usepackage[margin=0.75in]{geometry}",
    "ieeeconf": "\\documentclass[conference]{IEEEtran}",
    "ieeejournal": "\\documentclass[journal]{IEEEtran}",
    "acmlike": "\\documentclass[9pt,twocolumn]{article}\n\\usepackage[margin=0.75in]{geometry}\n"
    "\\usepackage[T1]{fontenc}\\usepackage{lmodern}\n\\makeatletter\n"
    "\\renewcommand\\section{\\@startsection{section}{1}{0pt}{-10pt}{4pt}"
    "{\\normalfont\\large\\sffamily\\bfseries\\MakeUppercase}}\n"
    "\\renewcommand\\subsection{\\@startsection{subsection}{2}{0pt}{-8pt}{3pt}"
    "{\\normalfont\\normalsize\\sffamily\\bfseries}}\n\\makeatother",
    "prl": "\\documentclass[aps,prl,twocolumn,showpacs,superscriptaddress,nofootinbib]{revtex4-2}",
    "aip": "\\documentclass[aip,jap,reprint,nofootinbib]{revtex4-2}",
    "elsarticle": "\\documentclass[preprint,12pt]{elsarticle}",
    "llncs": "\\documentclass{llncs}",
    # the families of issue 11: maths, astronomy and physics classes
    "amsart": "\\documentclass{amsart}",
    "aastex": "\\documentclass[twocolumn]{aastex631}",
    "emulateapj": "\\documentclass{emulateapj}",
    "mnras": "\\documentclass[usenatbib]{mnras}",
    "revpre": "\\documentclass[aps,prd,preprint,nofootinbib]{revtex4-2}",
}
# classes that print their section headings in capitals and number them "1." (astronomy)
ASTRO = ("aastex", "emulateapj")


def latex(
    spec: Spec, sections: list[Sec], text: Text, title: str, abstract: str, refs: list[tuple[str, str]]
) -> str:
    """The whole .tex source."""
    k = spec.kind
    pre = [PREAMBLES[k], "\\usepackage{amsmath,amssymb,graphicx,xcolor}"]
    if k == "amsart":
        pre.append("\\newtheorem{theorem}{Theorem}")
    elif k not in ("prl", "aip", "llncs", "revpre", "aastex", "emulateapj", "mnras"):
        pre.append("\\usepackage{amsthm}\\newtheorem{theorem}{Theorem}")
    elif k == "llncs":
        pass  # llncs defines theorem and proof
    if k not in ("prl", "aip", "revpre", "mnras", *ASTRO):
        pre.append("\\usepackage{algorithm,algorithmic}")
    if spec.ref_style == "natbib":
        pre.append("\\usepackage[round]{natbib}" if k not in ("elsarticle", "mnras", *ASTRO) else "")
    elif spec.ref_style == "natbib-numbers":
        pre.append("\\usepackage[numbers,sort&compress]{natbib}")
    elif k not in ("prl", "aip", "elsarticle", "revpre", "aastex", "emulateapj", "mnras"):
        pre.append("\\usepackage{cite}" if k.startswith("ieee") else "")
    if spec.stamp:
        pre.append("\\usepackage{eso-pic}")
    if spec.running_heads and k in ("neurips", "twocol"):
        pre.append("\\pagestyle{headings}")
    body: list[str] = ["\\begin{document}"]
    thanks = "\\thanks{" + text.plain()[:-1] + ".}" if spec.thanks else ""
    a1 = f"{text.rng.choice(FIRST)} {text.rng.choice(LAST)}"
    a2 = f"{text.rng.choice(FIRST)} {text.rng.choice(LAST)}"
    if spec.stamp:
        stamp = f"arXiv:{spec.ident}v2 [cs.LG] 4 Jan 2021"
        body.append(
            "\\AddToShipoutPictureBG*{\\AtPageLowerLeft{\\put(25,250){\\rotatebox{90}{\\fontsize{20}{22}"
            "\\selectfont\\color{gray}" + stamp + "}}}}"
        )
    abstract_env = f"\\begin{{abstract}}\n{abstract}\n\\end{{abstract}}"
    if k in ("neurips", "twocol", "acmlike"):
        body += [f"\\title{{{title}{thanks}}}", f"\\author{{{a1} \\and {a2}}}", "\\date{}", "\\maketitle"]
        body.append(abstract_env)
    elif k.startswith("ieee"):
        body += [
            f"\\title{{{title}{thanks}}}",
            f"\\author{{\\IEEEauthorblockN{{{a1} and {a2}}}\\IEEEauthorblockA{{Institute of Examples}}}}",
            "\\maketitle",
        ]
        body.append(abstract_env)
        body.append("\\begin{IEEEkeywords}\nneural networks, toy tasks\n\\end{IEEEkeywords}")
    elif k in ("prl", "aip"):
        body += [
            f"\\title{{{title}}}",
            f"\\author{{{a1}}}{thanks}",
            "\\affiliation{Institute of Examples}",
            f"\\author{{{a2}}}",
            "\\affiliation{Another Institute}",
            abstract_env,
        ]
        if k == "prl":
            body.append("\\pacs{05.30.Rt, 64.60.F-}")
        body.append("\\maketitle")
    elif k == "elsarticle":
        body += [
            "\\begin{frontmatter}",
            f"\\title{{{title}{thanks}}}",
            f"\\author{{{a1}}}",
            f"\\author{{{a2}}}",
            "\\address{Institute of Examples}",
            abstract_env,
            "\\begin{keyword}\nneural networks \\sep toy tasks\n\\end{keyword}",
            "\\end{frontmatter}",
        ]
    elif k == "amsart":  # the abstract goes before \\maketitle; it is printed run in ("Abstract.")
        body += [
            f"\\title{{{title}}}",
            f"\\author{{{a1}}}",
            "\\address{Institute of Examples, Example Street 1, Example City}",
            f"\\author{{{a2}}}",
            "\\address{Another Institute, Example City}",
            "\\subjclass[2010]{35Q30, 76D05}",
            abstract_env,
            "\\maketitle",
        ]
    elif k in ASTRO:
        body += [
            f"\\title{{{title}}}",
            f"\\author{{{a1}}}",
            "\\affiliation{Department of Astronomy, University of Examples, Example City 12345, USA}"
            if k == "aastex"
            else "\\affil{Department of Astronomy, University of Examples, Example City 12345, USA}",
            f"\\author{{{a2}}}",
            "\\affiliation{Observatory of Examples, 1 Hill Road, Example Town 67890, USA}"
            if k == "aastex"
            else "\\affil{Observatory of Examples, 1 Hill Road, Example Town 67890, USA}",
        ]
        if k == "emulateapj":
            body += [abstract_env, "\\keywords{methods: analytical --- planets and satellites: general}"]
            body.append("\\maketitle")
        else:
            body += [abstract_env, "\\keywords{Exoplanets (498) --- Planetary atmospheres (1244)}"]
    elif k == "mnras":
        body += [
            f"\\title{{{title}}}",
            f"\\author[{a1} et al.]{{{a1},$^{{1}}$ {a2}$^{{2}}$\\\\ $^{{1}}$Institute of Examples, Example "
            "City\\\\ $^{2}$Another Institute, Example Town}",
            "\\maketitle",
            abstract_env,
            "\\begin{keywords}\nmethods: analytical -- planets and satellites: general\n\\end{keywords}",
        ]
    elif k == "revpre":
        body += [
            f"\\title{{{title}}}",
            f"\\author{{{a1}}}{thanks}",
            "\\affiliation{Institute of Examples}",
            f"\\author{{{a2}}}",
            "\\affiliation{Another Institute}",
            abstract_env,
            "\\maketitle",
        ]
    elif k == "llncs":
        body += [
            f"\\title{{{title}{thanks}}}",
            f"\\author{{{a1} \\and {a2}}}",
            "\\institute{Institute of Examples}",
            "\\maketitle",
            abstract_env.replace(
                "\\end{abstract}", "\\keywords{neural networks \\and toy tasks}\n\\end{abstract}"
            ),
        ]
    if spec.contents:
        body.append("\\tableofcontents")
    for sec in sections:
        cmd = "section" if sec.level == 1 else "subsection"
        star = "" if sec.numbered else "*"
        body.append(f"\\{cmd}{star}{{{sec.name}}}")
        paras = list(sec.body)
        if k == "ieeejournal" and sec is sections[0]:  # a drop cap opens the first paragraph
            word, rest = paras[0].split(" ", 1)
            paras[0] = f"\\IEEEPARstart{{{word[0]}}}{{{word[1:]}}} {rest}"
        body += [b + "\n" for b in paras]
    if spec.acknowledgments:
        if k == "llncs" or k in ("prl", "aip"):
            body.append("\\begin{acknowledgments}" if k != "llncs" else "\\subsubsection*{Acknowledgments}")
            body.append(text.plain())
            if k != "llncs":
                body.append("\\end{acknowledgments}")
        else:
            name = "Acknowledgment" if k.startswith("ieee") else "Acknowledgments"
            body += [f"\\section*{{{name}}}", text.plain()]
    appendix = [
        "\\appendices" if k.startswith("ieee") else "\\appendix",
        "\\section{Additional Proofs}",
        text.paragraph(5),
        "\\section{Experimental Details}",
        text.paragraph(5),
    ]
    if spec.appendix and k == "revpre":  # physics preprints put the appendices before the references
        body += appendix
    if spec.bib_small:
        body.append("{\\small")
    body.append(f"\\begin{{thebibliography}}{{{len(refs)}}}")
    for n, (label, entry) in enumerate(refs, 1):
        body.append(f"\\bibitem{label}{{r{n}}} {entry}")
    body.append("\\end{thebibliography}")
    if spec.bib_small:
        body.append("}")
    if spec.appendix and k != "revpre":
        body += appendix
    body.append("\\end{document}")
    return "\n".join(p for p in pre if p) + "\n" + "\n".join(body) + "\n"


# ------------------------------------------------------------------------------------------ specs

SPECS = [  # the first 22 are the set the extraction was first measured on; the rest came after
    Spec("2101.00001", "neurips", "Related Work", stamp=True, thanks=True, floats_in_intro=True, n_refs=35),
    Spec("2101.00002", "neurips", "Background", ref_style="natbib", n_refs=28, appendix=True),
    Spec(
        "2101.00003",
        "neurips",
        "Related Work",
        related_numbered=False,
        ref_style="natbib",
        n_refs=42,
        stamp=True,
        acknowledgments=True,
    ),
    Spec(
        "2101.00004",
        "neurips",
        "Related Work",
        related_at_end=True,
        ref_style="alpha",
        n_refs=18,
        floats_in_related=True,
        running_heads=True,
    ),
    Spec("2101.00005", "twocol", "Related Work", stamp=True, floats_in_intro=True, n_refs=45),
    Spec(
        "2101.00006",
        "twocol",
        "Prior Work",
        ref_style="natbib",
        n_refs=24,
        floats_in_related=True,
        thanks=True,
    ),
    Spec("2101.00007", "twocol", None, n_refs=12, numbered=False, running_heads=True),
    Spec("2101.00008", "ieeeconf", "Related Work", n_refs=22, stamp=True, floats_in_intro=True),
    Spec("2101.00009", "ieeeconf", "Related Work", related_level=2, n_refs=16, acknowledgments=True),
    Spec("2101.00010", "ieeejournal", "Literature Review", n_refs=60, thanks=True, appendix=True),
    Spec("2101.00011", "ieeejournal", "Related Work", related_at_end=True, n_refs=38, stamp=True),
    Spec("2101.00012", "acmlike", "Related Work", n_refs=40, stamp=True, floats_in_related=True),
    Spec("2101.00013", "acmlike", "Background", ref_style="natbib", n_refs=30, acknowledgments=True),
    Spec("2101.00014", "prl", None, ref_style="physics", n_refs=25, stamp=True, thanks=True),
    Spec("2101.00015", "prl", "Background", ref_style="physics", n_refs=30, acknowledgments=True),
    Spec("2101.00016", "aip", None, ref_style="physics", n_refs=20),
    Spec("2101.00017", "elsarticle", "Related Work", n_refs=33, floats_in_intro=True, appendix=True),
    Spec("2101.00018", "elsarticle", "Literature Review", ref_style="natbib", n_refs=26, stamp=True),
    Spec("2101.00019", "llncs", "Related Work", n_refs=15, thanks=True, floats_in_related=True),
    Spec("2101.00020", "llncs", "Related Work", related_level=2, n_refs=5, stamp=True),
    Spec("2101.00021", "neurips", "Related Work", related_level=2, n_refs=9, ref_style="natbib"),
    Spec(
        "2101.00022",
        "twocol",
        "Related Work",
        related_at_end=True,
        n_refs=50,
        ref_style="alpha",
        stamp=True,
        floats_in_intro=True,
        floats_in_related=True,
    ),
    Spec(
        "2101.00023",
        "neurips",
        "Related Work",
        title_break=True,
        end_notes=True,
        intro_subsections=True,
        ref_style="natbib-numbers",
        n_refs=27,
        stamp=True,
    ),
    Spec(
        "2101.00024",
        "twocol",
        "Literature Review",
        related_level=2,
        rw_parent="Background",
        end_notes=True,
        bib_small=True,
        n_refs=31,
        thanks=True,
    ),
    Spec(
        "2101.00025",
        "ieeeconf",
        "Prior Work",
        end_notes=True,
        intro_subsections=True,
        n_refs=19,
        floats_in_related=True,
        title_break=True,
    ),
    Spec(
        "2101.00026",
        "ieeejournal",
        "Background",
        related_level=1,
        n_refs=44,
        bib_small=True,
        appendix=True,
        acknowledgments=True,
        stamp=True,
    ),
    Spec(
        "2101.00027",
        "acmlike",
        "Related Work",
        related_at_end=True,
        end_notes=True,
        n_refs=52,
        ref_style="alpha",
        title_break=True,
    ),
    Spec(
        "2101.00028",
        "elsarticle",
        "Related Work",
        related_level=2,
        rw_parent="Background",
        n_refs=21,
        end_notes=True,
        intro_subsections=True,
    ),
    Spec(
        "2101.00029",
        "llncs",
        "Related Work",
        end_notes=True,
        bib_small=True,
        n_refs=11,
        title_break=True,
        floats_in_intro=True,
        acknowledgments=True,
    ),
    Spec("2101.00030", "aip", "Background", ref_style="physics", n_refs=36, stamp=True, acknowledgments=True),
    Spec("2101.00031", "prl", "Related Work", ref_style="physics", n_refs=8, end_notes=True),
    Spec(
        "2101.00032",
        "twocol",
        "Related Work",
        related_numbered=False,
        intro_subsections=True,
        ref_style="natbib",
        n_refs=58,
        floats_in_intro=True,
        running_heads=True,
        appendix=True,
    ),
    # the families of issue 11, outside the corpus: maths, astronomy, physics preprints
    Spec("2101.00033", "amsart", None, n_refs=24),
    Spec("2101.00034", "amsart", "Prior Results", n_refs=40, stamp=True, appendix=True),
    Spec("2101.00035", "aastex", None, ref_style="natbib", n_refs=60, stamp=True),
    Spec("2101.00036", "aastex", "Previous Work", ref_style="natbib", n_refs=35),
    Spec("2101.00037", "emulateapj", None, ref_style="natbib", n_refs=45, stamp=True),
    Spec("2101.00038", "mnras", None, ref_style="natbib", n_refs=50, stamp=True),
    Spec("2101.00039", "mnras", "Related Work", ref_style="natbib", n_refs=30),
    Spec("2101.00040", "revpre", None, ref_style="physics", n_refs=30, stamp=True, appendix=True),
    Spec("2101.00041", "revpre", "Background", ref_style="physics", n_refs=120),
    Spec("2101.00042", "amsart", "Related Work", n_refs=30, contents=True, intro_subsections=True),
]


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
