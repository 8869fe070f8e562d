"""The whole pure path of one message: classify, read the sender's own words, decide."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from mailbot.core import decide as deciding
from mailbot.core.authenticity import unverified_sender
from mailbot.core.classify import automatic_kind, from_a_person_through_a_list
from mailbot.core.mail import Mail
from mailbot.core.model import Decision, Event, Kind, Outcome, Reading, StoredState
from mailbot.core.text import OwnWords, is_reply_subject, own_words, subject_topic
from mailbot.core.understand import diacritics, dictation
from mailbot.core.understand.parties import PartyLexicon
from mailbot.core.understand.reading import read


@dataclass(frozen=True)
class Judgement:
    decision: Decision
    own: OwnWords


class Judge:
    """Decides messages for one event; built once, so the party lexicon is compiled once."""

    def __init__(self, event: Event, *, own_addresses: frozenset[str] = frozenset()) -> None:
        self.event = event
        self.lexicon = PartyLexicon(event.parties)
        self.spelling = diacritics.restoring_table(
            [m.name for m in event.municipalities] + [w for p in event.parties for w in (p.name, *p.aliases)]
        )
        # the coordinator's own mail (a digest that lands in her inbox) is never a person's answer
        self.own_addresses = own_addresses | {event.coordinator.address.lower()}

    def _addressed_to_us(self, mail: Mail) -> bool:
        ours = {self.event.coordinator.address.lower(), *self.own_addresses}
        return any(address.lower() in ours for address in mail.to)

    def municipality_of(self, mail: Mail) -> str | None:
        return deciding.municipality_for(mail.from_address, self.event)

    def judge(self, mail: Mail, *, arrival: dt.datetime, stored: StoredState) -> Judgement:
        municipality = self.municipality_of(mail)
        automatic = automatic_kind(mail, own_addresses=self.own_addresses)
        via_list = automatic is Kind.UNRELATED and municipality is not None and from_a_person_through_a_list(mail)
        if automatic is not None and not via_list:
            return Judgement(deciding.ignore(automatic, municipality), OwnWords(text=""))
        own = own_words(mail)
        if mail.defects and any(d.startswith("unparseable") for d in mail.defects):
            return Judgement(deciding.review(Kind.UNRELATED, municipality, "meddelandet kunde inte läsas"), own)
        reading = read(
            dictation.punctuate(
                diacritics.join_compounds(diacritics.restore(_with_subject(own.text, mail.subject), self.spelling))
            ),
            event=self.event,
            lexicon=self.lexicon,
            subject=mail.subject,
            subject_is_reply=is_reply_subject(mail.subject),
            attachments=mail.attachments,
            municipality=municipality,
            forwarded=own.from_forward,
            signature=diacritics.restore(own.signature, self.spelling),
            sender_name=own.writer_name or mail.from_name,
        )
        if via_list and _registers_no_one(reading):
            return Judgement(deciding.ignore(Kind.UNRELATED, None), own)  # list mail that registers no one
        quiet = not reading.says_anything and not reading.asks_question and not reading.doubts
        # "Tack!", and "Tack för ett bra informationsmöte i går! …" that goes on to say nothing for the desk
        if ((quiet or _registers_no_one(reading)) and _THANKS.fullmatch(own.text.strip())) or (
            quiet and _THANKS_FIRST.match(own.text) and not _REGISTRATION_TO_COME.search(own.text)
        ):
            return Judgement(deciding.nothing_to_do(municipality, "ett tack, inget att göra"), own)
        if _FOR_YOUR_INFORMATION.search(own.text) and not self._addressed_to_us(mail) and _registers_no_one(reading):
            # Written to a colleague, the coordinator on copy "för kännedom": its questions are the colleague's
            return Judgement(deciding.nothing_to_do(municipality, "en kopia för kännedom, inget att göra"), own)
        stranger = municipality is None and not reading.asks_question and not mail.in_reply_to
        if stranger and (not reading.about_event or (_MARKETING.search(own.text) and _registers_no_one(reading))):
            # Phishing, and strangers' marketing ("Register now", "early bird"), say nothing of the invitation even
            # when they name a date: like bulk mail, never answered
            return Judgement(deciding.ignore(Kind.UNRELATED, None), own)
        decision = deciding.decide(reading, event=self.event, arrival=arrival, municipality=municipality, stored=stored)
        forged = unverified_sender(mail)
        if forged:
            decision = deciding.to_review(decision, forged)  # never confirm a sender the server could not vouch for
        elif "GuessedCharset" in mail.defects and decision.outcome is not Outcome.IGNORED:
            decision = deciding.to_review(decision, "teckenkodningen är okänd, så namnen kan vara feltolkade")
        return Judgement(decision, own)


# "Tack!", "Toppen, tack för bekräftelsen!": nothing to answer
_THANKS = re.compile(
    r"(?:(?:hej|ok|okej|toppen|perfekt|bra|fint|super|utmärkt|stort|tusen)[\s,!.]*)*"
    r"tack(?:ar)?(?:\s+så\s+mycket|\s+så\s+myck\w*)?(?:\s+för\s+(?:bekräftelsen|beskedet|svaret|infon|informationen|det))?"
    # "Tack för snabb bekräftelse! Vi ser fram emot den 2 september.": a thanks that looks forward, and no more
    r"(?:\s+för\s+(?:snabb|snabbt|er|din)\s+\w+)?[\s,!.:)]*(?:vi\s+ser\s+fram\s+emot\s+[^.!?\n]{0,40}[.!]?)?"
    r"[\s,!.:)]*(?:/\s*\w+|hälsningar\s+\w+|mvh\s+\w+)?[\s!.]*",
    re.I,
)
# "Tack för inbjudan, vi återkommer": a registration still to come, which the coordinator waits for
_REGISTRATION_TO_COME = re.compile(r"återkomm|anmäl|inbjud", re.I)
_THANKS_FIRST = re.compile(r"\W*(?:hej\W+(?:[A-ZÅÄÖ]\w+\W+)?)?(?:stort\s+|tusen\s+)?tack\b", re.I)
# "Rebecka på kopia för kännedom": a copy of a mail to someone else
_FOR_YOUR_INFORMATION = re.compile(r"för\s+kännedom|\bfyi\b|på\s+kopia\s+(?:för|så)", re.I)
_MARKETING = re.compile(
    r"early\s+bird|register\s+(?:now|here|today|before)|\bwebinar|unsubscribe|avregistrera|avsluta\s+prenumeration"
    r"|(?:anmäl|boka)\s+(?:dig|er)\s+(?:här|nu|idag)|\bkampanj\w*|\brabatt\w*|erbjudande",
    re.I,
)
_SEE_SUBJECT = re.compile(r"\bse\s+ämne\w*|\bsee\s+(?:the\s+)?subject", re.I)


def _registers_no_one(reading: Reading) -> bool:
    """No one with a party for the dialog and no one for the information meeting."""
    return not any(p.party for p in reading.participants) and reading.info_attendee is None


def _with_subject(text: str, subject: str) -> str:
    """ "Anmälan Nacka 19/9: A. Berg (M)" with an empty body (or "Se ämnesraden"): the subject is the text.

    A subject the sender wrote (no "SV:") heads a body of a line or two that leans on it ("Ändring Täby: Hanna
    Löfgren ersätter Olof Säll" over "Båda är S.", "Återbud Salem" over "Tyvärr.").
    """
    if not text.strip() or _SEE_SUBJECT.search(text):
        return f"{subject_topic(subject)}\n\n{text}".strip()
    own_subject = subject.strip() and not is_reply_subject(subject) and not _INVITATION_SUBJECT.search(subject)
    if own_subject and (
        (len(text.strip()) <= 60 and len([line for line in text.splitlines() if line.strip()]) <= 2)
        # "Informationsmötet 30/8" over "Vår KSO har förhinder … I stället kommer …": the subject names the meeting
        or (_MEETING_WORDS.search(subject) and not _MEETING_WORDS.search(text))
    ):
        return f"{subject.strip()}:\n\n{text}"
    return text


_MEETING_WORDS = re.compile(r"dialog|informationsmöt|infomöt|\d{1,2}\s*/\s*\d{1,2}|\d{1,2}\s+(?:aug|sep)", re.I)
# the invitation's own subject, kept by a sender who wrote a new mail: it says nothing of the sender's
_INVITATION_SUBJECT = re.compile(r"inbjudan|välkommen\s+med\s+anmälan|dialog\s+om\s+regional", re.I)
