"""From a source tree to one document: the main file found, its inputs followed (and the glossary files
it loads), comments removed; the packages the tree ships, where the author's commands live."""

from __future__ import annotations

import json
import posixpath
import re

from paperkit.extraction.latex.archive import Files, SourceError, decode

MAX_DEPTH = 12
MAX_DOCUMENT_CHARS = 8 * 1024 * 1024
_DOCCLASS = re.compile(r"\\document(?:class|style)\s*(?:\[[^\]]*\])?\s*\{\s*([^}]*?)\s*\}")
_BEGIN_DOC = re.compile(r"\\begin\s*\{document\}")
_INPUT = re.compile(
    r"\\(?:(input|include|loadglsentries|subfile|includefrom|subincludefrom|import|subimport|inputfrom|subinputfrom)\b"
    r"\*?\s*(?:\{([^{}]*)\}\s*\{([^{}]*)\}|\{([^{}]*)\})|(input)(?![A-Za-z@])[ \t]*([^\s{}\\%]+))"
)
_TWO_ARG_INPUTS = {"import", "subimport", "includefrom", "subincludefrom", "inputfrom", "subinputfrom"}


def strip_comments(text: str) -> str:
    """``%`` comments removed with the line break they eat (a ``\\%`` stays)."""
    out = []
    for line in text.split("\n"):
        cut = _comment_start(line)
        out.append(line if cut < 0 else line[:cut] + "\x01")
    joined = "\n".join(out)
    # TeX joins the next line to a commented one, dropping its leading spaces.
    return re.sub(r"\x01\n[ \t]*", "", joined).replace("\x01", "")


def _comment_start(line: str) -> int:
    i = line.find("%")
    while i >= 0:
        backslashes = 0
        j = i - 1
        while j >= 0 and line[j] == "\\":
            backslashes += 1
            j -= 1
        if backslashes % 2 == 0:
            return i
        i = line.find("%", i + 1)
    return -1


def strip_dead_code(text: str) -> str:
    """``\\iffalse … \\fi`` and ``comment`` environments removed."""
    text = re.sub(r"\\begin\s*\{comment\}.*?(\\end\s*\{comment\}|$)", "", text, flags=re.S)
    while True:
        m = re.search(r"\\iffalse(?![A-Za-z@])", text)
        if not m:
            return text
        depth, pos = 1, m.end()
        for tok in re.finditer(r"\\(if[A-Za-z@]*|fi)(?![A-Za-z@])", text[pos:]):
            if tok.group(1) == "fi":
                depth -= 1
            else:
                depth += 1
            if depth == 0:
                text = text[: m.start()] + text[pos + tok.end() :]
                break
        else:
            return text[: m.start()]


def uncomment(text: str) -> str:
    """Comments and dead code removed."""
    return strip_dead_code(strip_comments(text))


def find_main(files: Files) -> str:
    """The top-level file: named by arXiv's ``00README``, else the best ``\\documentclass`` +
    ``\\begin{document}`` file (the one with the ``.bbl``'s name, with sections, near the root)."""
    named = _readme_toplevel(files)
    if named:
        return named
    candidates: list[tuple[float, str]] = []
    for name, data in files.items():
        if not name.lower().endswith((".tex", ".ltx", ".latex")):
            continue
        text = uncomment(decode(data))
        if not (_DOCCLASS.search(text) and _BEGIN_DOC.search(text)):
            continue
        stem = name.rsplit(".", 1)[0]
        score = 0.0
        score += 4 if f"{stem}.bbl" in files else 0
        score += 3 if re.search(r"\\(section|chapter)\b|\\input|\\include", text) else 0
        score += 2 if "\\title" in text or "\\begin{abstract}" in text else 0
        score += 1 if posixpath.basename(stem).lower() in ("main", "ms", "paper", "article") else 0
        score += 1 if "/" not in name else 0
        score += min(len(text), 200_000) / 1_000_000
        candidates.append((score, name))
    if not candidates:
        raise SourceError("no main file (no \\documentclass with \\begin{document})", "no-main")
    return max(candidates)[1]


def _readme_toplevel(files: Files) -> str | None:
    for name, data in files.items():
        low = name.lower()
        if low == "00readme.json":
            try:
                meta = json.loads(decode(data))
                for src in meta.get("sources", []):
                    if src.get("usage") == "toplevel" and src.get("filename") in files:
                        return str(src["filename"])
            except (ValueError, AttributeError, TypeError):
                continue
        elif low.startswith("00readme"):
            for line in decode(data).splitlines():
                parts = line.split()
                if len(parts) >= 2 and parts[1].lower().startswith("toplevel") and parts[0] in files:
                    return parts[0]
    return None


def _resolve(files: Files, name: str, base: str) -> str | None:
    name = name.strip().strip('"')
    if not name:
        return None
    for folder in (base, ""):
        path = posixpath.normpath(posixpath.join(folder, name))
        for candidate in (path, path + ".tex"):
            if candidate in files:
                return candidate
    return None


def assemble(files: Files, main: str) -> tuple[str, list[str]]:
    """The main file with every input followed (comments removed), and the files read in order."""
    read: list[str] = []
    base = posixpath.dirname(main)

    def expand(name: str, folder: str, depth: int) -> str:
        read.append(name)
        text = uncomment(decode(files[name]))
        if depth >= MAX_DEPTH:
            return text

        def one(m: re.Match[str]) -> str:
            if m.group(5):
                target, sub = m.group(6), folder
            elif m.group(1) in _TWO_ARG_INPUTS and m.group(2) is not None:
                target, sub = m.group(3), posixpath.join(folder, m.group(2))
            else:
                target, sub = (m.group(4) if m.group(4) is not None else m.group(2)), folder
            found = _resolve(files, target, sub) or _resolve(files, target, base)
            if found is None or found in read[-depth - 1 :] or found.endswith((".bbl", ".sty", ".cls")):
                return ""
            return (
                " "
                + expand(found, posixpath.dirname(found) if m.group(1) in _TWO_ARG_INPUTS else sub, depth + 1)
                + " "
            )

        return _INPUT.sub(one, text)

    document = expand(main, base, 0)
    if len(document) > MAX_DOCUMENT_CHARS:
        raise SourceError("the document is too large to read", "too-big")
    return document, read


def local_packages(files: Files, main: str, preamble: str) -> str:
    """The text of the packages the tree itself ships (``\\usepackage{macros}`` with ``macros.sty``
    beside the main file), where authors keep their own commands; packages they load, once each."""
    base = posixpath.dirname(main)
    seen: set[str] = set()
    out: list[str] = []
    todo = [preamble]
    while todo and len(seen) < 20:
        text = todo.pop(0)
        for m in re.finditer(r"\\(?:usepackage|RequirePackage)\s*(?:\[[^\]]*\])?\s*\{([^{}]*)\}", text):
            for name in (n.strip() for n in m.group(1).split(",")):
                found = _resolve(files, name + ".sty", base) if name else None
                if found and found not in seen:
                    seen.add(found)
                    package = uncomment(decode(files[found]))
                    out.append(package)
                    todo.append(package)
    return "\n".join(out)


def balanced(text: str, start: int) -> str | None:
    """The content of the brace group opening at ``text[start] == "{"``; None when it never closes."""
    if start >= len(text) or text[start] != "{":
        return None
    depth = 0
    i = start
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1 : i]
        i += 1
    return None


def group_end(text: str, start: int) -> int:
    """The index just after the brace group opening at ``start`` (``start`` itself if none opens there)."""
    body = balanced(text, start)
    return start if body is None else start + len(body) + 2


def document_class(text: str) -> tuple[str, str]:
    """The class name and its options, e.g. ``("revtex4-1", "aps,prd")``."""
    m = re.search(r"\\document(?:class|style)\s*(?:\[([^\]]*)\])?\s*\{\s*([^}]*?)\s*\}", text)
    return (m.group(2).strip(), (m.group(1) or "").strip()) if m else ("", "")


def split_document(text: str) -> tuple[str, str]:
    """(preamble, body): the body ends at ``\\end{document}``."""
    m = _BEGIN_DOC.search(text)
    if not m:
        raise SourceError("the main file has no \\begin{document}", "unparsable")
    body = text[m.end() :]
    end = re.search(r"\\end\s*\{document\}", body)
    return text[: m.start()], body[: end.start()] if end else body
