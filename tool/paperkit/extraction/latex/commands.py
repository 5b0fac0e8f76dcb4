"""The author's own commands, expanded in the text as TeX would: ``\\newcommand{\\sys}{PySR\\xspace}``,
``\\newcommand{\\figref}[1]{Figure~\\ref{#1}}``, ``\\newcommand{\\eat}[1]{}`` (which prints nothing and eats
its argument), ``\\def\\eg{e.g.\\@\\xspace}``, optional first arguments with their default, and CVPR's
``\\onedot`` (a period unless one follows). Definitions are read from the preamble, from the packages the
tree itself ships (``\\usepackage{macros}`` with ``macros.sty`` beside the paper) and from the body, where
they are removed so that they never print."""

from __future__ import annotations

import re
from dataclasses import dataclass

from paperkit.extraction.latex.source import balanced

_DEFINITION = re.compile(
    r"\\(?:(?:re)?newcommand|providecommand|DeclareRobustCommand)\*?\s*"
    r"(?:\{\s*(\\[A-Za-z@]+)\s*\}|(\\[A-Za-z@]+))"
    r"\s*(?:\[\s*(\d)\s*\])?\s*(\[)?"
    r"|\\(?:g|e|x)?def\s*(\\[A-Za-z@]+)\s*((?:#\d)*)\s*(?=\{)"
    r"|\\(?:New|Renew|Provide|Declare)DocumentCommand\s*\{?\s*(\\[A-Za-z@]+)\s*\}?\s*\{([\sm]*)\}\s*(?=\{)"
)
# Commands whose redefinition changes the document's structure, or that the reader handles itself.
_STRUCTURAL = re.compile(
    r"^\\(?:(?:sub)*section|chapter|part|paragraph|ref|label|title|author|"
    # the citation commands the reader renders (an author's own \citeeg wrapping \citep is expanded)
    r"[cC]ite(?:t|p|alp|alt|author|year|yearpar|num|title|alias|talias|palias)?|"
    r"[pP]arencite|[tT]extcite|[aA]utocite|[fF]ootcite|[sS]martcite|[sS]upercite|"
    r"abstract|begin|end|input|include|appendix|bibliography\w*|maketitle|item|footnote|caption|"
    r"thebibliography|bibitem|newblock|url|href|emph|textbf|textit|text\w*|math\w*|acknowledg\w*|"
    r"gls\w*|Gls\w*|newglossaryentry|newacronym|abstractname|refname|bibname|contentsname)$"
)
# TeX programming that the reader cannot follow: such definitions are left alone.
_PROGRAMMING = re.compile(
    r"\\(?:def|newcommand|renewcommand|let|ifx|if|else|fi|relax|csname|expandafter|futurelet|"
    r"@ifnextchar|@ifstar|ifthenelse|ifmmode|NewDocumentCommand|xdef|edef|gdef)(?![A-Za-z])"
)
# CVPR's \onedot: "\ifx\@let@token.\else.\null\fi\xspace", a period unless a period follows.
_ONE_DOT = re.compile(r"^\s*\\ifx\s*\\@let@token\s*\.\s*\\else\s*\.\s*\\null\s*\\fi\s*(?:\\xspace)?\s*$")
MAYBE_DOT = "\x03"
_MAX_GROWTH = 4  # expansion stops once the text is this many times its first length


@dataclass
class Macro:
    """One definition: its number of arguments, the first one's default when optional, its body."""

    nargs: int
    default: str | None
    body: str


def collect_macros(*texts: str) -> dict[str, Macro]:
    """The definitions in ``texts``, in order (a later definition of a name replaces the earlier)."""
    macros: dict[str, Macro] = {}
    for text in texts:
        for _, name, macro in _definitions(text):
            if macro is not None:
                macros[name] = macro
    return {n: m for n, m in macros.items() if not _calls_itself(n, m.body)}


def _definitions(text: str) -> list[tuple[re.Match[str], str, Macro | None]]:
    out: list[tuple[re.Match[str], str, Macro | None]] = []
    for m in _DEFINITION.finditer(text):
        name = m.group(1) or m.group(2) or m.group(5) or m.group(7)
        if m.group(7):  # xparse, mandatory arguments only
            nargs, default, start = m.group(8).count("m"), None, m.end()
        elif m.group(5):
            params = m.group(6) or ""
            nargs, default, start = len(params) // 2, None, m.end()
        else:
            nargs = int(m.group(3) or 0)
            default, start = None, m.end()
            if m.group(4):  # an optional first argument's default
                close = _bracket_end(text, m.end() - 1)
                if close < 0:
                    out.append((m, name, None))
                    continue
                default, start = text[m.end() : close], close + 1
        while start < len(text) and text[start].isspace():
            start += 1
        body = balanced(text, start)
        if body is None:
            out.append((m, name, None))
            continue
        out.append((m, name, _macro(name, nargs, default, body)))
    return out


def _macro(name: str, nargs: int, default: str | None, body: str) -> Macro | None:
    if _ONE_DOT.match(body):
        return Macro(0, None, MAYBE_DOT)
    body = re.sub(r"\\@(?![A-Za-z])|\\xspace\b|\\ensuremath\b|\\protect\b|\\null\b", "", body)
    if _STRUCTURAL.match(name) or "@" in body or _PROGRAMMING.search(body):
        return None
    if re.search(r"#(\d)", body) and max(int(d) for d in re.findall(r"#(\d)", body)) > nargs:
        return None
    return Macro(nargs, default, body)


def _calls_itself(name: str, body: str) -> bool:
    # a plain search, not a regex per macro: hundreds of one-off patterns would evict re's cache
    i = body.find(name)
    while i >= 0:
        after = body[i + len(name) : i + len(name) + 1]
        if not (after.isalpha() or after == "@"):
            return True
        i = body.find(name, i + 1)
    return False


def _bracket_end(text: str, start: int) -> int:
    depth = 0
    for i in range(start, len(text)):
        c = text[i]
        depth += (c == "{") - (c == "}")
        if c == "]" and depth == 0:
            return i
    return -1


def strip_definitions(text: str) -> str:
    """``text`` without its definitions (a definition in the body prints nothing)."""
    out: list[str] = []
    pos = 0
    for m, _, macro in _definitions(text):
        if m.start() < pos or macro is None:
            continue
        end = m.end()
        if m.group(4):
            end = _bracket_end(text, m.end() - 1) + 1 or m.end()
        while end < len(text) and text[end].isspace():
            end += 1
        body = balanced(text, end)
        out.append(text[pos : m.start()])
        pos = end + len(body) + 2 if body is not None else m.end()
    out.append(text[pos:])
    return "".join(out)


def expand_macros(text: str, macros: dict[str, Macro], depth: int = 6) -> str:
    """Each use of a macro replaced by its body with its arguments put in, and the result expanded in
    turn (to ``depth`` levels, for macros that use macros); "\\sys{}" and "\\sys " keep the space TeX
    keeps before the next word once the name is text."""
    if not macros:
        return text
    names = sorted(macros, key=len, reverse=True)
    pattern = re.compile("(" + "|".join(re.escape(n) for n in names) + r")(?![A-Za-z@])")
    budget = [max(len(text), 1000) * _MAX_GROWTH]
    out = _expand(text, pattern, macros, depth, budget)
    return re.sub(MAYBE_DOT + r"(?=\s*\.)", "", out).replace(MAYBE_DOT, ".")


def _expand(
    text: str, pattern: re.Pattern[str], macros: dict[str, Macro], depth: int, budget: list[int]
) -> str:
    if depth <= 0 or budget[0] <= 0:
        return text
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.start() < pos:
            continue
        macro = macros[m.group(1)]
        args, end = _arguments(text, m.end(), macro)
        if args is None:
            continue
        body = _put_in(macro.body, args) if macro.nargs else macro.body
        if pattern.search(body):
            body = _expand(body, pattern, macros, depth - 1, budget)
        budget[0] -= len(body)
        if macro.nargs == 0:
            if text.startswith("{}", end):
                end += 2
            elif end < len(text) and text[end] in " \t":
                end += 1
                body += " "
        out.append(text[pos : m.start()])
        out.append(body)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _put_in(body: str, args: list[str]) -> str:
    return re.sub(r"#(\d)", lambda d: args[int(d.group(1)) - 1], body)


def _arguments(text: str, pos: int, macro: Macro) -> tuple[list[str] | None, int]:
    args: list[str] = []
    wanted = macro.nargs
    if macro.default is not None:
        j = _skip_space(text, pos)
        if j < len(text) and text[j] == "[":
            close = _bracket_end(text, j)
            if close < 0:
                return None, pos
            args.append(text[j + 1 : close])
            pos = close + 1
        else:
            args.append(macro.default)
        wanted -= 1
    for _ in range(wanted):
        j = _skip_space(text, pos)
        if j >= len(text):
            return None, pos
        group = balanced(text, j)
        if group is not None:
            args.append(group)
            pos = j + len(group) + 2
        else:
            token = re.match(r"\\[A-Za-z@]+|\\.|[^{}]", text[j:])
            if token is None:
                return None, pos
            args.append(token.group(0))
            pos = j + len(token.group(0))
    return args, pos


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\n":
        pos += 1
    return pos
