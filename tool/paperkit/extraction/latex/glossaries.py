"""Glossary entries and acronyms put into the text as the PDF prints them: the ``glossaries`` package's
``\\newglossaryentry{key}{name=…, first=…, plural=…}`` and ``\\newacronym{key}{short}{long}`` used through
``\\gls``, ``\\Gls``, ``\\glspl``, ``\\acrshort`` and their kin (the first use of an entry prints its
``first`` form, later uses its ``text``), and the ``acronym`` package's ``\\acro``/``\\ac``. A citation
inside an entry (``first={NumPy \\citep{numpy}}``) reaches the text where the entry is used, and from
there the citation links."""

from __future__ import annotations

import re
from dataclasses import dataclass

from paperkit.extraction.latex.source import balanced

_ENTRY = re.compile(r"\\(?:long)?newglossaryentry\s*(?=\{)")
_ACRONYM = re.compile(r"\\new(?:acronym|abbreviation)\s*(?:\[[^\]]*\]\s*)?(?=\{)")
_ACRO = re.compile(r"\\acro\s*(?=\{)")
_USE = re.compile(
    r"\\(?P<cmd>[gG]ls(?:pl|text|first|firstplural|name|entryname|entrytext|entryfirst|desc|symbol|xtrshort|"
    r"xtrlong|xtrfull)?|GLS(?:pl)?|[Aa]cr(?:short|long|full)(?:pl)?|ac[sflp]?p?|Ac[sflp]?p?|"
    r"glsreset|glsunset|glsresetall|glsunsetall|acresetall)(?![A-Za-z@])\*?"
    r"(?P<opts>\s*\[[^\]]*\])?"
)


_INSERT = re.compile(r"\[([^\]]*)\]")
# The commands after which an entry counts as used (its later uses print the short form).
_MARKS_USED = {"gls", "glspl", "ac", "acp", "acf", "acfp"}


@dataclass
class Entry:
    """One entry's printed forms."""

    text: str
    first: str
    plural: str
    firstplural: str
    long: str = ""
    short: str = ""
    description: str = ""


def _fields(raw: str) -> dict[str, str]:
    """``name={NumPy}, first=NumPy \\citep{x}, sort=numpy`` → {name: …, first: …, sort: …}."""
    out: dict[str, str] = {}
    depth, start, parts = 0, 0, []
    for i, c in enumerate(raw):
        depth += (c == "{") - (c == "}")
        if c == "," and depth == 0:
            parts.append(raw[start:i])
            start = i + 1
    parts.append(raw[start:])
    for part in parts:
        key, sep, value = part.partition("=")
        if not sep:
            continue
        value = value.strip()
        if value.startswith("{") and balanced(value, 0) == value[1:-1]:
            value = value[1:-1]
        out[key.strip().lower()] = value
    return out


def _groups(text: str, pos: int, count: int, optional_second: bool = False) -> tuple[list[str], int]:
    """``count`` brace groups from ``pos``; with ``optional_second``, ``\\acro``'s ``{key}[short]{long}``
    (the bracket, when present, gives the second)."""
    out: list[str] = []
    while len(out) < count:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if optional_second and len(out) == 1:
            close = text.find("]", pos) if text.startswith("[", pos) else -1
            out.append(text[pos + 1 : close] if close > 0 else "")
            pos = close + 1 if close > 0 else pos
            continue
        group = balanced(text, pos)
        if group is None:
            break
        out.append(group)
        pos += len(group) + 2
    return out, pos


def glossary(text: str) -> tuple[dict[str, Entry], list[tuple[int, int]]]:
    """The entries ``text`` defines, and where their definitions stand (to be removed from the body)."""
    entries: dict[str, Entry] = {}
    spans: list[tuple[int, int]] = []
    for m in _ENTRY.finditer(text):
        args, end = _groups(text, m.end(), 2)
        if len(args) < 2:
            continue
        if m.group(0).startswith("\\long"):
            more, end = _groups(text, end, 1)
            args[1] += f",description={{{more[0]}}}" if more else ""
        f = _fields(args[1])
        name = f.get("text") or f.get("name", args[0])
        first = f.get("first", name)
        plural = f.get("plural", name + "s")
        firstplural = f.get("firstplural", first + "s" if "first" in f else plural)
        entries[args[0].strip()] = Entry(
            name, first, plural, firstplural, description=f.get("description", "")
        )
        spans.append((m.start(), end))
    for pattern in (_ACRONYM, _ACRO):
        for m in pattern.finditer(text):
            args, end = _groups(text, m.end(), 3, optional_second=pattern is _ACRO)
            if len(args) < 3:
                continue
            key, long = args[0].strip(), args[2]
            short = args[1] or key
            entries[key] = Entry(short, f"{long} ({short})", short + "s", f"{long}s ({short}s)", long, short)
            spans.append((m.start(), end))
    return entries, spans


def _form(entry: Entry, cmd: str, used: bool) -> str:
    base = cmd.lower().lstrip("\\")
    if base in ("glsname", "glsentryname"):
        return entry.text
    if base in ("glsdesc",):
        return entry.description
    if base in ("acrlong", "glsxtrlong", "acl"):
        return entry.long or entry.text
    if base in ("acrlongpl", "aclp"):
        return (entry.long or entry.text) + "s"
    if base in ("acrshort", "glsxtrshort", "acs", "glssymbol"):
        return entry.short or entry.text
    if base in ("acrshortpl", "acsp"):
        return (entry.short or entry.text) + "s"
    if base in ("acrfull", "glsxtrfull", "acf", "glsfirst", "glsentryfirst"):
        return entry.first
    if base in ("acrfullpl", "acfp", "glsfirstplural"):
        return entry.firstplural
    if base in ("glstext", "glsentrytext"):
        return entry.text
    plural = base in ("glspl", "acp")
    if used:
        return entry.plural if plural else entry.text
    return entry.firstplural if plural else entry.first


def expand_glossaries(body: str, definitions: str) -> str:
    """``body`` with its glossary definitions removed and every use of an entry replaced by its text,
    first uses by their ``first`` form (in document order, resets honoured)."""
    entries, _ = glossary(definitions)
    own, spans = glossary(body)
    entries.update(own)
    for start, end in reversed(spans):
        body = body[:start] + body[end:]
    if not entries:
        return body
    used: set[str] = set()
    out: list[str] = []
    pos = 0
    for m in _USE.finditer(body):
        if m.start() < pos:
            continue
        cmd = m.group("cmd")
        if cmd in ("glsresetall", "acresetall"):
            used.clear()
            out.append(body[pos : m.start()])
            pos = m.end()
            continue
        if cmd == "glsunsetall":
            used.update(entries)
            out.append(body[pos : m.start()])
            pos = m.end()
            continue
        j = m.end()
        while j < len(body) and body[j].isspace():
            j += 1
        key = balanced(body, j)
        if key is None or key.strip() not in entries:
            continue
        end = j + len(key) + 2
        key = key.strip()
        out.append(body[pos : m.start()])
        pos = end
        if cmd in ("glsreset", "glsunset"):
            (used.discard if cmd == "glsreset" else used.add)(key)
            continue
        text = _form(entries[key], cmd, key in used)
        if cmd.lower() in _MARKS_USED:
            used.add(key)
        insert = _INSERT.match(body, pos)  # \gls{key}[insert]: text after the entry
        if insert and cmd.lower().startswith("gls"):
            text += insert.group(1)
            pos = insert.end()
        if cmd.startswith(("GLS",)):
            text = text.upper()
        elif cmd[:1].isupper() and text:
            text = text[0].upper() + text[1:]
        out.append(text)
    out.append(body[pos:])
    return "".join(out)
