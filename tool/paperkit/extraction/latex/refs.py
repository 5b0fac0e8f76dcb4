"""Cross-references as the PDF prints them: ``\\ref`` "2", ``\\eqref`` "(1)", hyperref's ``\\autoref``
"Figure 2" / "section 3" (its English names, or the author's ``\\sectionautorefname``), cleveref's
``\\cref`` "fig. 2" / "eq. (1)" / "figs. 1 and 2" and ``\\Cref`` "Figure 2" (``capitalise`` and
``noabbrev`` options, ``\\crefname`` overrides), ``\\nameref`` the section's title. An unknown label
prints "?", as LaTeX prints an unresolved one — never the label itself."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from paperkit.extraction.latex.labels import Label, theorems

# hyperref's English \…autorefname defaults
_AUTOREF = {
    "equation": "Equation", "figure": "Figure", "table": "Table", "appendix": "Appendix",
    "section": "section", "subsection": "subsection", "algorithm": "Algorithm", "theorem": "Theorem",
    "chapter": "chapter",
}  # fmt: skip
# cleveref's English names: (\cref singular, plural, \Cref singular, plural)
_CREF = {
    "equation": ("eq.", "eqs.", "Equation", "Equations"),
    "figure": ("fig.", "figs.", "Figure", "Figures"),
    "table": ("tab.", "tabs.", "Table", "Tables"),
    "section": ("section", "sections", "Section", "Sections"),
    "subsection": ("section", "sections", "Section", "Sections"),
    "appendix": ("appendix", "appendices", "Appendix", "Appendices"),
    "algorithm": ("algorithm", "algorithms", "Algorithm", "Algorithms"),
    "chapter": ("chapter", "chapters", "Chapter", "Chapters"),
}
_FULL = {"eq.": "equation", "eqs.": "equations", "fig.": "figure", "figs.": "figures", "tab.": "table",
         "tabs.": "tables"}  # fmt: skip


@dataclass
class RefPrinter:
    """Prints one reference command, from the labels and the preamble's naming."""

    labels: dict[str, Label]
    autoref_names: dict[str, str] = field(default_factory=dict)
    cref_names: dict[str, tuple[str, str, str, str]] = field(default_factory=dict)

    def __call__(self, cmd: str, keys: str) -> str:
        found = [self.labels.get(k.strip()) for k in keys.split(",") if k.strip()]
        if not found:
            return "?"
        if cmd == "eqref":
            return ", ".join(f"({x.number})" if x else "(?)" for x in found)
        if cmd == "nameref":
            return ", ".join((x.title or x.number) if x else "?" for x in found)
        if cmd == "autoref":
            return ", ".join(self._autoref(x) for x in found)
        if cmd in ("cref", "Cref"):
            return self._cref(found, capital=cmd == "Cref")
        if cmd in ("pageref", "cpageref", "Cpageref", "vpageref"):
            return "?"  # pages are not known
        return ", ".join(x.number if x else "?" for x in found)

    def _autoref(self, x: Label | None) -> str:
        if x is None:
            return "?"
        name = self.autoref_names.get(x.kind) or _AUTOREF.get(x.kind) or x.kind.capitalize()
        return f"{name} {x.number}"

    def _cref(self, found: list[Label | None], capital: bool) -> str:
        if any(x is None for x in found):
            return ", ".join(x.number if x else "?" for x in found)
        groups: list[tuple[str, list[str]]] = []
        for x in found:
            assert x is not None
            number = f"({x.number})" if x.kind == "equation" else x.number
            if groups and groups[-1][0] == x.kind:
                groups[-1][1].append(number)
            else:
                groups.append((x.kind, [number]))
        out = []
        for kind, numbers in groups:
            names = self.cref_names.get(kind) or _CREF.get(kind)
            if names is None:
                names = (kind, kind + "s", kind.capitalize(), kind.capitalize() + "s")
            plural = len(numbers) > 1
            name = names[2 + plural] if capital else names[plural]
            out.append(f"{name} {_and(numbers)}")
        return _and(out)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def ref_printer(labels: dict[str, Label], preamble: str, macros: dict[str, str]) -> RefPrinter:
    """The printer for a document: its labels, and the names its preamble gives (``macros`` holds the
    argument-free definitions, e.g. ``\\sectionautorefname``)."""
    autoref = {}
    for name, value in macros.items():
        m = re.fullmatch(r"\\(\w+)autorefname", name)
        if m:
            autoref[m.group(1)] = value.strip("{}~ ")
    for env, theorem in theorems(preamble).items():
        autoref.setdefault(env, theorem.name)
    cref: dict[str, tuple[str, str, str, str]] = dict(_CREF)
    for env, theorem in theorems(preamble).items():
        lower = theorem.name.lower()
        cref[env] = (lower, lower + "s", theorem.name, theorem.name + "s")
    options = re.search(r"\\usepackage\s*\[([^\]]*)\]\s*\{cleveref\}", preamble)
    capitalise = bool(options and re.search(r"capitali[sz]e", options.group(1)))
    noabbrev = bool(options and "noabbrev" in options.group(1))
    for kind, (one, many, big_one, big_many) in cref.items():
        if noabbrev:
            one, many = _FULL.get(one, one), _FULL.get(many, many)
        if capitalise:
            one, many = one[:1].upper() + one[1:], many[:1].upper() + many[1:]
        cref[kind] = (one, many, big_one, big_many)
    for m in re.finditer(r"\\([cC])refname\s*\{(\w+)\}\s*\{([^{}]*)\}\s*\{([^{}]*)\}", preamble):
        old = cref.get(m.group(2), ("", "", "", ""))
        pair = (m.group(3).replace("~", " ").strip(), m.group(4).replace("~", " ").strip())
        cref[m.group(2)] = (*pair, *old[2:]) if m.group(1) == "c" else (*old[:2], *pair)
    return RefPrinter(labels, autoref, cref)
