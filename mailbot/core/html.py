"""HTML mail bodies as the text a reader sees: line breaks kept, table rows on one line.

Quoted mail is marked rather than dropped, so that `text.own_words` decides
what to keep (a forward's quoted part is sometimes the content): blockquote
lines get a "> " prefix and the start of a Gmail quote, Outlook's reply
header divider or an Apple/Thunderbird cite gets the line QUOTE_MARK.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from mailbot.core.tables import marked_row, session_columns, without

QUOTE_MARK = "\u2063--quoted--\u2063"

_BLOCKS = {
    "p",
    "div",
    "br",
    "tr",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "blockquote",
    "pre",
    "hr",
    "dl",
    "dt",
    "dd",
    "address",
    "section",
    "article",
    "header",
    "footer",
    "center",
}
_SKIP = {"style", "script", "head", "title", "xml", "o:p"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr"}
_QUOTE_CLASSES = re.compile(r"gmail_quote|yahoo_quoted|moz-cite-prefix|OutlookMessageHeader|zimbra_quote")
_QUOTE_IDS = re.compile(r"divRplyFwdMsg|appendonsend|OLK_SRC_BODY_SECTION|mail-editor-reference-message")
_BORDER_TOP = re.compile(r"border-top\s*:\s*solid", re.I)
_STRUCK = {"s", "strike", "del"}
_LINE_THROUGH = re.compile(r"text-decoration[\w-]*\s*:[^;]*line-through", re.I)


class _TextBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip_depth = 0
        self.quote_depth = 0
        self.in_cell_row = False
        self.cells: list[str] = []
        # how many rows each cell of the open row spans, and cells of rows above still reaching down: column → rest
        self.spans: list[int] = []
        self.cell_span = 1
        self.carried: dict[int, tuple[str, int]] = {}
        self.cell: list[str] | None = None
        self.pre = 0
        self.stack: list[tuple[str, bool, bool]] = []
        # Struck-through text is what the sender crossed out ("Jag har strukit de tider som inte passar"): the
        # reader sees it as deleted, so it is left out. The plain part of such a mail keeps it unmarked.
        self.struck = 0
        self.saw_struck = False
        self.paragraph_start = 0
        self.paragraph_spaced = False
        # a table whose columns are the sessions (tables.py): its header, and which of its columns are days
        self.day_header: list[str] = []
        self.day_columns: list[int] = []

    # Text goes into the open table cell, or the current line.
    def _sink(self) -> list[str]:
        return self.cell if self.cell is not None else self.current

    def _break(self, *, hard: bool = False) -> None:
        """End the current line; a hard break (<br>, an empty paragraph) may leave a blank line."""
        if self.cell is not None:
            self.cell.append(" ")
            return
        text = "".join(self.current)
        self.current = []
        text = re.sub(r"[ \t\u00a0]+", " ", text).strip() if not self.pre else text.rstrip()
        prefix = "> " * self.quote_depth
        if text:
            self.lines.append(prefix + text)
        elif hard and self.lines and self.lines[-1].strip("> "):
            self.lines.append(prefix.rstrip())

    def _mark_quote(self) -> None:
        self._break()
        self.lines.append(QUOTE_MARK)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag in _SKIP:
            if tag not in _VOID:
                self.skip_depth += 1
            return
        values = {k.lower(): (v or "") for k, v in attrs}
        quote_start = False
        if tag == "blockquote":
            if values.get("type", "").lower() == "cite" or "gmail_quote" in values.get("class", ""):
                self._mark_quote()
            self._break()
            self.quote_depth += 1
            quote_start = True
        elif (
            tag == "div"
            and (
                _QUOTE_CLASSES.search(values.get("class", ""))
                or _QUOTE_IDS.search(values.get("id", ""))
                or (_BORDER_TOP.search(values.get("style", "")) and "border-bottom" not in values.get("style", ""))
            )
        ) or (tag == "hr" and values.get("id", "") == "stopSpelling"):
            self._mark_quote()
        if tag == "table":
            self.day_header, self.day_columns, self.carried = [], [], {}
        if tag in {"td", "th"}:
            if self.cell is not None:
                self._close_cell()
            self.cell = []
            span = values.get("rowspan", "1").strip()
            self.cell_span = min(int(span), 50) if span.isdigit() and int(span) > 0 else 1
        elif tag == "tr":
            self._break()
            self.cells, self.spans = [], []
            self.cell = None
            self.in_cell_row = True
        elif tag == "br":
            self._break(hard=True)
        elif tag in _BLOCKS:
            self._break()
        if tag == "p":
            self.paragraph_start = len(self.lines)
            # Browsers give a plain <p> a margin (a visible blank line); Outlook's MsoNormal has none.
            style = values.get("style", "").replace(" ", "").lower()
            self.paragraph_spaced = "Mso" not in values.get("class", "") and "margin:0" not in style
        if tag == "pre":
            self.pre += 1
        if tag == "li":
            self._sink().append("- ")
        struck = tag in _STRUCK or bool(_LINE_THROUGH.search(values.get("style", "")))
        if tag not in _VOID:
            self.stack.append((tag, quote_start, struck))
            self.struck += struck

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag in {"td", "th"} and self.cell is not None:
            self._close_cell()
            return
        if tag == "tr" or (tag == "table" and self.in_cell_row):
            self._end_row()
        elif tag == "p":
            empty = not "".join(self.current).strip() and len(self.lines) == self.paragraph_start
            self._break(hard=empty)
            if self.paragraph_spaced and not empty and self.cell is None:
                self.lines.append(("> " * self.quote_depth).rstrip())
        elif tag in _BLOCKS:
            self._break()
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        while self.stack:
            open_tag, was_quote, was_struck = self.stack.pop()
            self.struck -= was_struck
            if was_quote:
                self._break()
                self.quote_depth = max(0, self.quote_depth - 1)
            if open_tag == tag:
                break

    def _close_cell(self) -> None:
        self.cells.append("".join(self.cell or []))
        self.spans.append(self.cell_span)
        self.cell = None

    def _with_spans(self) -> list[str]:
        """The row's cells, with those of rows above that reach down into it (rowspan) in their columns.

        "S" merged over two rows' party column is both people's party, as the reader sees it.
        """
        row: list[str] = []
        below: dict[int, tuple[str, int]] = {}
        own = list(zip(self.cells, self.spans, strict=True))
        column = 0
        while own or any(c >= column for c in self.carried):
            if column in self.carried:
                text, rows = self.carried[column]
            elif own:
                text, rows = own.pop(0)
            else:
                column += 1
                continue
            row.append(text)
            if rows > 1:
                below[column] = (text, rows - 1)
            column += 1
        self.carried = below
        return row

    def _end_row(self) -> None:
        if self.cell is not None:
            self._close_cell()
        cells = [re.sub(r"\s+", " ", c).strip() for c in self._with_spans()]
        if self.day_columns:
            cells = marked_row(cells, self.day_header, self.day_columns)
        elif found := session_columns(cells):
            self.day_header, self.day_columns = cells, found
            cells = without(cells, found)
        cells = [c for c in cells if c]
        if cells:
            self.current.append(" | ".join(cells))
            self._break()
        self.cells, self.spans = [], []
        self.in_cell_row = False

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if self.struck:
            self.saw_struck = self.saw_struck or bool(data.strip())
            return
        if not self.pre:
            data = re.sub(r"[\r\n]+", " ", data)
        self._sink().append(data)

    def text(self) -> str:
        if self.cells or self.cell is not None:
            self._end_row()
        self._break()
        return "\n".join(self.lines).strip("\n")


def html_to_text(html: str) -> str:
    """Render HTML as plain text; never raises on malformed markup."""
    return _built(html).text()


def text_and_strikes(html: str) -> tuple[str, bool]:
    """The HTML as text, and whether it strikes some text through (a mark its text/plain part cannot carry)."""
    builder = _built(html)
    return builder.text(), builder.saw_struck


def _built(html: str) -> _TextBuilder:
    builder = _TextBuilder()
    try:
        builder.feed(html)
        builder.close()
    except Exception:  # HTMLParser is lenient; anything left is a fault of ours, not the sender's
        pass
    return builder
