"""LaTeX to readable Unicode, with pylatexenc doing the conversion proper (accents, dashes, quotes,
``~``, ``\\%``, unknown macros).

Mathematics is kept as LaTeX that Markdown viewers render: inline as ``$…$``, display as ``$$…$$``.
Floats (figures, tables, algorithms), footnotes, ``\\label`` and comments leave the running text;
``\\ref`` and its kin become "?" (numbers are not computed). Citation commands are handed to a callback
that returns the marker the reader sees.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latexwalker import LatexWalker, get_default_latex_context_db

from paperkit.extraction.latex.macros import katex_ready, renders
from paperkit.extraction.latex.source import balanced

_FLOATS = (
    r"figure|table|wrapfigure|wraptable|algorithm|algorithmic|tikzpicture|lstlisting|verbatim|"
    r"sidewaysfigure|sidewaystable|longtable|deluxetable|minted|subfigure|tabular|center"
)
_FLOAT_ENV = re.compile(r"\\begin\s*\{(" + _FLOATS + r")(\*?)\}.*?\\end\s*\{\1\2\}", re.S)
_DISPLAY_ENVS = r"equation|align|alignat|gather|multline|eqnarray|displaymath|flalign|dmath|math"
_MATH = re.compile(
    r"\$\$(?P<dd>.+?)\$\$"
    r"|\\\[(?P<db>.+?)\\\]"
    r"|\\begin\s*\{(?P<env>" + _DISPLAY_ENVS + r")(?P<star>\*?)\}(?P<de>.*?)\\end\s*\{(?P=env)(?P=star)\}"
    r"|(?<!\\)\$(?P<i>(?:\\.|[^$\\])+?)\$"
    r"|\\\((?P<ip>.+?)\\\)",
    re.S,
)
# Commands dropped with their (balanced) argument.
_DROP_WITH_ARG = (
    "footnote", "footnotetext", "label", "caption", "includegraphics", "vspace", "hspace", "thanks",
    "marginpar", "index", "nocite", "bibliographystyle", "sectlabel", "phantomsection", "glsadd",
    "addcontentsline", "setlength", "addtolength", "todo", "orcidlink", "affiliation", "email",
)  # fmt: skip
_DROP_CMD = re.compile(
    r"\\(" + "|".join(_DROP_WITH_ARG) + r")\*?\s*(?:\[[^\]]*\]\s*)*(?=\{)"
    r"|\\(?:footnotemark|noindent|centering|clearpage|newpage|pagebreak|linebreak|medskip|smallskip|"
    r"bigskip|vfill|hfill|maketitle|protect|par|ignorespaces|relax|xspace|tableofcontents)(?![A-Za-z@])"
    r"(?:\[[^\]]*\])?"
)
_REF = re.compile(r"\\([cC]?ref|autoref|[vV]ref|nameref|pageref|eqref|subref|[Cc]pageref)\*?\s*\{([^{}]*)\}")
_URL = re.compile(r"\\(?:url|path)\s*\{([^{}]*)\}")
_HREF = re.compile(r"\\href\s*\{[^{}]*\}\s*")
_HEADING = re.compile(
    r"\\(?:sub)+section\*?\s*(?:\[[^\]]*\])?\s*(?=\{)|\\(?:sub)?paragraph\*?\s*(?:\[[^\]]*\])?\s*(?=\{)"
)
_LIST = re.compile(r"\\(?:begin|end)\s*\{(?:itemize|enumerate|description|compactitem|compactenum)\}")
_ITEM = re.compile(r"\\item\s*(?:\[([^\]]*)\])?")
_TEXORPDF = re.compile(r"\\texorpdfstring\s*(?=\{)")
_SIMPLE_STYLE = re.compile(
    r"\\(?:emph|textbf|textit|textsc|textrm|textsf|texttt|textup|textmd|textnormal|mbox|text|underline)"
    r"\s*\{([^{}\\$]*)\}"
)

_OLD_STYLE = re.compile(r"\{\\(?:em|it|bf|sc|rm|tt|sl|sf|itshape|bfseries|scshape)\s+([^{}\\$]*)\}")

Cite = Callable[[str, str, list[str], list[str]], str]  # (command, star, options, keys) -> marker
_CITE = re.compile(
    r"\\(?P<cmd>[cC]ite(?:t|p|alp|alt|author|year|yearpar|num|title|alias|talias|palias)?|"
    r"[pP]arencite|[tT]extcite|[aA]utocite|[fF]ootcite|[sS]martcite|[sS]upercite|citeauthor)"
    r"(?P<star>\*?)\s*(?P<opts>(?:\[[^\]]*\]\s*){0,2})\{(?P<keys>[^{}]*)\}"
)

_CONVERTER = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=False)
_PLACEHOLDER = re.compile(r"QQPH(\d+)QQ")


def _split_keys(raw: str) -> list[str]:
    return [k.strip() for k in raw.split(",") if k.strip()]


def _drop_group_commands(text: str) -> str:
    out: list[str] = []
    pos = 0
    for m in _DROP_CMD.finditer(text):
        if m.start() < pos:
            continue
        out.append(text[pos : m.start()])
        pos = m.end()
        if m.group(1):
            body = balanced(text, m.end())
            if body is not None:
                pos = m.end() + len(body) + 2
    out.append(text[pos:])
    return "".join(out)


def _pick_texorpdf(text: str, pdf_string: bool) -> str:
    while True:
        m = _TEXORPDF.search(text)
        if not m:
            return text
        first = balanced(text, m.end())
        if first is None:
            return text
        second_start = m.end() + len(first) + 2
        while second_start < len(text) and text[second_start].isspace():
            second_start += 1
        second = balanced(text, second_start)
        if second is None:
            return text[: m.start()] + first + text[m.end() + len(first) + 2 :]
        keep = second if pdf_string else first
        text = text[: m.start()] + keep + text[second_start + len(second) + 2 :]


def _replace_headings(text: str) -> str:
    out: list[str] = []
    pos = 0
    for m in _HEADING.finditer(text):
        if m.start() < pos:
            continue
        title = balanced(text, m.end())
        if title is None:
            continue
        out.append(text[pos : m.start()])
        out.append(f"\n\n{title}\n\n")
        pos = m.end() + len(title) + 2
    out.append(text[pos:])
    return "".join(out)


def to_text(
    latex: str,
    cite: Cite | None = None,
    pdf_strings: bool = False,
    math_text: bool = False,
    labels: dict[str, str] | None = None,
) -> str:
    """Readable text of a LaTeX fragment; ``cite`` renders citation commands (else they are dropped);
    ``pdf_strings`` takes ``\\texorpdfstring``'s plain-text argument; ``math_text`` prints mathematics
    as Unicode text instead of keeping it as LaTeX (for headings and titles); ``labels`` gives the numbers
    ``\\ref`` prints (see :mod:`~paperkit.extraction.latex.labels`), "?" for the others."""
    if cite is None and not re.search(r"[\\$%]", latex):
        return _plain(latex)
    kept: list[str] = []

    def hold(value: str) -> str:
        kept.append(value)
        return f"QQPH{len(kept) - 1}QQ"

    text = _pick_texorpdf(latex, pdf_strings)
    text = _FLOAT_ENV.sub(" ", text)
    text = _drop_group_commands(text)
    text = _URL.sub(lambda m: hold(m.group(1)), text)
    text = _HREF.sub("", text)
    text = _CITE.sub(
        lambda m: (
            hold(
                cite(
                    m.group("cmd"),
                    m.group("star"),
                    re.findall(r"\[([^\]]*)\]", m.group("opts")),
                    _split_keys(m.group("keys")),
                )
            )
            if cite
            else ""
        ),
        text,
    )
    text = _REF.sub(lambda m: _ref(m, labels or {}), text)
    text = re.sub(r"\\([%&#_$])", lambda m: hold(m.group(1)), text)
    text = _MATH.sub(lambda m: hold(_math_as_text(m) if math_text else _math(m)), text)
    text = _replace_headings(text)
    text = _LIST.sub("\n\n", text)
    text = _ITEM.sub(lambda m: "\n\n• " + (m.group(1) + " " if m.group(1) else ""), text)
    # "\\" (a line break, with an optional [length]) and "\ " (a control space) read as spaces
    text = re.sub(r"\\\\(?:\*?\s*\[[^\]]*\])?|\\(?=\s)", " ", text)
    text = _fast(text)
    paragraphs = re.split(r"\n\s*\n", text)
    out = []
    for para in paragraphs:
        for _ in range(4):  # innermost commands first, then what held them
            new = _PLAIN_GROUP.sub(r"\1", para)
            new = _COMMAND.sub(lambda m: _convert(m.group(0)), new)
            if new == para:
                break
            para = new
        para = re.sub(r"\s+", " ", para.replace("\u00a0", " ").replace("{", "").replace("}", "")).strip()
        if para:
            out.append(para)
    result = "\n\n".join(out)
    for _ in range(3):  # a held value may hold another (a citation inside a footnote-free caption, …)
        if "QQPH" not in result:
            break
        result = _PLACEHOLDER.sub(lambda m: kept[int(m.group(1))], result)
    result = re.sub(r" +([,.;:!?)])", r"\1", result)
    return re.sub(r"\( +", "(", result)


_PLAIN_GROUP = re.compile(r"(?<!\\[A-Za-z])(?<![\\\]A-Za-z])\{([^{}\\$]*)\}")


@functools.lru_cache(maxsize=4096)
def _plain(latex: str) -> str:
    """Text with no commands: only grouping braces, ties, dashes and quotes to undo."""
    text = _fast(latex).replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", text).strip()


# One command with its plain arguments, an accent, or a group: converted one at a time (and cached),
# so that pylatexenc only ever sees a few characters.
_COMMAND = re.compile(
    r"\\[A-Za-z@]+\*?(?:\s*\[[^\]\[{}]*\])?(?:\s*\{[^{}\\]*\})*(?![A-Za-z@])"
    r"|\\[^A-Za-z\s](?:\s*\{[^{}\\]*\}|[A-Za-z])?"
    r"|\{\\[A-Za-z]+\s+[^{}\\]*\}"
)
_MATH_TEXT = LatexNodes2Text(math_mode="text")


_CONTEXT = get_default_latex_context_db()  # built once: pylatexenc would rebuild it for every call


@functools.lru_cache(maxsize=8192)
def _convert(latex: str) -> str:
    try:
        nodes, _, _ = LatexWalker(latex, latex_context=_CONTEXT, tolerant_parsing=True).get_latex_nodes()
        return str(_CONVERTER.nodelist_to_text(nodes))
    except (IndexError, KeyError, ValueError, AttributeError, TypeError, RecursionError):
        # pylatexenc stumbles on a few malformed commands: keep the words, drop the markup
        return re.sub(r"\\[A-Za-z@]+\*?|[{}]", " ", latex)


def _math(m: re.Match[str]) -> str:
    for name, display in (("dd", True), ("db", True), ("de", True), ("i", False), ("ip", False)):
        value = m.group(name)
        if value is not None:
            value = re.sub(r"\s+", " ", value).strip()
            value = katex_ready(value) if display else value
            if not renders(value):  # a command KaTeX lacks: shown as code, never as a broken formula
                return f"`` {value} ``" if "`" in value else f"`{value}`"
            return f"$${value}$$" if display else f"${value}$"
    return ""


def _ref(m: re.Match[str], labels: dict[str, str]) -> str:
    number = labels.get(m.group(2).strip(), "?")
    return f"({number})" if m.group(1) == "eqref" else number


def _math_as_text(m: re.Match[str]) -> str:
    inner = _math(m).strip("$")
    try:
        return re.sub(r"\s+", " ", str(_MATH_TEXT.latex_to_text(f"${inner}$"))).strip()
    except (IndexError, KeyError, ValueError, AttributeError, TypeError, RecursionError):
        return inner


def _fast(text: str) -> str:
    """The commonest markup done by hand, so that most paragraphs need no parser at all."""
    for _ in range(2):
        text = _SIMPLE_STYLE.sub(r"\1", text)
        text = _OLD_STYLE.sub(r"\1", text)
    text = text.replace("~", " ").replace("---", "—").replace("--", "–")
    text = text.replace("``", "“").replace("''", "”").replace("`", "‘")
    text = re.sub(r"\\(?:ldots|dots)(?:\{\})?", "…", text)
    text = re.sub(r"\\[,;:! ]|\\\\(?:\[[^\]]*\])?|\\/", " ", text)
    return text


def heading_text(latex: str) -> str:
    """A heading's text as printed (mathematics as Unicode, no labels or notes)."""
    return re.sub(r"\s+", " ", to_text(latex, math_text=True)).strip()
