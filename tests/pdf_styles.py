"""The page geometry and the typographic styles (IEEE, ACL, LNCS, REVTeX, ...) that ``pdfgen`` draws."""

from __future__ import annotations

from dataclasses import dataclass

PAGE_W, PAGE_H = 612.0, 792.0
MARGIN_X, TOP, BOTTOM = 72.0, 80.0, 720.0
BODY, HEADING, TITLE = 10.0, 12.0, 17.0
SECTION_HEADER = "<section>"  # as ``running_header``: each page is headed by its section's heading
LEADING = 1.25


@dataclass(frozen=True)
class Style:
    """How a generated paper is typeset: the knobs that differ between venues' templates."""

    heading_size: float = HEADING
    heading_font: str = "hebo"
    small_caps: bool = False  # headings as fake small caps: capitals at heading size, the rest at 80%
    centered_headings: bool = False
    subheading_size: float = 11.0
    subheading_font: str = "hebo"  # "heit": italic, as IEEE sets "A. Related Work"
    # "heading": an "Abstract" line of its own; "run-in": ``abstract_label`` starts the paragraph;
    # "none": an unlabelled paragraph (REVTeX)
    abstract: str = "heading"
    abstract_label: str = "Abstract"
    abstract_in_columns: bool = False  # the abstract in the first column (ACL, IEEE conference)
    keywords: str | None = None  # a line printed after the abstract ("Keywords: ...", "Index Terms—...")
    references_heading: str | None = "References"  # None: no heading over the list (REVTeX)
    # "bracket" [1], "dot" 1., "none" (author-year, hanging indent), "super" (a raised 1 glued to the entry)
    reference_labels: str = "bracket"
    reference_indent: float = 12.0  # how far an entry's later lines hang (0: not at all)
    reference_gap: float = 2.0  # extra space between entries (points)
    drop_cap: bool = False  # the first paragraph opens with a capital two lines tall (IEEE journals)
    footnote_size: float = 8.0


IEEE = Style(
    heading_size=BODY,
    heading_font="helv",
    small_caps=True,
    centered_headings=True,
    subheading_size=BODY,
    abstract="run-in",
    abstract_label="Abstract—",
    abstract_in_columns=True,
    keywords="Index Terms—neural networks, small models, toy tasks",
    references_heading="REFERENCES",
    reference_labels="bracket",
)
ACL = Style(heading_size=12.0, abstract_in_columns=True, reference_labels="none")
LNCS = Style(
    abstract="run-in",
    abstract_label="Abstract.",
    keywords="Keywords: small networks · toy tasks",
    reference_labels="dot",
)
REVTEX = Style(
    heading_size=BODY,
    heading_font="hebo",
    small_caps=True,
    centered_headings=True,
    subheading_size=BODY,
    abstract="none",
    keywords="PACS numbers: 05.30.Rt, 64.60.F-",
)
BOLD_BODY = Style(heading_size=BODY, subheading_size=BODY)  # headings in a bold font of body size
PLAIN = Style()  # the default: an article-like one-column or two-column paper
