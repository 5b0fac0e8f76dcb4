"""What the PDF route reads off a page: its printed lines, with their place, size and style."""

from __future__ import annotations

from dataclasses import dataclass

FURNITURE_BAND = 0.12  # running headers and page numbers live in the top and bottom 12% of a page


@dataclass
class Line:
    """One printed line of text, in page coordinates (points, origin top left)."""

    text: str
    page: int  # 1-based
    x0: float
    y0: float
    x1: float
    y1: float
    size: float  # the size most of its characters have
    max_size: float  # the largest letter size (small caps: the size of the capitals)
    bold: bool  # (nearly) all of its characters are bold
    block: int  # page-unique block id of its first piece: ``page * 1000 + PyMuPDF block number``
    col: int  # 0: full width (or a one-column page), 1: left column, 2: right column
    page_height: float = 792.0
    lead_marker: bool = False  # starts with a raised or smaller digit/symbol, as a footnote does
    italic: bool = False  # (nearly) all of its letters are italic
    small_caps: bool = False  # upper case with capitals in two sizes, as small-caps fonts print them
    # ``text`` with the raised numbers glued to its words marked (see ``superscripts``); None: it has none
    rich: str | None = None

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def in_band(self) -> bool:
        """Whether the line sits in the top or bottom band, where running headers and footers live."""
        band = FURNITURE_BAND * self.page_height
        return self.y1 < band or self.y0 > self.page_height - band


@dataclass
class PageText:
    """What one page yields: its lines in reading order and the text of rotated lines (margin stamps)."""

    lines: list[Line]
    rotated: list[str]
    two_column: bool
    has_images: bool
    gutter: tuple[float, float] | None = None  # the gap between the columns of a two-column page
