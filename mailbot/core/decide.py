"""One message, one decision: what it is, whether it stands, and what it leaves stored."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence

from rapidfuzz.distance import OSA

from mailbot.core import rules
from mailbot.core.model import (
    Decision,
    Event,
    Kind,
    Outcome,
    Participant,
    Reading,
    Registration,
    Severity,
    StoredState,
    Swap,
)
from mailbot.core.understand.names import is_title

_DIALOG_KINDS = {Kind.REGISTRATION, Kind.BOTH, Kind.CHANGE}


def municipality_for(address: str, event: Event) -> str | None:
    """The municipality whose mail domain (or a subdomain of it) the address is from."""
    domain = address.rpartition("@")[2].lower().strip(">. ")
    if not domain:
        return None
    for municipality in event.municipalities:
        for owned in municipality.domains:
            if domain == owned or domain.endswith("." + owned):
                return municipality.name
    return None


def ignore(kind: Kind, municipality: str | None) -> Decision:
    """Automatic mail: never answered. An auto-reply keeps its sender's municipality."""
    return Decision(
        kind=kind,
        outcome=Outcome.IGNORED,
        municipality=municipality if kind is Kind.AUTO_REPLY else None,
    )


def nothing_to_do(municipality: str | None, reason: str) -> Decision:
    """A person's mail that asks nothing and changes nothing ("Tack!", a copy "för kännedom").

    Only automatic and bulk mail is ignored (SPEC): a person wrote this, so it is listed for the coordinator
    to glance at, and its sender gets the short acknowledgement; nothing is stored.
    """
    return Decision(kind=Kind.UNRELATED, outcome=Outcome.NEEDS_REVIEW, municipality=municipality, reasons=(reason,))


def review(kind: Kind, municipality: str | None, reason: str) -> Decision:
    """A message a person must read, for a reason found before understanding (size, damage)."""
    return Decision(kind=kind, outcome=Outcome.NEEDS_REVIEW, municipality=municipality, reasons=(reason,))


def to_review(decision: Decision, reason: str) -> Decision:
    """The same reading, but for a person to settle: nothing is stored."""
    return dataclasses.replace(
        decision,
        outcome=Outcome.NEEDS_REVIEW,
        violations=tuple(v for v in decision.violations if v.severity is Severity.REVIEW),
        store_registration=False,
        cancel_registration=False,
        store_info_attendee=False,
        cancel_info_attendee=False,
        reasons=(reason, *decision.reasons),
    )


def decide(
    reading: Reading,
    *,
    event: Event,
    arrival: dt.datetime,
    municipality: str | None,
    stored: StoredState,
) -> Decision:
    """Apply the stored state and the rules to what a person's message says."""
    stored_people = stored.registration.participants if stored.registration else ()
    if (
        not reading.registers_dialog
        and reading.info_attendee is None  # a mail about the information meeting withdraws from that
        and any(_find(stored_people, name) is not None for name in reading.withdrawn)
    ):
        # "Eva Ek (C) har fått förhinder. Vi blir bara två.": a change to the stored delegation, no one else
        named = tuple(p for p in reading.participants if _find(stored_people, p.name) is not None)
        reading = dataclasses.replace(reading, registers_dialog=True, participants=named)
    kind = _kind(reading)
    reasons: list[str] = list(reading.doubts)
    session, participants, kind = _delegation(reading, kind, stored, reasons)
    # a question keeps what it states, for the coordinator to settle; it is never stored as it stands
    info = reading.info_attendee if kind in {Kind.INFO_MEETING, Kind.BOTH, Kind.QUESTION, Kind.CHANGE} else None
    if info is not None and info.party is None and (index := _find(stored_people, info.name)) is not None:
        # "Glömde säga – jag går på infomötet också", from one already registered with a party; "Vår ordförande
        # Katarina vill också …": the stored full name
        full = stored_people[index].name if len(info.name.split()) == 1 else info.name
        info = dataclasses.replace(info, name=full, party=stored_people[index].party)
    if info is not None and len(info.name.split()) == 1 and len(_matches(stored_people, info.name)) != 1:
        reasons.append(f"informationsmötets deltagare anges bara som {info.name}")

    case = rules.Case(
        event=event,
        kind=kind,
        municipality=municipality,
        arrival=arrival,
        reading=reading,
        participants=participants,
        info_attendee=info,
        session=session,
    )
    violations = (
        rules.check(case)
        if kind is not Kind.QUESTION
        else rules.check(case, tuple(r for r in rules.RULES if r.severity is Severity.REVIEW))
    )
    reasons.extend(_review_reasons(reading, kind, stored))
    if kind in _DIALOG_KINDS and session is None and not any(v.severity is Severity.ERROR for v in violations):
        # a delegation is never stored without its day ("flytta från den 22 …" with no new date read)
        reasons.append("en anmälan eller flytt, men datumet kunde inte läsas")

    if kind is Kind.QUESTION or reasons or any(v.severity is Severity.REVIEW for v in violations):
        outcome = Outcome.NEEDS_REVIEW
        violations = tuple(v for v in violations if v.severity is Severity.REVIEW)
        if kind is Kind.QUESTION:
            reasons.insert(0, "meddelandet innehåller en fråga")
    elif any(v.severity is Severity.ERROR for v in violations):
        outcome = Outcome.REJECTED
    else:
        outcome = Outcome.CONFIRMED

    confirmed = outcome is Outcome.CONFIRMED
    if kind is Kind.UNRELATED:
        # "Ja, det stämmer.", "Ok, samma som ovan men utan Per": a person's answer in the registration's thread
        # that says nothing readable is still, to the coordinator, about a registration
        kind = Kind.REGISTRATION
    return Decision(
        kind=kind,
        outcome=outcome,
        municipality=municipality,
        violations=violations,
        session=session,
        participants=participants,
        info_attendee=info,
        previous=stored.registration,
        store_registration=confirmed and kind in _DIALOG_KINDS,
        cancel_registration=confirmed
        and kind is Kind.CANCELLATION
        and stored.registration is not None
        and not reading.leaves_info_meeting_only,
        cancel_info_attendee=(
            confirmed
            and kind is Kind.CANCELLATION
            and (stored.registration is None or reading.leaves_info_meeting_only)
            and stored.info_attendee is not None
        ),
        store_info_attendee=confirmed and info is not None,
        reasons=tuple(dict.fromkeys(reasons)),
    )


def _kind(reading: Reading) -> Kind:
    if reading.asks_question:
        return Kind.QUESTION
    if (reading.cancels or reading.cancels_info) and not reading.participants and not reading.info_attendee:
        # a date in a cancellation names what is cancelled; "Dialogen den 26/9 gäller som tidigare" beside
        # a withdrawal from the information meeting leaves the dialog as it is
        return Kind.CANCELLATION
    if reading.swaps and not reading.participants:
        return Kind.CHANGE
    if reading.registers_dialog and reading.info_attendee is not None:
        return Kind.BOTH
    if reading.registers_dialog:
        return Kind.REGISTRATION
    if reading.info_attendee is not None:
        return Kind.INFO_MEETING
    if reading.points_to_attachment:
        return Kind.REGISTRATION  # "se bifogad fil": a registration we cannot read
    return Kind.UNRELATED


def _delegation(
    reading: Reading, kind: Kind, stored: StoredState, reasons: list[str]
) -> tuple[dt.date | None, tuple[Participant, ...], Kind]:
    """The session and the whole delegation after this message, and its kind given what is stored."""
    before = stored.registration
    choices = tuple(dict.fromkeys((*reading.session_dates, *reading.other_dates)))
    session = choices[0] if len(choices) == 1 and reading.session_dates else None
    registers = any(p.party for p in reading.participants) and (reading.session_dates or reading.other_dates)
    if kind is Kind.QUESTION and not registers:
        return None, (), kind  # a pure question ("parkering den 2/9?", signed "Kent Sjödin (S)") registers no one
    if kind is Kind.CHANGE and reading.swaps:
        if before is None:
            reasons.append("ett byte av deltagare men ingen anmälan finns sparad")
            return session, (), kind
        swapped = _apply_swaps(before.participants, reading.swaps, reasons)
        return session or before.session, swapped, kind
    if kind is Kind.CANCELLATION:
        return None, (), kind
    if kind not in _DIALOG_KINDS:
        return session, reading.participants, kind

    participants = reading.participants
    if before is not None:
        # "Meta Sandberg, Hassan Jama och Carl von Platen kommer som planerat", "flytta till den 26 september.
        # Samma deltagare som tidigare (Hans-Göran Blom, …)": the stored people, named again, keep their parties
        participants = tuple(_with_stored_party(p, before.participants) for p in participants)
    if before is not None and reading.swaps and any(s.leaving for s in reading.swaps):
        # "Lena (V) har förhinder, i hennes ställe kommer Tove (V); Jonas och Hampus kommer som planerat":
        # the stored delegation with the swap, and those named again are in it anyway.
        swapped = _apply_swaps(before.participants, reading.swaps, reasons)
        known = {p.name.lower() for p in swapped}
        # "Björn Ljungdahl (L) ersätts av … Björn går på föräldraledighet": the one leaving is not named to stay
        leaving = [s.leaving for s in reading.swaps if s.leaving]
        participants = (
            *swapped,
            *(
                p
                for p in participants
                if p.name.lower() not in known and not any(_means(p.name, Participant(name, None)) for name in leaving)
            ),
        )
        session = session or before.session
    elif reading.swaps:
        # "Anna (M), Kim (V) och i stället för Per kommer Olle (S)": a whole list that says who replaces whom
        known = {p.name.lower() for p in participants}
        participants = (*participants, *(s.joining for s in reading.swaps if s.joining.name.lower() not in known))
    elif (
        before is not None and session in {None, before.session} and _corrects_people(before.participants, participants)
    ):
        # "Lotta Fors företräder Centerpartiet (C). Resten stämmer", "det ska vara Hellqvist, inte Helqvist":
        # the stored delegation with one party or one spelling mended
        participants = tuple(_corrected(p, participants) for p in before.participants)
        session = before.session
    elif before is not None and reading.withdrawn and _all_stored(before.participants, participants):
        # "Lisa kan inte ändå, så vi blir två": the stored delegation less those named as not coming
        for name in reading.withdrawn:
            if len(_matches(before.participants, name)) > 1:
                reasons.append(f"flera i den sparade anmälan kan vara {name}")
        kept = [p for p in before.participants if not any(_means(name, p) for name in reading.withdrawn)]
        if len(kept) < len(before.participants):
            participants = tuple(kept)
            session = session or before.session
    if not participants and reading.same_people:
        if before is not None:
            participants = before.participants  # "vi tar 26:e istället, samma gäng"
        else:
            reasons.append("deltagarna anges som 'samma som förut', men ingen anmälan finns sparad")
    if not participants and before is not None and (reading.moved_from or session):
        participants = before.participants  # "vi flyttar till den 26": same people, new session
    if (
        before is not None
        and kind is Kind.REGISTRATION
        and participants
        and session is None
        and not reading.other_dates
        and reading.withdrawn
    ):
        # "Johan Ahlqvist (M) kan inte den 19 september. Vår nya sammansättning blir: …": the day is one person's
        # regret; the new delegation goes on the stored day
        session = before.session
    if before is not None and kind is Kind.REGISTRATION:
        # "flytta hela gruppen till onsdagen den 21 september": a day that is no session still alters the stored one
        asked = session or next(iter(reading.other_dates), None) or before.session
        after = Registration(before.municipality, asked, participants)
        if not _same(before, after):
            kind = Kind.CHANGE
    elif reading.moved_from and before is None:
        reasons.append("en flytt men ingen anmälan finns sparad")
    return session, participants, kind


def _apply_swaps(
    people: tuple[Participant, ...], swaps: tuple[Swap, ...], reasons: list[str]
) -> tuple[Participant, ...]:
    result = list(people)
    for swap in swaps:
        if not swap.leaving:  # "vi lägger till X": an addition
            result.append(swap.joining)
            continue
        if len(_matches(result, swap.leaving)) > 1:
            reasons.append(f"flera i den sparade anmälan kan vara {swap.leaving}")
            continue
        index = _find(result, swap.leaving)
        if index is None and (near := _nearest(tuple(result), Participant(swap.leaving, None))) is not None:
            index = result.index(near)  # "Anders Yngveson ersätts av …": the stored Yngvesson, spelt in haste
        if index is None:
            reasons.append(f"{swap.leaving} finns inte i den sparade anmälan")
            continue
        joining = swap.joining
        if swap.same_party and joining.party is None:
            joining = dataclasses.replace(joining, party=result[index].party)
        result[index] = joining
    return tuple(result)


def _with_stored_party(person: Participant, stored: tuple[Participant, ...]) -> Participant:
    if person.party is not None:
        return person
    exact = [p for p in stored if p.name.casefold() == person.name.casefold()]
    return dataclasses.replace(person, party=exact[0].party) if len(exact) == 1 else person


def _corrects_people(stored: tuple[Participant, ...], named: tuple[Participant, ...]) -> bool:
    """Fewer than all are named, each one already registered (or spelt one or two letters apart), one differing."""
    if not 0 < len(named) < len(stored):
        return False
    matches = [_nearest(stored, p) for p in named]
    return all(m is not None for m in matches) and any(
        m is not None and (m.name != p.name or (p.party and m.party != p.party))
        for m, p in zip(matches, named, strict=True)
    )


def _nearest(stored: tuple[Participant, ...], person: Participant) -> Participant | None:
    """The stored person a name means: the same name, or the only one a typo away with no other party."""
    exact = _find(stored, person.name)
    if exact is not None:
        return stored[exact]
    close = [
        p
        for p in stored
        if OSA.distance(p.name.casefold(), person.name.casefold()) <= 2
        and (not person.party or p.party == person.party)
    ]
    return close[0] if len(close) == 1 else None


def _corrected(person: Participant, named: tuple[Participant, ...]) -> Participant:
    match = next((p for p in named if _nearest((person,), p) is person), None)
    if match is None:
        return person
    return dataclasses.replace(person, name=match.name, party=match.party or person.party)


def _all_stored(stored: tuple[Participant, ...], named: tuple[Participant, ...]) -> bool:
    return all(_find(stored, p.name) is not None for p in named)


def _means(name: str, person: Participant) -> bool:
    return bool(_matches((person,), name))


def _find(people: Sequence[Participant], name: str) -> int | None:
    found = _matches(people, name)
    return found[0] if found else None


def _matches(people: Sequence[Participant], name: str) -> list[int]:
    """Who in a delegation a name means: the same full name, or one part of a name ("Lindqvist", "Anna")."""
    wanted = name.casefold().split()
    # "Wåhlin Ola", a From header's order, is "Ola Wåhlin" too
    exact = [i for i, p in enumerate(people) if sorted(p.name.casefold().split()) == sorted(wanted)]
    if exact or not wanted:
        return exact
    if is_title(wanted[-1]):
        # "… ersätter oppositionsrådet": the one registered with that title ("oppositionsråd")
        title = re.sub(r"(?:et|en|n)$", "", " ".join(wanted))
        return [i for i, p in enumerate(people) if p.role and title in p.role.casefold()]
    if len(wanted) != 1:
        return exact
    return [i for i, p in enumerate(people) if wanted[0] in p.name.casefold().split()]


def _same(before: Registration, after: Registration) -> bool:
    def people(r: Registration) -> set[tuple[str, str | None]]:
        return {(" ".join(p.name.casefold().split()), p.party) for p in r.participants}

    return before.session == after.session and people(before) == people(after)


def _review_reasons(reading: Reading, kind: Kind, stored: StoredState) -> list[str]:
    reasons: list[str] = []
    if kind is Kind.UNRELATED:
        reasons.append("ingen anmälan, ändring eller fråga kunde läsas ut")
    if reading.points_to_attachment and not reading.participants:
        reasons.append("anmälan finns bara i en bifogad fil")
    if reading.names_other_municipalities and kind is not Kind.UNRELATED:
        names = ", ".join(reading.names_other_municipalities)
        reasons.append(f"meddelandet nämner även {names}")
    if (
        reading.supplements
        and kind in _DIALOG_KINDS
        and stored.registration is None
        and not (reading.session_dates or reading.other_dates)
    ):
        # "Nicklas Hed är C, glömde skriva det" after a rejected mail: a person puts the two together
        reasons.append("ett tillägg till ett tidigare mejl, men ingen anmälan finns sparad")
    if kind is Kind.CANCELLATION and stored.registration is None and stored.info_attendee is None:
        reasons.append("en avbokning men ingen anmälan finns sparad")
    elif kind is Kind.CANCELLATION and reading.leaves_info_meeting_only and stored.info_attendee is None:
        reasons.append("en avbokning av informationsmötet men ingen anmälan till det finns sparad")
    named = set(reading.session_dates) | set(reading.other_dates) | set(reading.cancelled_dates)
    if (
        kind is Kind.CANCELLATION
        and stored.registration is not None
        and named
        and stored.registration.session not in named
    ):
        reasons.append("avbokningen nämner ett annat datum än det anmälda")
    return reasons
