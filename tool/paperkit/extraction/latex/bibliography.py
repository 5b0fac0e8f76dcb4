"""The reference list of a LaTeX paper, each entry keeping its key, and the citation markers as the
reader sees them.

The ``.bbl`` BibTeX or biber wrote is read first (natbib ``\\bibitem[label]{key}`` and biblatex
``\\entry`` forms); without one, the ``.bib`` files ``\\bibliography{}``/``\\addbibresource{}`` name,
formatted and ordered as the style orders them (citation order for numeric styles that do not sort,
author then year otherwise); without either, an inline ``thebibliography``.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from paperkit.extraction.latex.archive import Files, decode
from paperkit.extraction.latex.bib_names import (
    all_names,
    bib_name,
    biber_names,
    natbib_label,
    short_names,
    split_names,
)
from paperkit.extraction.latex.cite_marks import CiteStyle, Labelled, citation_aliases, cite_marker
from paperkit.extraction.latex.source import balanced, uncomment
from paperkit.extraction.latex.to_text import to_text
from paperkit.records import Reference

# Numeric styles that sort alphabetically (the rest number in citation order).
_SORTED_NUMERIC = {
    "plain", "abbrv", "alpha", "abbrvnat", "plainnat", "acm", "siam", "amsplain", "amsalpha",
    "splncs04", "abbrvurl", "plainurl", "habbrv",
}  # fmt: skip
_AUTHOR_YEAR = re.compile(
    r"nat$|^(aa|aasjournal|aasjournalv7|mnras|apalike|agsm|apa\w*|chicago\w*|elsarticle-harv|"
    r"icml\w*|iclr\w*|neurips\w*|jmlr|authordate\w*|named|harvard\w*|ecta|econ\w*)$"
)
_AMPERSAND = re.compile(r"iclr|icml|apa|agsm|dcu|kluwer|model2-names")  # styles printing "Smith & Jones"
_AUTHOR_YEAR_NO_COMMA = ("aasjournal", "aasjournalv7", "mnras", "aa", "agsm")


@dataclass
class Entry:
    """One entry of the list: its key, what it prints, and the label parts a citation shows."""

    key: str
    text: str
    authors_short: str = ""  # "Bengio et al."
    year: str = ""
    authors_long: str = ""  # "Bengio, Louradour, Collobert, and Weston" (natbib's starred form)
    number: int = 0  # 1-based place in the list


@dataclass
class Bibliography:
    """The list and how citations to it print."""

    entries: list[Entry] = field(default_factory=list)
    numeric: bool = True
    comma: bool = True  # "(Bengio et al., 2009)" rather than "(Bengio et al. 2009)"
    source: str = ""  # "bbl", "bib", "thebibliography", "" when none
    wanted: bool = False  # the document asks for a bibliography (so a missing one is worth a warning)
    aliases: dict[str, str] = field(default_factory=dict)  # \defcitealias{key}{Paper I}
    sort_compress: tuple[bool, bool] = (False, False)  # numeric markers sorted, ranges compressed

    def index(self) -> dict[str, int]:
        return {e.key: i for i, e in enumerate(self.entries)}

    def marker(self, index: dict[str, int], cmd: str, options: list[str], keys: list[str]) -> str:
        """What ``\\cmd[options]{keys}`` prints (``cmd`` ends in "*" for a starred command)."""
        style = CiteStyle(self.numeric, self.comma, self.aliases, *self.sort_compress)
        found: list[Labelled] = [self.entries[index[k]] for k in keys if k in index]
        return cite_marker(style, found, cmd, options, keys)

    def references(self) -> list[Reference]:
        out = []
        for e in self.entries:
            label = f"[{e.number}]" if self.numeric else (f"{e.authors_short} ({e.year})" if e.year else None)
            year = re.search(r"\b(1[89]\d\d|20\d\d)[a-z]?\b", e.year or e.text)
            out.append(Reference(text=e.text, label=label, year=year.group(0) if year else None, key=e.key))
        return out


def style_of(preamble: str, body: str) -> tuple[str, bool]:
    """(the bibliography style's name, whether citations are numeric)."""
    m = re.search(r"\\bibliographystyle\s*\{\s*([^}]*?)\s*\}", body) or re.search(
        r"\\bibliographystyle\s*\{\s*([^}]*?)\s*\}", preamble
    )
    name = posixpath.basename(m.group(1)).lower() if m else ""
    natbib = re.search(r"\\usepackage\s*(\[[^\]]*\])?\s*\{[^}]*natbib[^}]*\}", preamble)
    if natbib and natbib.group(1) and re.search(r"numbers|super", natbib.group(1)):
        return name, True
    biblatex = re.search(r"\\usepackage\s*\[([^\]]*)\]\s*\{biblatex\}", preamble)
    if biblatex:
        return name, not re.search(r"authoryear|apa|chicago|author-year", biblatex.group(1))
    if re.search(r"\\documentclass[^{]*\{(aastex|mnras|aa)\w*\}", preamble):
        return name, False
    if re.search(r"\\documentclass[^{]*\{(revtex|sig-alternate|acmart|llncs|IEEEtran)", preamble):
        return name, True
    return name, not (name and _AUTHOR_YEAR.search(name))


def sort_and_compress(preamble: str) -> tuple[bool, bool]:
    """Whether numeric markers are sorted and their runs compressed ("[2–4]"): natbib's ``sort``,
    ``compress``, ``sort&compress``; the cite package (both, unless ``nosort``/``nocompress``); REVTeX
    (both); biblatex's ``numeric-comp``."""
    natbib = re.search(r"\\usepackage\s*\[([^\]]*)\]\s*\{[^}]*natbib[^}]*\}", preamble)
    if natbib:
        options = natbib.group(1)
        return "sort" in options, "compress" in options
    cite = re.search(r"\\usepackage\s*(?:\[([^\]]*)\])?\s*\{(?:[^}]*,)?\s*cite\s*(?:,[^}]*)?\}", preamble)
    if cite:
        options = cite.group(1) or ""
        return "nosort" not in options, "nocompress" not in options
    if re.search(r"\\documentclass\s*(?:\[[^\]]*\])?\s*\{revtex", preamble):
        return True, True
    comp = re.search(r"\\usepackage\s*\[[^\]]*numeric-comp[^\]]*\]\s*\{biblatex\}", preamble)
    return (True, True) if comp else (False, False)


def read_bibliography(files: Files, main: str, preamble: str, body: str) -> Bibliography:
    """The paper's bibliography, from the best source the tree holds."""
    name, numeric = style_of(preamble, body)
    comma = name not in _AUTHOR_YEAR_NO_COMMA and not re.search(r"\{(aastex|mnras)\w*\}", preamble)
    if re.search(r"\\usepackage\s*(?:\[[^\]]*\])?\s*\{biblatex\}", preamble):
        comma = False  # biblatex's author–year styles print "(Smith and Jones 2012)"
    bib = Bibliography(numeric=numeric, comma=comma, aliases=citation_aliases(preamble + body))
    bib.sort_compress = sort_and_compress(preamble)
    bib.wanted = bool(re.search(r"\\(bibliography|addbibresource|printbibliography)\b", preamble + body))
    inline = re.search(r"\\begin\s*\{thebibliography\}(.*?)(\\end\s*\{thebibliography\}|$)", body, re.S)
    stem = main.rsplit(".", 1)[0]
    bbls = [n for n in files if n.lower().endswith(".bbl")]
    bbl = f"{stem}.bbl" if f"{stem}.bbl" in files else (bbls[0] if len(bbls) == 1 else None)
    if inline and "\\bibitem" in inline.group(1):
        bib.entries, bib.source = parse_bibitems(inline.group(1)), "thebibliography"
    elif bbl is not None and bib.wanted:
        text = uncomment(decode(files[bbl]))
        bib.entries = parse_biblatex(text) if "\\entry{" in text else parse_bibitems(text)
        bib.source = "bbl"
    else:
        paths = _bib_files(files, main, preamble + body)
        if paths:
            bib.entries, bib.source = _from_bib(files, paths, preamble + body, numeric, name), "bib"
    for i, e in enumerate(bib.entries, 1):
        e.number = i
    return bib


_BIBITEM = re.compile(r"\\bibitem\s*(?:\[)?")


def parse_bibitems(text: str) -> list[Entry]:
    """``\\bibitem[label]{key} text`` entries (natbib labels read for the author-year marker)."""
    starts = [m.start() for m in re.finditer(r"\\bibitem(?![A-Za-z@])", text)]
    end = re.search(r"\\end\s*\{thebibliography\}", text)
    stop = end.start() if end else len(text)
    entries = []
    for i, start in enumerate(starts):
        chunk = text[start + len("\\bibitem") : starts[i + 1] if i + 1 < len(starts) else stop].lstrip()
        label = ""
        if chunk.startswith("["):
            depth, j = 0, 1
            while j < len(chunk) and not (chunk[j] == "]" and depth == 0):
                depth += (chunk[j] == "{") - (chunk[j] == "}")
                j += 2 if chunk[j] == "\\" else 1
            label, chunk = chunk[1:j], chunk[j + 1 :].lstrip()
        key = balanced(chunk, 0)
        if key is None:
            continue
        rest = chunk[len(key) + 2 :]
        rest = re.sub(
            r"\\(newblock|bibinfo\s*\{[^{}]*\}|bibfield\s*\{[^{}]*\}|BibitemOpen|BibitemShut\s*\{[^{}]*\})",
            " ",
            rest,
        )
        rest = re.sub(r"\\(?:natexlab|href\s*\{[^{}]*\})", "", rest)
        short, year, long = natbib_label(label)
        # a field whose command the tree does not define (a journal macro of the class) prints nothing
        printed = re.sub(r"(?:\s*,)+\s*,", ",", to_text(rest))
        entries.append(Entry(key.strip(), printed, short, year, long))
    return entries


def parse_biblatex(text: str) -> list[Entry]:
    """biber's ``\\entry{key}{type}{}`` … ``\\endentry`` records."""
    entries = []
    for m in re.finditer(r"\\entry\s*\{([^}]*)\}\s*\{([^}]*)\}(.*?)\\endentry", text, re.S):
        body = m.group(3)
        fields = {
            f.group(1): balanced(body, f.end() - 1) or ""
            for f in re.finditer(r"\\field\s*\{(\w+)\}\s*\{", body)
        }
        names = biber_names(body)
        year = fields.get("labelyear") or fields.get("year", "") or fields.get("date", "")[:4]
        extra = fields.get("extradate") or fields.get("extrayear") or ""
        if extra.isdigit() and int(extra) > 0:
            year += chr(ord("a") + int(extra) - 1)
        title = fields.get("title", "")
        venue = fields.get("journaltitle", "") or fields.get("booktitle", "")
        text_out = ". ".join(p for p in (all_names(names), to_text(title), to_text(venue), year) if p)
        surnames = [family for family, _ in names]
        entries.append(Entry(m.group(1), text_out, short_names(surnames), year, all_names(surnames)))
    return entries


def _bib_files(files: Files, main: str, text: str) -> list[str]:
    names: list[str] = []
    for m in re.finditer(
        r"\\(?:bibliography|addbibresource|addglobalbib)\s*(?:\[[^\]]*\])?\s*\{([^}]*)\}", text
    ):
        names += [n.strip() for n in m.group(1).split(",") if n.strip()]
    base = posixpath.dirname(main)
    found = []
    for n in names:
        for cand in (posixpath.join(base, n), n):
            cand = posixpath.normpath(cand)
            for c in (cand, cand + ".bib"):
                if c in files and c not in found:
                    found.append(c)
                    break
    return found


def parse_bib(text: str) -> dict[str, dict[str, str]]:
    """A ``.bib`` file's entries: key → fields (lower-case names, raw LaTeX values)."""
    entries: dict[str, dict[str, str]] = {}
    for m in re.finditer(r"@(\w+)\s*[{(]\s*([^,\s]+)\s*,", text):
        kind = m.group(1).lower()
        if kind in ("comment", "string", "preamble"):
            continue
        pos = m.end()
        fields: dict[str, str] = {"_type": kind}
        while True:
            f = re.compile(r"\s*(\w[\w-]*)\s*=\s*").match(text, pos)
            if not f:
                break
            pos = f.end()
            if pos < len(text) and text[pos] == "{":
                value = balanced(text, pos) or ""
                pos += len(value) + 2
            elif pos < len(text) and text[pos] == '"':
                close = text.find('"', pos + 1)
                value, pos = text[pos + 1 : close], close + 1
            else:
                v = re.compile(r"[^,}\n]*").match(text, pos)
                value = v.group(0).strip() if v else ""
                pos = v.end() if v else pos
            fields[f.group(1).lower()] = value
            c = re.compile(r"\s*,").match(text, pos)
            if not c:
                break
            pos = c.end()
        entries.setdefault(m.group(2), fields)
    return entries


def _from_bib(files: Files, paths: list[str], text: str, numeric: bool, style: str) -> list[Entry]:
    db: dict[str, dict[str, str]] = {}
    for p in paths:
        for k, v in parse_bib(decode(files[p])).items():
            db.setdefault(k, v)
    cited: list[str] = []
    for m in re.finditer(
        r"\\(?:[a-zA-Z]*cite[a-zA-Z]*|citealias\w*)\*?\s*(?:\[[^\]]*\]\s*){0,2}\{([^{}]*)\}", text
    ):
        for k in m.group(1).split(","):
            k = k.strip()
            if k == "*":
                cited += [x for x in db if x not in cited]
            elif k and k not in cited:
                cited.append(k)
    entries = []
    order: dict[str, tuple[str, str, str]] = {}
    for key in cited:
        f = db.get(key)
        if f is None:
            continue
        names = [bib_name(n) for n in split_names(f.get("author") or f.get("editor") or "")]
        year = to_text(f.get("year", "") or f.get("date", "")[:4])
        title = to_text(f.get("title", "")).strip("{} ")
        venue = to_text(
            f.get("journal") or f.get("booktitle") or f.get("publisher") or f.get("howpublished") or ""
        )
        text_out = ". ".join(p for p in (all_names(names), title, venue, year) if p) + "."
        surnames = [surname for surname, _ in names]
        short = short_names(surnames, bool(_AMPERSAND.match(style)))
        entries.append(Entry(key, text_out, short, year, all_names(surnames)))
        order[key] = (_sort_text(" ".join(f"{s} {g}" for s, g in names)), year, _sort_text(title, True))
    if not numeric or style in _SORTED_NUMERIC:
        entries.sort(key=lambda e: order[e.key])
    _tell_apart(entries)
    return entries


def _sort_text(text: str, title: bool = False) -> str:
    """BibTeX's sort form: letters, digits and spaces in lower case; a title without its leading article."""
    text = re.sub(r"[^\w\s]", "", text.lower())
    if title:
        text = re.sub(r"^(?:a|an|the)\s+", "", text.strip())
    return " ".join(text.split())


def _tell_apart(entries: list[Entry]) -> None:
    """Works whose citations would print the same names and year get "2019a", "2019b" (as natbib does)."""
    seen: dict[tuple[str, str], list[Entry]] = {}
    for e in entries:
        if e.authors_short and e.year:
            seen.setdefault((e.authors_short, e.year), []).append(e)
    for same in seen.values():
        if len(same) > 1:
            for i, e in enumerate(same):
                e.year += chr(ord("a") + i)
