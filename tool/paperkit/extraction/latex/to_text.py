"""LaTeX to readable Unicode, with pylatexenc doing the conversion proper (accents, dashes, quotes,
``~``, ``\\%``, unknown macros).

Mathematics is kept as LaTeX that Markdown viewers render: inline as ``$…$``, display as ``$$…$$``.
Floats (figures, tables, algorithms), footnotes, ``\\label`` and comments leave the running text;
``\\ref`` and its kin become "?" (numbers are not computed). Citation commands are handed to a callback
that returns the marker the reader sees.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable

from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latexwalker import LatexWalker, get_default_latex_context_db

from paperkit.extraction.latex.macros import renders
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
    "theoremstyle", "color", "pagecolor",
)  # fmt: skip
# A colour command's colour arguments (its text stays): "\textcolor{red}{new}" reads "new".
_COLOUR = re.compile(
    r"\\(?:textcolor|colorbox)\s*(?:\[[^\]]*\]\s*)?\{[^{}]*\}"
    r"|\\fcolorbox\s*(?:\[[^\]]*\]\s*)?\{[^{}]*\}\s*\{[^{}]*\}"
)
# Definitions that print nothing where they stand (a theorem restated in the body defines its own).
_NEWTHEOREM = re.compile(
    r"\\newtheorem\*?\s*\{[^{}]*\}\s*(?:\[\w+\]\s*)?\{(?:[^{}]|\{[^{}]*\})*\}(?:\s*\[\w+\])?"
)
# An environment named with other characters than letters ("thm:main", a restated theorem) that the
# parser cannot read: its begin and end are paragraph breaks (its head is printed by the route).
_ODD_ENV = re.compile(r"\\(?:begin|end)\s*\{[A-Za-z]*[^A-Za-z*{}][^{}]*\}")
_PROOF = re.compile(r"\\begin\s*\{proof\}\s*(?:\[([^\]]*)\])?")
_DROP_CMD = re.compile(
    r"\\(" + "|".join(_DROP_WITH_ARG) + r")\*?\s*(?:\[[^\]]*\]\s*)*(?=\{)"
    r"|\\(?:footnotemark|noindent|centering|clearpage|newpage|pagebreak|linebreak|medskip|smallskip|"
    r"bigskip|vfill|hfill|maketitle|protect|par|ignorespaces|relax|xspace|tableofcontents)(?![A-Za-z@])"
    r"(?:\[[^\]]*\])?"
)
_REF = re.compile(
    r"\\([cC]?ref|autoref|[vV]ref|nameref|pageref|eqref|subref|[Cc]pageref|labelcref)\*?\s*\{([^{}]*)\}"
)
RefText = Callable[[str, str], str]  # (command, labels) -> what the PDF prints
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

# An accent on a dotless i or j (``\'{\i}``) is the accented letter: "í", not "ı" and a loose accent.
_DOTLESS = re.compile(r"\\([\'`^\"~=.uvH])\s*\{?\s*\\([ij])(?![A-Za-z])\s*\}?")
_OLD_STYLE = re.compile(r"\{\\(?:em|it|bf|sc|rm|tt|sl|sf|itshape|bfseries|scshape)\s+([^{}\\$]*)\}")

Cite = Callable[[str, str, list[str], list[str]], str]  # (command, star, options, keys) -> marker
_CITE = re.compile(
    r"\\(?P<cmd>[cC]ite(?:t|p|alp|alt|author|year|yearpar|num|title|alias|talias|palias)?|"
    r"[pP]arencite|[tT]extcite|[aA]utocite|[fF]ootcite|[sS]martcite|[sS]upercite|citeauthor)"
    r"(?P<star>\*?)\s*(?P<opts>(?:\[[^\]]*\]\s*){0,2})\{(?P<keys>[^{}]*)\}"
)

_CONVERTER = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=False)
# Held text stands in private-use characters: no letter next to a command ("\\S\\ref{…}") can join it.
_PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")


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
    refs: RefText | None = None,
) -> str:
    """Readable text of a LaTeX fragment; ``cite`` renders citation commands (else they are dropped);
    ``pdf_strings`` takes ``\\texorpdfstring``'s plain-text argument; ``math_text`` prints mathematics
    as Unicode text instead of keeping it as LaTeX (for headings and titles); ``refs`` prints ``\\ref`` and
    its kin (see :mod:`~paperkit.extraction.latex.refs`); without it they read "?"."""
    if cite is None and not re.search(r"[\\$%]", latex):
        return _plain(latex)
    kept: list[str] = []

    def hold(value: str) -> str:
        kept.append(value)
        return f"\ue000{len(kept) - 1}\ue001"

    latex = latex.replace("\ue000", "").replace("\ue001", "")  # the placeholders' marks are ours alone
    text = _pick_texorpdf(latex, pdf_strings)
    text = _FLOAT_ENV.sub(" ", text)
    text = _NEWTHEOREM.sub(" ", text)
    text = _PROOF.sub(lambda m: f"\n\n{m.group(1) or 'Proof'}. ", text)
    text = _ODD_ENV.sub("\n\n", text)
    text = _COLOUR.sub("", text)
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
    text = _REF.sub(lambda m: hold(refs(m.group(1), m.group(2)) if refs else "?"), text)
    text = re.sub(r"\\([%&#_$])", lambda m: hold(m.group(1)), text)
    text = _MATH.sub(lambda m: hold(_math_as_text(m) if math_text else _math(m)), text)
    text = _replace_headings(text)
    text = _LIST.sub("\n\n", text)
    text = _ITEM.sub(lambda m: "\n\n• " + (m.group(1) + " " if m.group(1) else ""), text)
    # "\\" (a line break, with an optional [length]) and "\ " (a control space) read as spaces
    text = re.sub(r"\\\\(?:\*?\s*\[[^\]]*\])?|\\(?=\s)", " ", text)
    text = _DOTLESS.sub(r"\\\1{\2}", text)
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
        if "\ue000" not in result:
            break
        result = _PLACEHOLDER.sub(lambda m: kept[int(m.group(1))], result)
    result = re.sub(r" +([,.;:)])", r"\1", result)  # not "?": an unresolved reference stands alone
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


# pylatexenc logs what it cannot parse (an "\\input" left in a macro's text); the text it returns is used
# as it is, so its warnings would only be noise on the user's terminal.
logging.getLogger("pylatexenc").setLevel(logging.ERROR)
_CONTEXT = get_default_latex_context_db()  # built once: pylatexenc would rebuild it for every call


@functools.lru_cache(maxsize=8192)
def _convert(latex: str) -> str:
    try:
        nodes, _, _ = LatexWalker(latex, latex_context=_CONTEXT, tolerant_parsing=True).get_latex_nodes()
        return str(_CONVERTER.nodelist_to_text(nodes))
    except (IndexError, KeyError, ValueError, AttributeError, TypeError, RecursionError):
        # pylatexenc stumbles on a few malformed commands: keep the words, drop the markup
        return re.sub(r"\\[A-Za-z@]+\*?|[{}]", " ", latex)


# Multi-line display environments, as the inner environment a "$$…$$" block renders (KaTeX, MathJax).
_ROWS_AS = {"align": "aligned", "flalign": "aligned", "eqnarray": "aligned", "gather": "gathered",
            "multline": "gathered", "alignat": "aligned"}  # fmt: skip
_NUMBERING = re.compile(r"\\(?:nonumber|notag)\b|\\tag\*?\s*\{[^{}]*\}")


def _math(m: re.Match[str]) -> str:
    for name, display in (("dd", True), ("db", True), ("de", True), ("i", False), ("ip", False)):
        value = m.group(name)
        if value is not None:
            value = re.sub(r"\s+", " ", value).strip()
            if not display:
                return f"${value}$" if renders(value) else _as_code(value)
            value = re.sub(r"\s+", " ", _NUMBERING.sub("", value)).strip()
            env = m.group("env") if name == "de" else None
            if env in _ROWS_AS and ("\\\\" in value or "&" in value):
                if env == "alignat":
                    value = re.sub(r"^\{\d+\}", "", value).strip()
                inner = _ROWS_AS[env]
                value = f"\\begin{{{inner}}} {value} \\end{{{inner}}}"
            return f"$${value}$$" if renders(value) else _as_code(value)
    return ""


def _as_code(tex: str) -> str:
    """A formula with a command KaTeX lacks, shown as code rather than as a broken formula."""
    return f"`` {tex} ``" if "`" in tex else f"`{tex}`"


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
    # pylatexenc drops the section and paragraph signs
    text = re.sub(r"\\([SP])(?![A-Za-z@])[ \t]*", lambda m: "§" if m.group(1) == "S" else "¶", text)
    text = text.replace("~", " ").replace("---", "—").replace("--", "–")
    text = text.replace("``", "“").replace("''", "”").replace("`", "‘")
    text = re.sub(r"\\(?:ldots|dots)(?:\{\})?", "…", text)
    text = re.sub(r"\\[,;:! ]|\\\\(?:\[[^\]]*\])?|\\/", " ", text)
    return text


def heading_text(latex: str) -> str:
    """A heading's text as printed (mathematics as Unicode, no labels or notes)."""
    return re.sub(r"\s+", " ", to_text(latex, math_text=True)).strip()
