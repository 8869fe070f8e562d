"""From the sender's own words to a Reading: which session, who, which meeting, what else is asked."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from mailbot.core.mail import Attachment
from mailbot.core.model import Event, Participant, Reading, Swap
from mailbot.core.understand.bystanders import is_bystander, not_registering, restated
from mailbot.core.understand.changes import full_names, partyless_newcomers, swaps_in
from mailbot.core.understand.dates import DateMention, find_dates
from mailbot.core.understand.doubts import delegation_doubts
from mailbot.core.understand.forms import merge_fields
from mailbot.core.understand.intents import (
    asks_question,
    cancels,
    cancels_info,
    may_cancel,
    says_yes,
    withdraws_in,
    written_to_someone_else,
)
from mailbot.core.understand.meetings import (
    Scopes,
    chair_on_both,
    choose_info_attendee,
    info_by_pronoun,
    named_before_sign_off,
    writer_attending_info,
)
from mailbot.core.understand.name_order import names_in_reading_order
from mailbot.core.understand.others import other_municipalities_registered
from mailbot.core.understand.parties import PartyLexicon
from mailbot.core.understand.people import PersonMention, find_people
from mailbot.core.understand.prose import prose_parties
from mailbot.core.understand.sentences import Span, clause_at, sentence_at, split_sentences
from mailbot.core.understand.sessions import (
    impossible_dates,
    session_choices,
    session_positions,
    sessions_by_room_or_ordinal,
    sessions_by_weekday,
    subject_sessions,
    without_pasted_list,
)
from mailbot.core.understand.times import sessions_by_time
from mailbot.core.understand.writer import (
    as_participant,
    counts_writer,
    leaving_writer,
    others_to_follow,
    party_beside_self,
    same_person,
    signer,
)

_ATTACHMENT_POINTER = re.compile(r"bifoga|bilaga|bilagan|se\s+bif|attached|attachment|i\s+filen|se\s+fil", re.I)
_DOCUMENT = re.compile(r"pdf|msword|officedocument|opendocument|rtf|ms-excel|ms-tnef|octet-stream|image/", re.I)
# "samordnar anmälan", not "samordnar resan": a joint registration, not shared travel
_MARKED_IN_LIST = re.compile(
    r"markera\w*|fetstil|fet\s+stil|kryss\w*|\bpil(?:en)?\b|struk\w*|stryk\w*|understruk\w*|gulmarker\w*"
    r"|\bi\s+(?:rött|grönt|blått|gult)\b|står\s+kvar",
    re.I,
)
_INTRODUCES = re.compile(r"\b(?:jag\s+heter|mitt\s+namn\s+är)\s+$", re.I)
_ATTENDING = re.compile(
    # "Kjell-Åke tar infomötet 30/8"; not "Kjell går med käpp"
    r"\b(?:kommer|deltar|går(?!\s+med\s+(?:käpp|kryck|rullator|stöd))|närvarar|är\s+med|anmäl\w*"
    r"|tar\s+(?:informations|info)möt\w*)\b",
    re.I,
)
# "Karin är redan anmäld till informationsmötet": news, not a registration
_ALREADY = re.compile(
    # "Lena har redan själv anmält sig"
    r"\b(?:redan|sedan\s+tidigare|tidigare)\s+(?:själv\s+)?(?:anmäld|anmält|registrerad)|\bhar\s+redan\s+anmält"
    r"|gjorde\s+(?:hon|han|hen)\s+själv"
    r"|\b(?:anmäler|sköter|gör)\s+(?:hon|han|hen)\s+(?:det\s+)?själv",  # "men det anmäler hon själv"
    re.I,
)
# "… så någon anmälan till det mötet gör vi inte i nuläget", "Någon anmälan till informationsmötet görs således inte"
_NO_INFO_REGISTRATION = re.compile(
    r"\b(?:någon|ingen)\s+anmälan\s+till\s+(?:det\s+mötet|informationsmötet|infomötet)\s+(?:gör\s+vi\s+(?:alltså\s+|därför\s+)?inte"
    r"|görs\s+(?:\w+\s+)?inte|blir\s+det\s+inte|skickar\s+vi\s+inte)"
    # "Vi avstår informationsmötet och skickar bara anmälan till dialogen": the municipality declines it
    r"|\bvi\s+(?:\w+\s+){0,2}(?:avstår|avböjer|hoppar\s+över|står\s+över|tackar\s+nej\s+till)\s+(?:från\s+)?"
    r"(?:informationsmöt|infomöt)",
    re.I,
)
_EVENT_WORDS = re.compile(
    r"dialog|anmäl|inbjud|tillfälle|deltag|delta\b|informationsmöt|infomöt|regional|landsting|samverkan|kso\b"
    r"|kommunstyrelse|ordförande|politiker|ledamot|invitation|register|attend|meeting",
    re.I,
)
# A registration for another named event: "anmäler följande till samrådsmötet om RUFS 2050", "till
# kulturfrukosten" (not the dialog, the information meeting, a session or "mötet den 22")
_OTHER_EVENT = re.compile(
    r"\banmäl\w*\s+(?:\w+\s+){0,3}till\s+(?P<target>(?!\w*(?:dialog|informationsmöt|infomöt|tillfälle|kso|ksl))"
    r"[a-zåäö-]*(?:samråd\w*|konferens\w*|seminari\w*|utbildning\w*|frukost\w*|middag\w*|workshop\w*"
    r"|evenemang\w*|mässa\w*|kurs\w*|[a-zåäö]{3,}möte[t]?"
    r"|(?!(?:mån|tis|ons|tors|fre|lör|sön|dialog)dag)[a-zåäö]{3,}dag(?:en|arna)?))\b",
    re.I,
)
_SUPPLEMENT = re.compile(r"\bglömde\b|\bglömt\b|\bkomplettering\w*|\bkompletterar\b|\btillägg\b|\brättelse\b", re.I)
_LATER = re.compile(
    r"separat|senare|återkommer|längre\s+fram|skickar\s+\w+\s+\w*\s*själv|(?:hanteras|sköts|skickas)\s+av"
    r"|\b(?:sköter|hanterar|tar\s+hand\s+om|ansvarar\s+för)\b",  # "Anmälan till informationsmötet sköter KSO:s kansli"
    re.I,
)


def read(
    text: str,
    *,
    event: Event,
    lexicon: PartyLexicon,
    subject: str = "",
    subject_is_reply: bool = False,
    attachments: tuple[Attachment, ...] = (),
    municipality: str | None = None,
    forwarded: bool = False,
    signature: str = "",
    sender_name: str = "",
) -> Reading:
    """What the text states, without rules or stored state.

    `forwarded`: the text is a forwarded mail, written to the forwarder, so
    its questions are not questions to the coordinator. `signature`: the
    lines under the sign-off and `sender_name` the From header's name,
    which say who "jag" is.
    """
    text = names_in_reading_order(merge_fields(text, lexicon), lexicon)
    year = event.sessions[0].date.year if event.sessions else event.deadline.year
    sentences = split_sentences(text)
    mentions = find_dates(text)  # once: sessions, scopes, cancelled days and the event check all read them
    scopes = Scopes(text, event.info_meeting, session_positions(mentions, event, year))
    doubts: list[str] = []

    choices, attempts, moved_from, contradicted, kept, pasted = session_choices(
        text, mentions, sentences, event, year, doubts, municipality=municipality
    )
    if not choices and not attempts and not contradicted:
        unlisted = without_pasted_list(text, pasted)  # an unmarked pasted list chooses nothing
        if unlisted != text and _MARKED_IN_LIST.search(text):
            # "Vårt val är markerat med fetstil", "det som står kvar": a mark the plain text has lost
            doubts.append("valet är markerat i den inklistrade listan på ett sätt som inte syns i texten")
        by_room = sessions_by_room_or_ordinal(unlisted, event, doubts)
        # "förmiddagspasset eller det sista tillfället": a time and an ordinal are two offers
        choices = list(dict.fromkeys([*by_room, *sessions_by_time(unlisted, event, doubts)]))
    if not choices and not attempts and not contradicted:
        choices = sessions_by_weekday(text, event, doubts)
    unreal = [] if choices or attempts else impossible_dates(text, mentions, sentences, year)
    dated = bool(choices or attempts or contradicted or unreal)  # the text gives the dialog a day, readable or not
    places = _place_words(event)
    # The coordinator and the contact for questions are named in mail, but never take part.
    staff = {c.name.casefold() for c in (event.coordinator, event.questions_contact) if c is not None}
    people = [
        p
        for p in find_people(text, lexicon, places)
        if p.name.casefold() not in staff and not is_bystander(text, p, sentence_at(sentences, p.start))
    ]
    people = prose_parties(text, people, lexicon)
    swaps, swapped = swaps_in(
        text, people, about_info_meeting=lambda at: scopes.of_span(sentence_at(sentences, at)) == "info"
    )
    doubts.extend(f"{name} ska ersätta någon, men partiet framgår inte" for name in partyless_newcomers(text, people))
    signing = signer(signature, sender_name, lexicon, places, at=len(text))
    introduced = [p for p in people if _INTRODUCES.search(text[max(0, p.start - 20) : p.start])]
    if introduced and (
        signing is None or len(signing.name.split()) < 2 or same_person(introduced[0].name, signing.name)
    ):
        # "Jag heter Rolf Järvinen och är ledamot … för Kristdemokraterna": the writer says who writes
        signing = dataclasses.replace(introduced[0], start=len(text), end=len(text), line=-1)
    if signing is not None and signing.party is None and (own_party := party_beside_self(text, lexicon)):
        signing = dataclasses.replace(signing, party=own_party)
    if signing is not None and signing.party is None:
        # "jag själv, Sara Rosengren-Falk (M), kommer …": the writer named with a party in the text
        named = {p.party for p in people if p.party and same_person(p.name, signing.name)}
        if len(named) == 1:
            signing = dataclasses.replace(signing, party=named.pop())
    if signing is not None and (spelt := {p.name for p in people if same_person(p.name, signing.name)}):
        # "Från: Holmén Per-Arne" over "Vi blir jag, Per-Arne Holmén (M)": the name as the text writes it
        signing = dataclasses.replace(signing, name=sorted(spelt)[0])
    if (
        (joining := leaving_writer(text, people)) is not None
        and joining.start not in swapped
        and scopes.of_span(sentence_at(sentences, joining.start)) != "info"  # "i mitt ställe till infomötet"
    ):
        if signing is None:
            doubts.append("avsändaren lämnar sin plats men namnet framgår inte")
        else:
            swaps.append(Swap(signing.name, as_participant(joining)))
            swapped.add(joining.start)
    dialog, info = _split_by_meeting(text, people, sentences, scopes, swapped, doubts)
    additions = [s for s in swaps if not s.leaving]
    if additions and dialog:
        # A full list that says who is new: the list is the delegation, not an addition.
        swaps = [s for s in swaps if s.leaving]
        dialog += [s.joining for s in additions if s.joining.name.lower() not in {p.name.lower() for p in dialog}]
    dialog, swaps = _put_right(dialog, swaps)
    for swap in swaps:
        # "X ersätts av Ylva Brandt-Hägg (M), både i dialogen och på informationsmötet": she takes both places
        # "Marcus Hellgren (M). Han ersätter Kristina Ehn både på informationsmötet och i dialogen": the sentence
        # that names the one leaving says so
        joining = next((p for p in people if p.start in swapped and p.name == swap.joining.name), None)
        leaving = next((p for p in people if p.start in swapped and p.name == swap.leaving), None)
        spans = [sentence_at(sentences, p.start) for p in (joining, leaving) if p is not None] if swap.leaving else []
        both = next((span for span in spans if scopes.of_span(span) == "both"), None)
        if joining is not None and both is not None:
            info.append((joining, text[both.start : both.end]))
    for person, sentence in info_by_pronoun(text, people, sentences, scopes):
        info.append((person, sentence))
        if not scopes.of_span(sentence_at(sentences, person.start)):
            # "Jag skriver på uppdrag av KSO Kristoffer Bäckman (M). Han deltar gärna i informationsmötet"
            dialog = [d for d in dialog if d.name != person.name]
    writer = writer_attending_info(text, sentences, people, dialog, signing, scopes)
    if writer and all(sentence == writer[1] for _, sentence in info):
        # "Michael kan inte 30/8, så jag går på infomötet i hans ställe": the writer, not Michael
        info = [writer]
        # "jag kommer på infomötet också", "Jag kommer fortfarande på informationsmötet" (not "hoppas det går bra
        # fortfarande"): the writer is in the dialog too
        also = re.search(
            r"\b(?:också|även|dessutom|både)\b|\b(?:kommer|deltar|går)\s+fortfarande\b|\bmed\s+mig\b", writer[1], re.I
        )
        # "Jag kommer själv till informationsmötet" over "Till dialogen kommer: Bo Hjalmarsson (M), …" signed Bo:
        # the writer named in the dialog's own list is in it too
        listed = len(dialog) >= 3 and any(
            same_person(p.name, writer[0].name)
            and p.listed
            and scopes.for_person(p, sentence_at(sentences, p.start)) == "dialog"
            for p in people
            if p.start < len(text)
        )
        dialog = [
            p
            for p in dialog
            if p.name != writer[0].name or also or listed or (named_before_sign_off(text, writer[0]) and dated)
        ]
    if not info and (chair := chair_on_both(text, people, dialog, scopes)):
        info = [chair]
    info_attendee, not_chair, info_named = choose_info_attendee(text, info, sentences, dialog, doubts)
    if _NO_INFO_REGISTRATION.search(text):
        info_attendee, not_chair, info_named = None, False, False  # "någon anmälan till det mötet gör vi inte"
    if dated or dialog:
        not_info = [text[s.start : s.end] for s in sentences if scopes.of_span(s) != "info"]
        dialog += _writer_among(text, not_info, people, dialog, signing, lexicon, doubts)
    dialog = full_names(text, dialog + _named_by_pronoun(text, people, sentences, scopes, dialog))
    not_now = not_registering(text, people, sentences, lexicon)
    said_again = {p.name for p in restated(text, people) if p.party}
    said_again_in_dialog = [p for p in dialog if p.name in said_again]
    dialog = [p for p in dialog if p.name not in not_now]
    if signing is not None and signing.party:
        # "Tyresö 22/9: Sofia Rehnberg, Anneli Kronqvist (M) …" signed "Sofia Rehnberg (S)": her party
        dialog = [
            dataclasses.replace(p, party=signing.party) if p.party is None and same_person(p.name, signing.name) else p
            for p in dialog
        ]

    if not dated and not dialog and said_again_in_dialog and kept and not swaps and info_attendee is None:
        # "Dialogen den 2 september gäller som tidigare med A (S), B (M) och C (V)", and nothing else: the whole
        # registration said again, which stands as a registration (after a rejection nothing else was stored)
        dialog, choices = said_again_in_dialog, kept
    elif not dated and dialog and kept:
        choices = kept  # "Datumet 22/9 står fast, deltagarna blir: …": the day the new list goes with
    elif not dated and (dialog or swaps):
        # "Anmälan 19/9" as the subject: its date stands; a reply's subject only when it names one session
        in_subject = subject_sessions(subject, event, year)
        choices = in_subject if not subject_is_reply or len(in_subject) == 1 else []
    elif (disagreeing := _subject_disagrees(subject, subject_is_reply, choices, mentions, event, year)) is not None:
        # "Anmälan Sundbyberg 22/9" over "Vi kommer den 19 september": the sender wrote both; which holds?
        doubts.append(f"ämnesraden anger {disagreeing.isoformat()} men texten {choices[0].isoformat()}")

    withdraws = cancels(text, municipality)
    if withdraws and may_cancel(text):
        doubts.append("avbokningen är inte säker än")  # "vi kan behöva avboka … återkommer så snart jag vet"
    if withdraws:
        # "Vi avbokar alltså hela anmälan (Fredrik Ahlgren, Ingrid Nordebo och Ali Rezaei)": those cancelled
        cancelled = {p.name for p in people if withdraws_in(text[(s := sentence_at(sentences, p.start)).start : s.end])}
        dialog = [p for p in dialog if p.name not in cancelled]
    reader = event.coordinator.name.split()[0] if event.coordinator else ""
    asks = not forwarded and asks_question(text, sentences, reader)
    if not forwarded and (addressee := written_to_someone_else(text, reader)):
        doubts.append(f"mejlet är skrivet till {addressee}, inte till samordnaren")
    pointer = bool(_ATTACHMENT_POINTER.search(text)) and any(
        _DOCUMENT.search(a.content_type)
        or a.filename.lower().endswith((".pdf", ".doc", ".docx", ".xlsx", ".odt", ".dat"))
        for a in attachments
    )
    signed_as_own = bool(municipality) and re.search(rf"\b{re.escape(municipality or '')}", signature, re.I) is not None
    others = other_municipalities_registered(text, event, municipality, people, signed_as_own) if municipality else []
    # "Eva Ek (C) har fått förhinder": out of the dialog delegation (not the information meeting)
    withdrawn = [
        p
        for p in people
        if p.negated
        # "Lisa kan inte": a first name too, which only a stored person can answer to (decide checks)
        and p.start not in swapped
        and scopes.for_person(p, sentence_at(sentences, p.start)) in {"dialog", ""}
        # "Margareta har blivit kallad … går inte att flytta … samma delegation: Margareta Dahlén (M)": listed
        and not any(p.name.casefold() in {d.name.casefold(), d.name.split()[0].casefold()} for d in dialog)
    ]
    if not choices and not info and (other := _OTHER_EVENT.search(text)):
        # "Tyresö kommun anmäler följande till samrådsmötet om RUFS 2050 den 4 oktober": not this invitation
        doubts.append(f"anmälan gäller något annat: {other.group('target')}")
        dialog, swaps, dated, attempts = [], [], False, []
    doubts += delegation_doubts(text, dialog, swaps, dated, lexicon, several_days=len(choices) > 1)
    withdraws_info = cancels_info(text)
    if (
        info_named
        and info_attendee is None
        and not withdraws
        and not withdraws_info
        and not _LATER.search(text)
        and not _ALREADY.search(text)
    ):
        doubts.append("informationsmötet nämns men ingen deltagare kan läsas ut")
    return Reading(
        registers_dialog=bool(dated or dialog or moved_from or says_yes(text)),
        session_dates=tuple(choices),
        other_dates=tuple(attempts),
        impossible_dates=tuple(unreal),
        moved_from=moved_from,
        participants=tuple(dialog),
        swaps=tuple(swaps),
        withdrawn=tuple(dict.fromkeys(p.name for p in withdrawn)),
        same_people=bool(_SAME_PEOPLE.search(text)),
        info_attendee=info_attendee,
        info_not_chair=not_chair,
        cancels=withdraws,
        cancels_info=withdraws_info,
        supplements=bool(_SUPPLEMENT.search(text)),
        cancelled_dates=tuple(  # the dialog's: "stryk mig på informationsmötet 30/8" names no session
            day
            for m in mentions
            if re.search(r"avbok|avanmäl|stryk", clause_at(text, m.start), re.I)
            and (day := m.on(year)) is not None
            and (event.info_meeting is None or day != event.info_meeting.date)
        ),
        asks_question=asks,
        points_to_attachment=pointer,
        names_other_municipalities=tuple(others),
        doubts=tuple(dict.fromkeys(doubts)),
        about_event=bool(_EVENT_WORDS.search(f"{subject}\n{text}") or mentions or any(p.party for p in people)),
    )


# "Hon vill också vara med på dialogen": the person just named comes to the dialog too
_PRONOUN_JOINS = re.compile(
    r"(?:^|(?<=[.!?]\s))(?:Hon|Han|Hen)\s+(?:vill\s+(?:också|även)\s+vara\s+med|kommer\s+(?:också|även)|deltar\s+(?:också|även)"
    r"|är\s+(?:också|även)\s+med|följer\s+(?:också|även)\s+med)\b",
    re.M,
)


def _subject_disagrees(
    subject: str,
    subject_is_reply: bool,
    choices: list[dt.date],
    mentions: list[DateMention],
    event: Event,
    year: int,
) -> dt.date | None:
    """The one session the sender's own subject names, when the text chose another and never names it.

    Not "Ändring: anmälan till dialog 19/9" over "i stället den 26 september, inte den 19:e": a move.
    """
    said = [] if subject_is_reply or len(choices) != 1 else subject_sessions(subject, event, year)
    if len(said) != 1 or said[0] == choices[0]:
        return None
    named = any(m.day == said[0].day and m.month in (None, said[0].month) for m in mentions)
    return None if named else said[0]


def _named_by_pronoun(
    text: str, people: list[PersonMention], sentences: list[Span], scopes: Scopes, dialog: list[Participant]
) -> list[Participant]:
    joined: list[Participant] = []
    for found in _PRONOUN_JOINS.finditer(text):
        if scopes.of_span(sentence_at(sentences, found.start())) == "info":
            continue
        before = [p for p in people if p.end <= found.start() and p.party and len(p.name.split()) >= 2]
        if before and all(d.name != before[-1].name for d in dialog):
            joined.append(Participant(before[-1].name, before[-1].party, before[-1].role))
    return joined


def _writer_among(
    text: str,
    not_info: list[str],
    people: list[PersonMention],
    dialog: list[Participant],
    writer: PersonMention | None,
    lexicon: PartyLexicon,
    doubts: list[str],
) -> list[Participant]:
    """The writer, when "jag" is one of the delegation and the signature or From header says who that is."""
    names = {d.name.lower() for d in dialog}
    named = [p for p in people if p.name.lower() in names]
    about_dialog = [own for own in not_info if find_dates(own) or _DIALOG_WORD.search(own)]
    mention = counts_writer(text, named, not_info, about_dialog, lexicon)
    if not mention.counted:
        return []
    if writer is not None and any(same_person(writer.name, d.name) for d in dialog):
        return []
    if writer is None:
        doubts.append("avsändaren räknar sig själv som deltagare men namnet framgår inte")
        return []
    if (mention.party or writer.party) is None and not dialog:
        doubts.append("avsändaren räknar sig själv som deltagare men namn och parti framgår inte")
        return []
    # "Vi tre kommer den 2/9: jag, Kjell Amundsen (M) och Fatima Hassan (V). /Jenny": named by the From header,
    # and listed with the others, the writer is a participant whose party is missing
    if not dialog and others_to_follow(about_dialog):
        doubts.append("avsändaren anmäler sig själv, och övriga deltagare ska meddelas senare")
    return [as_participant(writer, mention.party)]


_DIALOG_WORD = re.compile(r"dialog|tillfälle|anmäl", re.I)


# "samma gäng som i våras", "samma personer som sist"
_SAME_PEOPLE = re.compile(
    r"\bsamma\s+(?:gäng|personer|deltagare|delegation|namn|folk|tre|trio|uppsättning)\b"
    # "Rätt datum är 22/9, namnen enligt tidigare"
    r"|\b(?:namnen|deltagarna|personerna)\s+(?:är\s+)?(?:enligt|som)\s+(?:tidigare|förut|innan|sist)\b",
    re.I,
)


def _place_words(event: Event) -> frozenset[str]:
    """Municipalities, rooms and other configured places: capitalised, but never a person."""
    words: set[str] = set()
    for municipality in event.municipalities:
        words.update({municipality.name.lower(), f"{municipality.name.lower()}s"})  # "Botkyrkas ordförande"
        words.update(w.lower() for w in re.split(r"[\s-]+", municipality.name) if len(w) > 2)
    for session in event.sessions:
        words.update(w.lower() for w in re.findall(r"\w+", f"{session.room} {session.address}") if len(w) > 2)
    if event.info_meeting:
        words.update(w.lower() for w in re.findall(r"\w+", event.info_meeting.place) if len(w) > 2)
    return frozenset(words)


def _split_by_meeting(
    text: str,
    people: list[PersonMention],
    sentences: list[Span],
    scopes: Scopes,
    swapped: set[int],
    doubts: list[str],
) -> tuple[list[Participant], list[tuple[PersonMention, str]]]:
    """Dialog participants, and the people named for the information meeting (with their sentence)."""
    dialog: dict[str, Participant] = {}
    info: list[tuple[PersonMention, str]] = []
    first_names = _first_names(people)
    for person in people:
        if person.start in swapped or person.negated:
            continue
        sentence = sentence_at(sentences, person.start)
        sentence_text = text[sentence.start : sentence.end]
        if not person.bound and not person.listed:
            # "Kerstin kommer också på informationsmötet": a first name for someone named in full.
            full = first_names.get(person.name.lower())
            attending = (
                full
                and (_ATTENDING.search(sentence_text) or re.match(r"\W*ja\b", sentence_text, re.I))  # a form's "Ja, …"
                and not _ALREADY.search(sentence_text)
                and not _LATER.search(sentence_text)  # "Om informationsmötet återkommer Margareta själv"
                # "Gunilla är KSO men kan inte komma 30 aug, därför ingen anmälan till informationsmötet"
                and not re.search(r"\b(?:kan|kommer)\s+inte\b|\bingen\s+anmälan\b", sentence_text, re.I)
            )
            if attending and full and scopes.for_person(person, sentence) == "info":
                info.append((full, sentence_text))
            elif (
                full is None
                and len(person.name.split()) >= 2
                and _ATTENDING.search(sentence_text)
                and not _ALREADY.search(sentence_text)
                and not _LATER.search(sentence_text)
                # "Mats Gustafsson kommer fortfarande till informationsmötet": as stored, nothing new
                and not re.search(
                    r"\b(?:kan|kommer)\s+inte\b|\bfortfarande\b|som\s+(?:planerat|tidigare)", sentence_text, re.I
                )
                and scopes.for_person(person, sentence) == "info"
            ):
                # "Kerstin Ahl kommer även på informationsmötet": a full name, its party perhaps in a stored mail
                info.append((person, sentence_text))
            elif (
                full is None
                and len(person.name.split()) == 1
                and re.search(
                    rf"\b(?i:vår|vårt)\s+(?:\w+\s+){{0,2}}{re.escape(person.name)}\s+(?:vill|kommer|deltar|går)",
                    sentence_text,
                )
                and _ATTENDING.search(sentence_text)
                and not _ALREADY.search(sentence_text)
                and not re.search(r"\b(?:kan|kommer)\s+inte\b", sentence_text, re.I)
                and scopes.for_person(person, sentence) == "info"
            ):
                # "Vår ordförande Katarina vill också anmäla sig till informationsmötet": one already registered,
                # whose full name the stored registration gives
                info.append((person, sentence_text))
            elif (
                attending
                and full
                and full.name.lower() not in dialog
                and scopes.for_person(person, sentence) == "dialog"
            ):
                # "Lennart kommer då också" in the dialog's paragraph: Lennart Ådahl (M), named before
                dialog[full.name.lower()] = Participant(full.name, full.party, full.role)
            continue
        scope = scopes.for_person(person, sentence)
        if scope in {"info", "both"} and not _ALREADY.search(sentence_text):
            info.append((person, sentence_text))
        if scope in {"dialog", "both", ""}:
            key = person.name.lower()
            previous = dialog.get(key)
            if previous is None or (previous.party is None and person.party):
                dialog[key] = Participant(person.name, person.party, person.role)
            elif person.party and previous.party != person.party:
                doubts.append(f"{person.name} anges med två olika partier")
    return list(dialog.values()), info


def _first_names(people: list[PersonMention]) -> dict[str, PersonMention]:
    """First name (or full name) → the one person with a party who has it; ambiguous ones are left out."""
    seen: dict[str, list[PersonMention]] = {}
    for person in people:
        parts = person.name.split()
        if person.party and len(parts) >= 2:
            for key in {parts[0].lower(), person.name.lower()}:
                group = seen.setdefault(key, [])
                if all(p.name != person.name for p in group):
                    group.append(person)
    return {first: group[0] for first, group in seen.items() if len(group) == 1}


def _put_right(dialog: list[Participant], swaps: list[Swap]) -> tuple[list[Participant], list[Swap]]:
    """ "Bo Lindh (M) … nej förresten, det blir Anna Wästberg (L) istället för Bo": a swap of someone this very
    list names corrects the list; it changes no stored delegation."""
    for swap in [s for s in swaps if s.leaving]:
        called = swap.leaving.casefold().split()
        named = [
            p for p in dialog if p.name.casefold().split()[: len(called)] == called or same_person(p.name, swap.leaving)
        ]
        listed = [p for p in dialog if p.name != swap.joining.name]
        if len(named) == 1 and len(listed) >= 2:  # a list, not "Björn Ljungdahl (L) ersätts av …" alone
            dialog = [p if p is not named[0] else swap.joining for p in listed]
            swaps = [s for s in swaps if s is not swap]
    return dialog, swaps
