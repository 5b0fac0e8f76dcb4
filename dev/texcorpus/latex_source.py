"""An invented paper as LaTeX source, in the preamble and title block of its family."""

from __future__ import annotations

from dev.texcorpus.papers import ASTRO, Sec, Spec
from dev.texcorpus.words import FIRST, LAST, Text

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
