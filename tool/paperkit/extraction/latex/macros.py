"""The paper's own math macros, expanded so that a formula renders in KaTeX (the renderer Markdown viewers
use), and the check that it will.

``\\newcommand``/``\\renewcommand``/``\\providecommand`` with arguments (and an optional first one),
``\\def`` with undelimited parameters, ``\\DeclareMathOperator`` and ``\\let`` are read from the preamble;
:func:`expand` replaces their uses, arguments substituted, until none is left (bounded, so a macro
that calls itself cannot loop). :func:`katex_ready` also turns LaTeX's numbered display environments
into the ones KaTeX has and drops what it lacks (``\\label``, ``\\nonumber``); :func:`renders` says
whether every command left is one KaTeX knows (the list in ``katex_commands.txt``, made from KaTeX
itself by ``dev/katex/commands.js``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from paperkit.extraction.latex.source import balanced

MAX_EXPANSIONS = 2000  # per formula: a macro that calls itself stops here
MAX_LENGTH = 20_000

_NEWCOMMAND = re.compile(
    r"\\(?:re)?newcommand\*?|\\providecommand\*?|\\DeclareRobustCommand\*?|\\(?:g|e|x)?def"
    r"|\\DeclareMathOperator\*?|\\let"
)
_NAME = re.compile(r"\s*(?:\{\s*(\\[A-Za-z@]+|\\.)\s*\}|(\\[A-Za-z@]+|\\.))")
_CS = re.compile(r"\\([A-Za-z@]+|.)")


@dataclass(frozen=True)
class Macro:
    """One macro: its number of arguments, the default of an optional first one, its body."""

    nargs: int
    default: str | None
    body: str


def collect(preamble: str) -> dict[str, Macro]:
    """The math macros a preamble (or any text) defines; a later definition replaces an earlier one."""
    macros: dict[str, Macro] = {}
    for m in _NEWCOMMAND.finditer(preamble):
        cmd = m.group(0)
        name_m = _NAME.match(preamble, m.end())
        if not name_m:
            continue
        name = name_m.group(1) or name_m.group(2)
        pos = name_m.end()
        found: tuple[Macro, int] | None
        if cmd.startswith("\\DeclareMathOperator"):
            found = _operator(preamble, pos, star=cmd.endswith("*"))
        elif cmd == "\\let":
            found = _let(preamble, pos)
        elif cmd.endswith("def"):
            found = _def(preamble, pos)
        else:
            found = _newcommand(preamble, pos)
        if found is not None and "@" not in name:
            macros[name] = found[0]
    return macros


def _newcommand(text: str, pos: int) -> tuple[Macro, int] | None:
    nargs, default = 0, None
    m = re.compile(r"\s*\[\s*(\d)\s*\]").match(text, pos)
    if m:
        nargs, pos = int(m.group(1)), m.end()
        d = re.compile(r"\s*\[").match(text, pos)
        if d:
            end = _bracket_end(text, d.end() - 1)
            if end < 0:
                return None
            default, pos = text[d.end() : end], end + 1
    return _body(text, pos, nargs, default)


def _def(text: str, pos: int) -> tuple[Macro, int] | None:
    m = re.compile(r"((?:#\d)*)\s*(?=\{)").match(text, pos)
    if not m:  # delimited parameters ("\def\x#1.{…}") are TeX programming, not notation
        return None
    return _body(text, m.end(), len(m.group(1)) // 2, None)


def _operator(text: str, pos: int, star: bool) -> tuple[Macro, int] | None:
    start = text.find("{", pos)
    if start < 0 or text[pos:start].strip():
        return None
    body = balanced(text, start)
    if body is None:
        return None
    return Macro(0, None, f"\\operatorname{'*' if star else ''}{{{body}}}"), start + len(body) + 2


def _let(text: str, pos: int) -> tuple[Macro, int] | None:
    m = re.compile(r"\s*=?\s*(\\[A-Za-z]+)").match(text, pos)
    return (Macro(0, None, m.group(1)), m.end()) if m else None


def _body(text: str, pos: int, nargs: int, default: str | None) -> tuple[Macro, int] | None:
    start = pos + len(text[pos:]) - len(text[pos:].lstrip())
    body = balanced(text, start)
    if body is None:
        return None
    if re.search(r"\\(?:if\w*|else|fi|csname|expandafter|futurelet|@ifnextchar|ifx)(?![A-Za-z])", body):
        return None  # TeX programming: expanding it by hand would be a guess
    body = body.replace("\\xspace", "").replace("\\ensuremath", "")
    return Macro(nargs, default, body), start + len(body) + 2


def _bracket_end(text: str, start: int) -> int:
    depth = 0
    for i in range(start, min(len(text), start + 2000)):
        c = text[i]
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == "]" and depth == 0:
            return i
    return -1


def expand(tex: str, macros: dict[str, Macro]) -> str:
    """``tex`` with every use of ``macros`` replaced by its body, arguments substituted."""
    if not macros or "\\" not in tex:
        return tex
    out: list[str] = []
    rest = tex
    budget = MAX_EXPANSIONS
    while rest:
        m = _CS.search(rest)
        if m is None:
            out.append(rest)
            break
        out.append(rest[: m.start()])
        name = m.group(0)
        macro = macros.get(name)
        if macro is None or budget <= 0:
            out.append(name)
            rest = rest[m.end() :]
            continue
        budget -= 1
        args, end = _arguments(rest, m.end(), macro)
        if args is None:
            out.append(name)
            rest = rest[m.end() :]
            continue
        body = _substitute(macro.body, args)
        # a body ending in a letter command must not glue to a letter that follows it
        glue = " " if re.search(r"\\[A-Za-z]+$", body) and re.match(r"[A-Za-z]", rest[end:]) else ""
        rest = body + glue + rest[end:]
        if len(rest) > MAX_LENGTH:
            return tex
    return "".join(out)


def _substitute(body: str, args: list[str]) -> str:
    return re.sub(r"#(\d)", lambda a: args[int(a.group(1)) - 1] if int(a.group(1)) <= len(args) else "", body)


def _arguments(text: str, pos: int, macro: Macro) -> tuple[list[str] | None, int]:
    args: list[str] = []
    n = macro.nargs
    if macro.default is not None:
        m = re.compile(r"\s*\[").match(text, pos)
        if m:
            end = _bracket_end(text, m.end() - 1)
            if end < 0:
                return None, pos
            args.append(text[m.end() : end])
            pos = end + 1
        else:
            args.append(macro.default)
        n -= 1
    for _ in range(max(n, 0)):
        while pos < len(text) and text[pos] in " \t\n":
            pos += 1
        if pos >= len(text):
            return None, pos
        if text[pos] == "{":
            body = balanced(text, pos)
            if body is None:
                return None, pos
            args.append(body)
            pos += len(body) + 2
        elif text[pos] == "\\":
            m = _CS.match(text, pos)
            assert m is not None
            args.append(m.group(0))
            pos = m.end()
        else:
            args.append(text[pos])
            pos += 1
    return args, pos


# -- KaTeX ------------------------------------------------------------------------------------------------

_ENV_AS = {
    "align": "aligned", "align*": "aligned", "eqnarray": "aligned", "eqnarray*": "aligned",
    "flalign": "aligned", "flalign*": "aligned", "alignat": "alignedat", "alignat*": "alignedat",
    "gather": "gathered", "gather*": "gathered", "multline": "gathered", "multline*": "gathered",
    "equation": "", "equation*": "", "displaymath": "", "dmath": "", "dmath*": "", "math": "",
    "subequations": "",
}  # fmt: skip
_DROP_ARGS = {"label": 1, "tag": 1, "href": 2, "hypertarget": 2, "vspace": 1, "index": 1, "footnote": 1}
_DROP_CMD = re.compile(r"\\(" + "|".join(_DROP_ARGS) + r")\*?\s*(?=\{)")
_UPRIGHT_GREEK = re.compile(
    r"\\up(alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|theta|vartheta|iota|kappa|lambda|mu|nu|xi|pi|"
    r"varpi|rho|varrho|sigma|varsigma|tau|upsilon|phi|varphi|chi|psi|omega|Gamma|Delta|Theta|Lambda|Xi|Pi|"
    r"Sigma|Upsilon|Phi|Psi|Omega)(?![A-Za-z])"
)
_DROP = re.compile(
    r"\\(?:label|vspace\*?|hypertarget|index|tag\*?)\s*\{[^{}]*\}|\\(?:nonumber|notag|allowbreak|nolinebreak)(?![A-Za-z])"
)
_REF = re.compile(r"\\(?:eq|auto|c|C)?ref\*?\s*\{[^{}]*\}")
_FONT_ALIASES = {
    "\\mathbbm": "\\mathbb",
    "\\mathds": "\\mathbb",
    "\\mathbbold": "\\mathbb",
    "\\bold": "\\mathbf",
}


def katex_ready(tex: str, macros: dict[str, Macro] | None = None) -> str:
    """A display formula's body as KaTeX takes it: macros expanded, ``align`` as ``aligned``, labels
    and equation numbers dropped, one line."""
    tex = expand(tex, macros or {})
    tex = _drop_with_arguments(tex)
    tex = re.sub(r"\{\s*https?://[^{}\s]*\s*\}", "", tex)  # a link (to code, to docs) is never mathematics
    tex = _DROP.sub("", tex)
    tex = _UPRIGHT_GREEK.sub(r"\\\1", tex)  # upgreek's upright letters: KaTeX has the italic ones
    tex = _REF.sub(r"\\text{(?)}", tex)
    for name, alias in _FONT_ALIASES.items():
        tex = re.sub(re.escape(name) + r"(?![A-Za-z])", alias.replace("\\", "\\\\"), tex)

    def env(m: re.Match[str]) -> str:
        kind = _ENV_AS.get(m.group(2))
        if kind is None:
            return m.group(0)
        return f"\\{m.group(1)}{{{kind}}}" if kind else ""

    tex = re.sub(r"\\(begin|end)\s*\{([A-Za-z]+\*?)\}", env, tex)
    tex = re.sub(r"(\\begin\{alignedat\})\s*(?!\{)", r"\1{2}", tex)
    tex = " ".join(tex.split())
    if _top_level_breaks(tex):
        kind = "aligned" if "&" in tex else "gathered"
        tex = f"\\begin{{{kind}}}{tex}\\end{{{kind}}}"
    return tex.strip()


def _drop_with_arguments(tex: str) -> str:
    """Labels, tags, links, notes: dropped with their (balanced) arguments."""
    for _ in range(50):
        m = _DROP_CMD.search(tex)
        if m is None:
            return tex
        end = m.end()
        for _arg in range(_DROP_ARGS[m.group(1)]):
            body = balanced(tex, end)
            if body is None:
                break
            end += len(body) + 2
            while end < len(tex) and tex[end] == " ":
                end += 1
        tex = tex[: m.start()] + tex[end:]
    return tex


def _top_level_breaks(tex: str) -> bool:
    """Whether ``\\\\`` or ``&`` stand outside any environment (an ``equation`` holding rows)."""
    depth = 0
    for m in re.finditer(r"\\begin\{|\\end\{|\\\\|(?<!\\)&", tex):
        token = m.group(0)
        if token == "\\begin{":
            depth += 1
        elif token == "\\end{":
            depth -= 1
        elif depth == 0:
            return True
    return False


@functools.lru_cache(maxsize=1)
def katex_commands() -> frozenset[str]:
    """The control sequences and ``{environments}`` KaTeX renders."""
    text = resources.files("paperkit.extraction.latex").joinpath("katex_commands.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def renders(tex: str) -> bool:
    """Whether KaTeX can render ``tex``: braces balance, and every command and environment is one it has."""
    known = katex_commands()
    depth = 0
    for m in re.finditer(r"\\.|[{}]", tex):
        token = m.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                return False
    if depth != 0:
        return False
    for m in _CS.finditer(tex):
        name = m.group(0)
        if not name[1:].isalpha() or name in ("\\begin", "\\end"):
            continue
        if name not in known:
            return False
    return all(f"{{{env}}}" in known for env in re.findall(r"\\begin\{([^{}]*)\}", tex))


def math_safe(tex: str) -> str:
    """Formula text that a Markdown viewer passes to KaTeX unchanged: ``<`` and ``>`` as ``\\lt`` and
    ``\\gt`` (no HTML can open), no line breaks."""
    tex = re.sub(r"<", r"\\lt ", tex)
    tex = re.sub(r">", r"\\gt ", tex)
    return " ".join(tex.split())


_MATH_SPAN = re.compile(
    r"\$\$.+?\$\$|\\\[.+?\\\]|\\\(.+?\\\)|(?<!\\)\$(?:\\.|[^$\\])+?\$"
    r"|\\begin\s*\{(equation|align|alignat|gather|multline|eqnarray|displaymath|flalign|dmath|math)(\*?)\}"
    r".*?\\end\s*\{\1\2\}",
    re.S,
)


def expand_in_math(text: str, macros: dict[str, Macro]) -> str:
    """``text`` with the macros expanded inside its mathematics only (prose keeps its own commands)."""
    if not macros:
        return text
    return _MATH_SPAN.sub(lambda m: expand(m.group(0), macros), text)
