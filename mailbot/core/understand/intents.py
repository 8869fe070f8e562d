"""What a mail wants besides registering: to cancel, to ask, or just to say yes."""

from __future__ import annotations

import re

from mailbot.core.understand.dates import find_dates
from mailbot.core.understand.lexicon import NOT_NAMES
from mailbot.core.understand.sentences import Span, clause_at, split_sentences

_QUESTION_WORDS = re.compile(
    r"\bundrar\b|\bfundera[rt]?\s+på\s+om\b|\bvill\s+gärna\s+veta\b|\bskulle\s+vilja\s+veta\b"
    # "Inför dialogmötet önskas upplysning om vilken entré …": officialese asks without a question mark
    r"|\bönskas\s+(?:\w+\s+)?(?:upplysning\w*|besked|svar|information)\b|\bhuruvida\b"
    r"|\btacksam\s+för\s+(?:svar|besked)\b|\bvore\s+tacksam\s+om\s+(?:du|ni)\s+kunde\s+svara\b"
    # "Meddela om det finns plats för en fjärde deltagare": a question without its mark
    r"|\b(?:meddela|hör\s+av\s+(?:dig|er)|låt\s+(?:mig|oss)\s+veta|återkom)\s+(?:gärna\s+)?om\s+"
    r"(?:det\s+(?:finns|går|är)|vi\s+(?:får|kan)|ni\s+har\s+plats)",
    re.I,
)
# "Och vilka kommer? Jo, …", "Varför? Hélène har fått förhinder", "… vem som leder mötet? Det stod ju i inbjudan":
# a question the writer answers at once
_ANSWERED = re.compile(r"\s*(?:jo\b|svaret\b|det\s+(?:stod|står|framgår)\s+ju\b)", re.I)
_ONE_WORD_WHY = re.compile(r"(?:^|\b(?:och|men)\s+)(?:varför|hur\s+då|vad\s+hände)\s*\?$", re.I)
_WH_QUESTION = re.compile(r"^\W*(?:och\s+)?(?:vilket|vilken|vilka|vem|när|vad)\b", re.I)


_COURTESY_QUESTION = re.compile(
    # "…, eller hur?" waits for no answer; "eller hur gör vi smidigast?" does
    r"hoppas|eller\s+hur\b(?!\s+[a-zåäö])|\bok\s*\?$|har\s+ni\s+(?:några\s+)?frågor|om\s+(?:du|ni)\s+har\s+frågor"
    r"|behöver\s+(?:du|ni)\s+(?:veta\s+)?något\s+(?:mer|annat)|något\s+mer\s+(?:du|ni)\s+behöver"
    # rhetorical and small-talk questions that wait for no answer
    r"|vem\s+hade\s+(?:kunnat\s+)?tro\w*|har\s+(?:du|ni)\s+(?:haft\s+)?(?:det\s+)?(?:bra|skönt|fint)"
    r"|hur\s+(?:mår|har)\s+(?:du|ni)|hur\s+var\s+(?:din|er)\s+sommar|visst\s+är\s+det"
    # "Allt väl med dig?", "allt bra?", "Hur är läget?": a greeting
    r"|^\W*(?:hej\W+(?:\w+\W+)?)?(?:allt\s+(?:väl|bra|gott)|hur\s+(?:är\s+läget|går\s+det|står\s+det\s+till))"
    r"(?:\s+(?:med|hos)\s+(?:dig|er))?\s*\?$"
    # "Har du också fått en regnig semester?": small talk about the reader's summer
    r"|\b(?:har|hade|var|fick)\s+(?:du|ni)\b[^.?!]{0,40}\b(?:semester\w*|sommar\w*|ledighet\w*|helg\w*|väder\w*)"
    # "Kan du lägga in dem?": the registration asked for, not a question to settle
    r"|\bkan\s+(?:du|ni)\s+(?:\w+\s+)?(?:lägga\s+in|anmäla|registrera|skriva\s+upp|notera|boka\s+in|föra\s+in)"
    r"\s+(?:dem|oss|mig|honom|henne|dessa|det)\b"
    # "Kan du bekräfta att anmälan har kommit fram?": the confirmation that is sent anyway answers it
    # (not "kan du bekräfta att Mälarsalen är tillgänglig": that asks about the venue)
    r"|\b(?:(?:kan|kunde|vill)\s+(?:du|ni)\s+(?:\w+\s+)?bekräfta|bekräfta\s+gärna|bekräftelse\s+(?:på|att))\b"
    r"(?:\s*\?|\s+(?:\w+\s+){0,3}?(?:anmälan|mottag\w*|mejlet|mailet|fått|kommit\s+fram|gått\s+fram|registrer\w*"
    r"|inkom\w*|att\s+(?:ni|du)\s+(?:har\s+)?(?:fått|tagit\s+emot)))"
    r"|\bgissa\s+vad\b|\bvet\s+(?:du|ni)\s+vad\b",
    re.I,
)


_CANCEL = re.compile(
    r"avbok|avanmäl|återkalla|stryk\w*\s+(?:(?:vår|sin|er|hela)\s+)?(?:anmälan|deltagande\w*)|stryk\w*\s+(?:vår|oss)\b|dra[rg]?\s+tillbaka\s+(?:vår|sin|er|anmälan|oss)"
    r"|tar?\s+tillbaka\s+(?:vår|sin|er|anmälan)|ta\s+bort\s+(?:vår|oss)|annullera"
    r"|(?:kan|har)\s+(?:\w+\s+){0,2}inte\s+(?:möjlighet\s+att\s+)?(?:delta|komma|närvara|medverka)\s*(?:alls|på\s+något|i\s+(?:någon|dialogen|något))"
    r"|kommer\s+(?:\w+\s+){0,2}inte\s+(?:att\s+)?(?:kunna\s+)?(?:delta|komma|närvara)\s+(?:alls|på\s+något|i\s+(?:någon|något))"
    # "Vi ställer tyvärr in vårt deltagande", "vi säger av vår plats", "Nacka hoppar av dialogen", "vi backar ur",
    # "Tyvärr blir det inget deltagande från Nacka", "Ni kan stryka Nacka från listan", "anmälan gäller inte längre"
    r"|ställ\w*\s+(?:\w+\s+)?in\s+(?:vårt|vår|hela|deltagandet|anmälan)|säg(?:er|a|t)?\s+(?:\w+\s+)?av\s+(?:vår|vårt|platsen)"
    r"|\b(?:vi|kommunen)\s+(?:\w+\s+){0,2}(?:hoppa[rt]?\s+av|backa[rt]?\s+ur)\b"
    r"|(?:hoppa[rt]?\s+av|backa[rt]?\s+ur)\s+(?:från\s+)?(?:dialogen|deltagandet|anmälan)"
    r"|\binget\s+deltagande\s+från|stryk\w*\s+(?:\w+\s+)?från\s+(?:listan|deltagarlistan|anmälningslistan)"
    r"|\banmälan\s+(?:\w+\s+){0,2}gäller\s+(?:\w+\s+)?inte\s+längre"
    # "Återbud Salem" as a heading (a subject over "Tyvärr."): the municipality's regrets
    r"|^\W*återbud(?:\s+(?:från\s+)?[\w-]+(?:\s+(?:kommun|stad))?)?\s*:?\s*$",
    re.I | re.M,
)


# "men vill gärna ha materialet": a request for something a person must send
_ASKS_FOR = re.compile(
    r"\b(?:vill|önskar|skulle\s+vilja)\s+(?:gärna\s+)?(?:ha|få)\s+(?:ta\s+del\s+av\s+)?(?:materialet|material|underlag\w*"
    r"|handling\w*|presentation\w*|program\w*|dokumentation\w*)"
    r"|\b(?:skicka|maila|mejla)\s+(?:gärna|oss|mig)\s+(?:\w+\s+)?(?:materialet|underlag\w*|presentation\w*)",
    re.I,
)


# "Vi kommer!", "Täby deltar gärna": a yes with nothing else, so a registration without a date
_SAYS_YES = re.compile(
    r"^\W*(?:vi|\w+\s+(?:kommun|stad))\s+(?:kommer|deltar|är\s+med|anmäler\s+oss|vill\s+(?:gärna\s+)?delta)"
    r"(?:\s+gärna)?\W*$",
    re.I | re.M,
)


# "Vi vill gärna ha med en tjänsteman också om det går bra": asking leave for something the invitation does not offer
_ASKS_LEAVE = re.compile(
    r"(?:tjänste(?:man|män|person)|kommundirektör|sekreterare|assistent|ersättare|fler\s+än|en\s+fjärde|fyra\s+(?:personer|st)"
    r"|ta\s+med|ha\s+med|följa\s+med)[^.?!\n]{0,60}(?:om\s+det\s+(?:går|är\s+(?:ok|okej|möjligt|tillåtet))|om\s+möjligt)"
    r"|(?:om\s+det\s+(?:går|är\s+(?:ok|okej|möjligt|tillåtet))|om\s+möjligt)[^.?!\n]{0,60}"
    r"(?:tjänste(?:man|män|person)|kommundirektör|sekreterare|assistent|ersättare|fler|ta\s+med|ha\s+med|följa\s+med)",
    re.I,
)


# "lämnar återbud", "avstår", "tackar nej", "kommer inte att delta": the delegation declines.
_DECLINES = (
    r"(?:lämna\w*\s+återbud|avstå\w*|avböj\w*|tacka\w*\s+nej|hoppa\w*\s+över"
    r"|(?:kommer|kan|har)\s+(?:\w+\s+){0,2}inte\s+(?:att\s+)?(?:kunna\s+|möjlighet\s+att\s+)?"
    r"(?:delta|deltaga|komma|närvara|medverka)|deltar\s+inte)"
)


def _sends_regrets(text: str, municipality: str | None) -> bool:
    """ "Vi får tyvärr lämna återbud", "Sundbyberg avstår": the whole delegation, on no date.

    Only with the municipality or "vi" as subject: "Anna lämnar återbud" is one
    person; and not about one date: "vi kan inte delta den 19/9" picks another.
    """
    who = r"vi|kommunen" + (rf"|{re.escape(municipality)}\w*(?:\s+kommun|\s+stad)?" if municipality else "")
    if municipality and re.search(rf"\bstryk\s+{re.escape(municipality)}\b", text, re.I):
        return True  # "Stryk Danderyd helt"
    for found in re.finditer(rf"\b(?:{who})\s+(?:\w+\s+){{0,2}}{_DECLINES}", text, re.I):
        if "återbud" in found.group(0).lower() or not find_dates(clause_at(text, found.end() - 1)):
            return True
    return False


def asks_question(text: str, sentences: list[Span], reader: str = "") -> bool:
    """Whether the writer asks the coordinator (`reader`, her first name) something she must answer."""
    for n, sentence in enumerate(sentences):
        own = text[sentence.start : sentence.end].strip()
        if _COURTESY_QUESTION.search(own) or (n > 0 and _to_someone_else(own, reader)):
            continue
        if own.endswith("?") and _answered_at_once(text, sentence, sentences[n + 1 : n + 2], own):
            continue
        if own.endswith("?") or _QUESTION_WORDS.search(own) or _ASKS_LEAVE.search(own) or _ASKS_FOR.search(own):
            return True
    return False


def written_to_someone_else(text: str, reader: str) -> str | None:
    """ "Lena, kan du anmäla Anders och mig …": a mail whose first words ask another person."""
    # a name and a comma, then "du" or a request: not "Hoppsan, det blev fel" or "Sorry, glömde partiet"
    return _addressee(text, r"\s+(?:du|ni|kan|kunde|skulle|vill|glöm|fråga|ring|boka|skicka|anmäl)\b", reader)


def _to_someone_else(sentence: str, reader: str) -> bool:
    """ "Yusuf, du står på kopia – kan du stämma av med Marita …?": asked of a colleague by name."""
    return _addressee(sentence, "", reader) is not None


def _addressee(text: str, then: str, reader: str) -> str | None:
    """The name a text opens by addressing ("Name," and what `then` asks to follow), when it is not the reader's."""
    called = re.match(rf"\W*([A-ZÅÄÖ][a-zåäöé]+)\s*,{then}", text)
    if called is None or not reader or called.group(1).casefold() in {reader.casefold(), *NOT_NAMES}:
        return None
    return called.group(1)


def _answered_at_once(text: str, sentence: Span, following: list[Span], own: str) -> bool:
    """The writer's own answer follows in the same paragraph: "Jo, …", "Det stod ju …", or a date for "vilket datum"."""
    after = text[sentence.end : following[0].end] if following else ""
    if not after.strip() or "\n\n" in text[sentence.end : sentence.end + len(after) - len(after.lstrip())]:
        return False
    return bool(
        _ANSWERED.match(after)
        or _ONE_WORD_WHY.search(own)
        or (_WH_QUESTION.search(own) and re.search(r"\b(?:datum|dag|tillfälle)\b", own, re.I) and find_dates(after))
    )


def cancels(text: str, municipality: str | None) -> bool:
    """ "Vi avbokar", "Nacka lämnar återbud", "vi avstår": the whole delegation withdraws.

    Not a sentence about the information meeting alone: that withdraws its attendee (`cancels_info`).
    """
    meant = [s for s in _sentences(text) if not _about_info_only(s)]
    return any(_CANCEL.search(s) for s in meant) or _sends_regrets("\n".join(meant), municipality)


_INFO_WORD = re.compile(r"informationsmöt|infomöt|kso-möt|\binfo(?:rmation)?\s+meeting", re.I)
_DIALOG_WORD = re.compile(r"dialog|\bbåda\b|\bbägge\b|\balla\b", re.I)
_WITHDRAWS = re.compile(
    rf"återbud|avbok|avanmäl|stryk|strykas|utgår|{_DECLINES}|har\s+(?:\w+\s+)?förhinder|går\s+(?:\w+\s+)?inte",
    re.I,
)


def _about_info_only(sentence: str) -> bool:
    return bool(_INFO_WORD.search(sentence)) and not _DIALOG_WORD.search(sentence)


# "vi kan behöva avboka …", "vi kanske måste ställa in": a cancellation that may come, not one yet
_MAY_CANCEL = re.compile(
    r"\b(?:kan|kommer\s+att|riskerar\s+att)\s+(?:\w+\s+)?(?:behöva|tvingas|få)\s+(?:att\s+)?(?:avboka|avanmäla|ställa\s+in|stryka)"
    r"|\b(?:kanske|eventuellt|troligen|möjligen)\s+(?:\w+\s+){0,2}(?:avboka|avanmäla|ställa\s+in|stryka)",
    re.I,
)


def may_cancel(text: str) -> bool:
    return _MAY_CANCEL.search(text) is not None


def withdraws_in(sentence: str) -> bool:
    """Whether the sentence cancels the registration ("Vi avbokar alltså hela anmälan (…)")."""
    return _CANCEL.search(sentence) is not None


def cancels_info(text: str) -> bool:
    """ "Min anmälan till informationsmötet kan strykas", "återbud till infomötet": that attendee withdraws."""
    return any(_about_info_only(s) and _WITHDRAWS.search(s) for s in _sentences(text))


def _sentences(text: str) -> list[str]:
    return [text[span.start : span.end] for span in split_sentences(text)]


def says_yes(text: str) -> bool:
    return _SAYS_YES.search(text) is not None
