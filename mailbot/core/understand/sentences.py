"""Sentences and clauses of a text, as spans: the units a date or a name is read within."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def line_start(text: str, position: int) -> int:
    return text.rfind("\n", 0, position) + 1


def line_span(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """Where the line (or lines) that text[start:end] stands on begins and ends."""
    last = text.find("\n", start if end is None else end)
    return line_start(text, start), (last if last >= 0 else len(text))


def between_stops(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the stretch around text[start:end] begins and ends: at the full stops or line ends on either side."""
    first, last = line_span(text, start, end)
    stop = text.find(".", end)
    return max(first, text.rfind(".", 0, start) + 1), (min(stop, last) if stop >= 0 else last)


def line_at(text: str, start: int, end: int | None = None) -> str:
    """The whole line (or lines) that text[start:end] stands on."""
    first, last = line_span(text, start, end)
    return text[first:last]


# A full stop that ends no sentence: "kl.", "ca.", "ordf.", "t.ex.", "bl.a.", "fr.o.m.", "t.o.m.", "enl.", "resp.",
# "dvs.", "p.g.a." stand inside one
_NOT_AFTER_ABBREVIATION = (
    r"(?<!\bkl)(?<!\bca)(?<!\bordf)(?<!\bt\.ex)(?<!\bbl\.a)(?<!\bfr\.o\.m)(?<!\bt\.o\.m)(?<!\benl)(?<!\bresp)"
    r"(?<!\bdvs)(?<!\bp\.g\.a)"
)
_STOP = re.compile(rf"{_NOT_AFTER_ABBREVIATION}[.!?]+(?=\s|$)|\n", re.I)


def split_sentences(text: str) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for m in re.finditer(_STOP, text):
        if m.group(0) == "\n" and _wrapped(text, m.start()):
            continue
        spans.append(Span(start, m.end()))
        start = m.end()
    spans.append(Span(start, len(text)))
    return [s for s in spans if text[s.start : s.end].strip()]


def _wrapped(text: str, newline: int) -> bool:
    """A long line of prose broken by the mail client, the sentence going on in lower case on the next."""
    line = text[text.rfind("\n", 0, newline) + 1 : newline]
    return (
        len(line) >= 50
        and line.rstrip()[-1:] not in ".!?:;"
        and text[newline + 1 : newline + 2].islower()
        # "infomötet 30/8: eva-lena ahlqvist s": a new line that opens with its own heading starts anew
        and not re.match(r"[^\W\d_]+(?:\s+[^\s:]+){0,2}:\s", text[newline + 1 : newline + 40])
    )


def sentence_at(sentences: list[Span], position: int) -> Span:
    return next((s for s in sentences if s.start <= position < s.end), Span(position, position))


_CLAUSE_END = (
    rf"{_NOT_AFTER_ABBREVIATION}[.!?;:](?=\s|$)|"
    r",\s*(?:men|så|eftersom|därför|då|och|medan)\b|\b(?:men|eftersom|utan|medan)\b"
    r"|\bså\s+(?=(?:vi|jag|det|blir|kommer|tar)\b|[A-ZÅÄÖ][\w-]+\s+(?:tar|väljer|kommer|blir|anmäler|bokar|deltar)\b)|\s[–—]\s|\boch\s+(?=(?:vill|vi|tar|byter|kommer|väljer|anmäler|deltar|bokar)\b)"
    # ", vi bestämmer oss sen": a new main clause, with its own subject
    r"|,\s*(?=(?:vi|jag)\s+\w+)"
    # "Eftersom KS sammanträder den 19 september väljer Norrtälje den 26": the main clause starts at its verb
    r"|(?:\d|\b(?:september|sept|sep|augusti|aug))\.?\s+(?=(?:väljer|tar|blir|bokar|anmäler|kommer|deltar)\s)"
)
_CLAUSE = re.compile(_CLAUSE_END)
# "… 22/9 från Täby, skönt att få det bokat innan semestern": a comma before a new phrase, not a list
_PHRASE = re.compile(
    _CLAUSE_END
    + r"|,\s+(?=(?!och\b|eller\b|samt\b|kl\b)[a-zåäö])"
    # "Nacka väljer den 26 september (den 19:e har vi budgetberedning)": an aside is a phrase of its own
    + r"|\s\((?=[^()\n]*\s[^()\n]*\))|\)(?=[\s.,;:]|$)"
)


def clause_at(text: str, position: int, *, at_commas: bool = False) -> str:
    """The clause around position; `at_commas`: the phrase, cut also where a comma starts a new one."""
    sentence_start = max(text.rfind("\n", 0, position), -1) + 1
    line_end = text.find("\n", position)
    line_end = len(text) if line_end < 0 else line_end
    line = text[sentence_start:line_end]
    local = position - sentence_start
    begin, stop = 0, len(line)
    for m in (_PHRASE if at_commas else _CLAUSE).finditer(line):
        if m.end() <= local:
            begin = m.end()
        elif m.start() >= local:
            stop = m.start()
            break
    return line[begin:stop]
