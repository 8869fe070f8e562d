"""Which meeting a name is given for (the dialog or the information meeting), and who attends the latter."""

from __future__ import annotations

import re

from mailbot.core.model import Participant
from mailbot.core.understand.people import PersonMention
from mailbot.core.understand.sentences import Span, sentence_at

_INFO_CUE = re.compile(
    r"informationsmöt|infomöt|info-möt|informationsträff|inledande\s+möte|kso-möte|ksl:s\s+möte",
    re.I,
)
_DIALOG_CUE = re.compile(r"dialog|tillfälle|session|regional\s+samverkan", re.I)
_CHAIR = re.compile(r"\bkso\b|kommunstyrelsens\s+ordförande|\bordförande\b|\bordf\b", re.I)
_NOT_CHAIR = re.compile(
    r"vice|ersättare|i\s*stället|istället|i\s+(?:hans|hennes|dess|kso:s)\s+ställe|ställföreträd|förhinder"
    r"|oppositionsråd|inte\s+(?:är\s+)?(?:kso|ordförande)|representant\s+för|på\s+uppdrag\s+av",
    re.I,
)


def header_scopes(text: str) -> list[tuple[int, str]]:
    """Positions where a heading line ("Dialogen den 19/9:", "Deltagare:") sets the meeting."""
    scopes: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        # "Dialogen måndagen den 26 september kl 13.00-15.00": a heading may carry date and time
        if stripped.endswith(":") or (stripped and len(stripped.split()) <= 9 and stripped[-1:] not in ".!?"):
            scope = scope_of(stripped)
            if stripped.endswith(":") or scope:
                scopes.append((offset, scope or "dialog"))
        offset += len(line) + 1
    return scopes


def scope_of(text: str) -> str:
    info = bool(_INFO_CUE.search(text) or re.search(r"\b30\s*/\s*8\b|\b30\s+aug", text, re.I))
    dialog = bool(_DIALOG_CUE.search(text))
    if info and dialog:
        return "both"
    return "info" if info else ("dialog" if dialog else "")


def scope_for(text: str, person: PersonMention, sentence: Span, headers: list[tuple[int, str]]) -> str:
    own = text[sentence.start : sentence.end]
    info_cues = [m.start() + sentence.start for m in _INFO_CUE.finditer(own)]
    info_cues += [m.start() + sentence.start for m in re.finditer(r"\b30\s*/\s*8\b|\b30\s+aug", own, re.I)]
    dialog_cues = [m.start() + sentence.start for m in _DIALOG_CUE.finditer(own)]
    if info_cues and dialog_cues:
        return _nearest_cue(person.start, info_cues, dialog_cues)
    if info_cues:
        return "info"
    if dialog_cues:
        return "dialog"
    earlier = _paragraph_before(text, sentence.start)
    if earlier is not None:
        return scope_of(earlier) or "dialog"
    scope = ""
    for position, header_scope in headers:
        if position <= person.start:
            scope = header_scope
    return scope or "dialog"


def _paragraph_before(text: str, position: int) -> str | None:
    """The sentence before, when it is in the same paragraph and the same line of prose."""
    start = text.rfind("\n", 0, position) + 1
    before = text[start:position].strip()
    if not before or before.endswith(":"):
        return None
    sentences = re.split(r"(?<=[.!?])\s+", before)
    return sentences[-1] if sentences else None


def _nearest_cue(position: int, info: list[int], dialog: list[int]) -> str:
    after_info = [c for c in info if c > position]
    after_dialog = [c for c in dialog if c > position]
    if after_info or after_dialog:
        first_info = min(after_info, default=10**9)
        first_dialog = min(after_dialog, default=10**9)
        return "info" if first_info < first_dialog else "dialog"
    return "info" if max(info) > max(dialog) else "dialog"


_I_ATTEND_INFO = re.compile(
    r"\bjag\s+(?:kommer|deltar|går|är\s+med|anmäler\s+mig|vill\s+(?:gärna\s+)?komma)\b[^.\n]{0,60}"
    r"(?:informationsmöt|infomöt|kso-möt)",
    re.I,
)


def writer_attending_info(
    text: str,
    sentences: list[Span],
    people: list[PersonMention],
    dialog: list[Participant],
    signer: PersonMention | None,
) -> tuple[PersonMention, str] | None:
    """ "Jag kommer på informationsmötet": the one who signs, or else the chair among those named."""
    found = _I_ATTEND_INFO.search(text)
    if not found:
        return None
    span = sentence_at(sentences, found.start())
    sentence = text[span.start : span.end]
    signing = [p for p in people if p.bound and not named_before_sign_off(text, p)]
    if len(signing) == 1:
        return signing[0], sentence
    if not signing and signer is not None and signer.party:
        return signer, sentence
    chairs = [p for p in people if _CHAIR.search(p.role) and any(d.name == p.name for d in dialog)]
    if len({p.name for p in chairs}) == 1:
        return chairs[0], sentence
    return None


def named_before_sign_off(text: str, person: PersonMention) -> bool:
    """Whether the person is named above the last paragraph, where a name signs the mail."""
    last_paragraph = text.rstrip().rfind("\n\n")
    return last_paragraph < 0 or person.start < last_paragraph


def choose_info_attendee(
    text: str,
    info: list[tuple[PersonMention, str]],
    sentences: list[Span],
    dialog: list[Participant],
    doubts: list[str],
) -> tuple[Participant | None, bool, bool]:
    # "KSO deltar tyvärr inte vid informationsmötet": named, but no one to register
    info_named = any(
        not re.search(r"\b(?:inte|ej)\b", found.group(0), re.I)
        for found in re.finditer(
            r"(?:anmäl\w*|kommer|deltar|närvarar)[^.\n]{0,60}(?:informationsmöt|infomöt)"
            r"|(?:informationsmöt|infomöt)\w*[^.\n]{0,40}(?:anmäl|kommer|deltar)",
            text,
            re.I,
        )
    )
    chosen: dict[str, tuple[PersonMention, str]] = {}
    for person, sentence in info:
        chosen.setdefault(person.name.lower(), (person, sentence))
    if len(chosen) > 1:
        chairs = [(p, s) for p, s in chosen.values() if _CHAIR.search(p.role) and not _NOT_CHAIR.search(p.role)]
        if len(chairs) == 1:
            chosen = {chairs[0][0].name.lower(): chairs[0]}
        else:
            doubts.append("flera personer anges för informationsmötet")
            return None, False, True
    if not chosen:
        return None, False, info_named
    person, sentence = next(iter(chosen.values()))
    around = sentence + " " + person.role
    not_chair = bool(_NOT_CHAIR.search(around)) and not (
        _CHAIR.search(person.role) and not re.search(r"vice|ersättare", person.role, re.I)
    )
    return Participant(person.name, person.party, person.role), not_chair, True
