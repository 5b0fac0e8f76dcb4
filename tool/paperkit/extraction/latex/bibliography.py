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
from paperkit.extraction.latex.cite_marks import CiteStyle, Labelled, citation_aliases, cite_marker
from paperkit.extraction.latex.source import balanced, clean
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

    def index(self) -> dict[str, int]:
        return {e.key: i for i, e in enumerate(self.entries)}

    def marker(self, index: dict[str, int], cmd: str, options: list[str], keys: list[str]) -> str:
        """What ``\\cmd[options]{keys}`` prints (``cmd`` ends in "*" for a starred command)."""
        style = CiteStyle(self.numeric, self.comma, self.aliases)
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


def read_bibliography(files: Files, main: str, preamble: str, body: str) -> Bibliography:
    """The paper's bibliography, from the best source the tree holds."""
    name, numeric = style_of(preamble, body)
    comma = name not in _AUTHOR_YEAR_NO_COMMA and not re.search(r"\{(aastex|mnras)\w*\}", preamble)
    if re.search(r"\\usepackage\s*(?:\[[^\]]*\])?\s*\{biblatex\}", preamble):
        comma = False  # biblatex's author–year styles print "(Smith and Jones 2012)"
    bib = Bibliography(numeric=numeric, comma=comma, aliases=citation_aliases(preamble + body))
    bib.wanted = bool(re.search(r"\\(bibliography|addbibresource|printbibliography)\b", preamble + body))
    inline = re.search(r"\\begin\s*\{thebibliography\}(.*?)(\\end\s*\{thebibliography\}|$)", body, re.S)
    stem = main.rsplit(".", 1)[0]
    bbls = [n for n in files if n.lower().endswith(".bbl")]
    bbl = f"{stem}.bbl" if f"{stem}.bbl" in files else (bbls[0] if len(bbls) == 1 else None)
    if inline and "\\bibitem" in inline.group(1):
        bib.entries, bib.source = parse_bibitems(inline.group(1)), "thebibliography"
    elif bbl is not None and bib.wanted:
        text = clean(decode(files[bbl]))
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
        short, year, long = _natbib_label(label)
        entries.append(Entry(key.strip(), to_text(rest), short, year, long))
    return entries


def _natbib_label(label: str) -> tuple[str, str, str]:
    """(short names, year, long names) of a ``\\bibitem[label]``, in the forms natbib reads:
    ``Short(Year)Long`` (names and year in braces, ``\\citenamefont``, ``\\natexlab`` included),
    ``\\citeauthoryear{Long}{Short}{Year}``, ``\\citename{Short, }Year``, ``\\astroncite{Short}{Year}``,
    and apalike's ``Short, Year``; ("", "", "") for a numeric label."""
    label = re.sub(r"\\protect\b\s*", "", label).strip()
    label = re.sub(r"\\natexlab\s*\{(\w*)\}", r"\1", label)
    while label.startswith("{") and balanced(label, 0) == label[1:-1]:
        label = label[1:-1].strip()
    m = re.match(r"\\(citeauthoryear|astroncite)\s*(?=\{)", label)
    if m:
        args = _groups(label, m.end())
        if len(args) >= 2:
            short = args[-2] if m.group(1) == "astroncite" or len(args) == 2 else args[1]
            return _label_text(short), _label_text(args[-1]), _label_text(args[0])
    m = re.match(r"\\citename\s*(?=\{)", label)
    if m:
        args = _groups(label, m.end())
        if args:
            short = _label_text(args[0]).rstrip(", ")
            year = _label_text(label[m.end() + len(args[0]) + 2 :])
            return short, year, short
    open_ = _paren_at_depth0(label)
    if open_ >= 0:
        close = _close_paren(label, open_)
        close = close if close > 0 else len(label)
        short = _label_text(label[:open_])
        long = _label_text(label[close + 1 :])
        return short, _label_text(label[open_ + 1 : close]), long or short
    m = re.match(r"(.+?),?\s+((?:1[5-9]|20)\d\d[a-z]?|n\.d\.)$", _label_text(label))
    if m and not label.strip().isdigit():
        return m.group(1).strip(), m.group(2), m.group(1).strip()
    return "", "", ""


def _groups(text: str, pos: int) -> list[str]:
    """The brace groups that follow one another from ``pos``."""
    out: list[str] = []
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        group = balanced(text, pos)
        if group is None:
            return out
        out.append(group)
        pos += len(group) + 2


def _paren_at_depth0(text: str) -> int:
    depth = 0
    for i, c in enumerate(text):
        depth += (c == "{") - (c == "}")
        if c == "(" and depth == 0 and (i == 0 or text[i - 1] != "\\"):
            return i
    return -1


def _close_paren(text: str, start: int) -> int:
    depth = 0
    for i in range(start, len(text)):
        depth += (text[i] == "{") - (text[i] == "}")
        if text[i] == ")" and depth == 0:
            return i
    return -1


def _label_text(latex: str) -> str:
    text = to_text(re.sub(r"\\citenamefont\b", "", latex))
    return re.sub(r"\s+", " ", text).strip("{} ")


def parse_biblatex(text: str) -> list[Entry]:
    """biber's ``\\entry{key}{type}{}`` … ``\\endentry`` records."""
    entries = []
    for m in re.finditer(r"\\entry\s*\{([^}]*)\}\s*\{([^}]*)\}(.*?)\\endentry", text, re.S):
        body = m.group(3)
        fields = {
            f.group(1): balanced(body, f.end() - 1) or ""
            for f in re.finditer(r"\\field\s*\{(\w+)\}\s*\{", body)
        }
        names = _biber_names(body)
        year = fields.get("labelyear") or fields.get("year", "") or fields.get("date", "")[:4]
        extra = fields.get("extradate") or fields.get("extrayear") or ""
        if extra.isdigit() and int(extra) > 0:
            year += chr(ord("a") + int(extra) - 1)
        title = fields.get("title", "")
        venue = fields.get("journaltitle", "") or fields.get("booktitle", "")
        text_out = ". ".join(p for p in (_all_names(names), to_text(title), to_text(venue), year) if p)
        surnames = [family for family, _ in names]
        entries.append(Entry(m.group(1), text_out, short_names(surnames), year, _all_names(surnames)))
    return entries


_NAME_LIST = re.compile(
    r"\\name\s*\{(author|editor)\}(.*?)(?=\\name\s*\{|\\list\s*\{|\\field\s*\{|\\strng|$)", re.S
)
_NAME_PART = re.compile(r"\b(family|given|prefix|suffix)=\{((?:[^{}]|\{[^{}]*\})*)\}")


def _biber_names(body: str) -> list[tuple[str, str]]:
    """(family with its prefix, given) of each author in a biber entry (else its editors)."""
    block = _NAME_LIST.search(body)
    if block is None:
        return []
    out = []
    for part in re.split(r"(?=family=)", block.group(2))[1:]:
        got = {k: to_text(v) for k, v in _NAME_PART.findall(part)}
        family = " ".join(p for p in (got.get("prefix", ""), got.get("family", "")) if p)
        out.append((family, got.get("given", "")))
    return out


def short_names(surnames: list[str], ampersand: bool = False) -> str:
    """The names an author–year citation prints: "Smith", "Smith and Jones" ("Smith & Jones" in the
    styles that print so), "Smith et al."."""
    surnames = [s for s in surnames if s]
    if not surnames:
        return ""
    if len(surnames) == 1:
        return surnames[0]
    if len(surnames) == 2 and surnames[1] != "others":
        return f"{surnames[0]} {'&' if ampersand else 'and'} {surnames[1]}"
    return f"{surnames[0]} et al."


def _all_names(names: list[str] | list[tuple[str, str]]) -> str:
    """Every author, as a reference list prints them: "A", "A and B", "A, B, and C" ("others": et al.)."""
    shown = [n if isinstance(n, str) else " ".join(p for p in (n[1], n[0]) if p) for n in names]
    shown = [n for n in shown if n]
    etal = bool(shown) and shown[-1] in ("others", "others others")
    if etal:
        shown = shown[:-1]
    if not shown:
        return ""
    if etal:
        return ", ".join(shown) + " et al."
    if len(shown) <= 2:
        return " and ".join(shown)
    return ", ".join(shown[:-1]) + ", and " + shown[-1]


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


def split_names(authors: str) -> list[str]:
    """A BibTeX name list split at its top-level "and"s (never inside braces: "{Smith and Sons}")."""
    out, depth, start = [], 0, 0
    for m in re.finditer(r"[{}]|\s+and\s+", authors):
        token = m.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0:
            out.append(authors[start : m.start()])
            start = m.end()
    out.append(authors[start:])
    return [n.strip() for n in out if n.strip()]


def bib_name(name: str) -> tuple[str, str]:
    """(surname with its "von" part and suffix, given names) of one BibTeX name, in any of its three
    forms ("First von Last", "von Last, First", "von Last, Jr, First"); a braced name is one surname."""
    name = re.sub(r"(?<!\\)~", " ", name)  # a tie separates name words as a space does
    parts = [p.strip() for p in _top_level_split(name, ",")]
    if len(parts) == 1:
        words = _top_level_split(parts[0], " ")
        if len(words) == 1:
            return _name_text(words[0]), ""
        # the surname starts at the first lower-case word ("von", "de la"), else it is the last word
        cut = next((i for i, w in enumerate(words[:-1]) if i and w[:1].islower()), len(words) - 1)
        return _name_text(" ".join(words[cut:])), _name_text(" ".join(words[:cut]))
    surname = parts[0] + (f" {parts[1]}" if len(parts) == 3 else "")
    return _name_text(surname), _name_text(parts[-1])


def _top_level_split(text: str, sep: str) -> list[str]:
    out, depth, current = [], 0, ""
    for c in text:
        depth += (c == "{") - (c == "}")
        if c == sep and depth == 0:
            out.append(current)
            current = ""
        else:
            current += c
    out.append(current)
    return [p for p in (x.strip() for x in out) if p]


def _name_text(latex: str) -> str:
    return to_text(latex).strip("{} ")


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
        text_out = ". ".join(p for p in (_all_names(names), title, venue, year) if p) + "."
        surnames = [surname for surname, _ in names]
        short = short_names(surnames, bool(_AMPERSAND.match(style)))
        entries.append(Entry(key, text_out, short, year, _all_names(surnames)))
    if not numeric or style in _SORTED_NUMERIC:
        entries.sort(key=lambda e: (e.authors_long.lower(), e.year, e.text.lower()))
    _tell_apart(entries)
    return entries


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
