"""Why a careful reader would not confirm a delegation as written: each finding is a doubt, sent to a person."""

from __future__ import annotations

import re

from mailbot.core.model import Participant, Swap
from mailbot.core.understand.parties import PartyLexicon
from mailbot.core.understand.sentences import between_stops, clause_at

_EARLIER = re.compile(r"tidigare|förra|ursprunglig\w*|utgår|första\s+anmälan", re.I)


_NUMBERS = {"en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6}


_COUNT = re.compile(
    # not "vi blir två moderater": that counts a party
    r"\b(?:vi\s+blir|blir\s+vi|är\s+vi|kommer\s+vi\s+att\s+vara)\s+(?:bara\s+|endast\s+)?(?P<a>en|ett|två|tre|fyra|fem|sex|[1-6])\b"
    r"(?!\s+(?:moderater|socialdemokrater|sossar|centerpartister|liberaler|vänsterpartister|miljöpartister"
    r"|kristdemokrater|sverigedemokrater|från\s+samma))"
    r"|\b(?:med|anmäler|följande)\s+(?P<b>två|tre|fyra|fem|sex|[2-6])\s+(?:deltagare|personer|politiker|ledamöter|förtroendevalda)\b"
    r"|\b(?:vi\s+)?(?:kommer|deltar)\s+(?:vi\s+)?(?P<c>två|tre|fyra|fem|sex|[2-6])\s+(?:st\b|stycken|personer|politiker)",
    re.I,
)


# "… och en från V", "+ 1 från V (namn kommer)": someone counted but not named
_UNNAMED = re.compile(
    r"(?:\boch|\bsamt|\+|,)\s*(?:en|ett|1|\+\s*1)\s+(?:till\s+)?(?:person\s+|ledamot\s+|politiker\s+)?från\s+\w+"
    # "en tredje person kommer också" (not "En tredje person återkommer vi om", "meddelas senare": a promise)
    r"|\+\s*1\b|\ben\s+(?:tredje|till)\s+(?:person|deltagare|ledamot)\s+kommer\b(?!\s+(?:senare|att\s+meddelas))",
    re.I,
)


# "Anna Berg (S/MP)", "(V eller MP, jag dubbelkollar)": which party?
_TWO_PARTIES = re.compile(r"\(\s*([\w-]{1,25})\s*(?:/|\beller\b)\s*([\w-]{1,25})\s*(?:[,;][^)\n]{0,60})?\)")
# "Tuija Mäkinen (C) eller Sten Ljungdahl (L) – de gör upp sinsemellan": one seat, two people
_EITHER_PERSON = re.compile(r"\)\s*,?\s*eller\s+(?:\w+\s+){0,2}[A-ZÅÄÖ][\w-]+\s+[A-ZÅÄÖ][\w-]+")
# "under förutsättning att kommunstyrelsen godkänner", "om KS beslutar det på tisdag", "jag bekräftar efter
# sammanträdet": the registration hangs on a decision still to come
_CONDITIONAL = re.compile(
    r"\bunder\s+förutsättning|\bförutsatt\s+att|\bi\s+väntan\s+på\s+(?:beslut|besked)"
    r"|\bom\s+(?:ks|kommunstyrelsen|presidiet|fullmäktige|kf|nämnden|gruppledarna)\s+(?:\w+\s+){0,2}"
    r"(?:godkänner|beslutar|säger\s+ja|ger\s+klartecken|tillstyrker)"
    r"|\bbekräftar\s+(?:\w+\s+){0,3}(?:efter|när)\s+(?:\w+\s+)?(?:sammanträdet|beslutet|ks-mötet)"
    r"|\bslutlig\w*\s+anmälan|\binte\s+(?:helt\s+)?(?:klart|bestämt|spikat|beslutat)\s+(?:ännu|än)\b",
    re.I,
)
# what a condition must be said of to bind the registration: the mail's own coming, not the region question
_ABOUT_COMING = re.compile(
    r"anmäl|deltag|\bdelta\b|\bkommer\b|dialog|tillfälle|\bdetta\b|\bnamnen\b|\bplats\w*|\bdatum\w*", re.I
)


def _conditional_registration(text: str) -> bool:
    """ "Vi anmäler … under förutsättning att KS godkänner": not "remissvaret … positivt, under förutsättning att
    resurserna följer med", a condition on the region itself."""
    for found in _CONDITIONAL.finditer(text):
        start, end = between_stops(text, found.start(), found.end())
        if _ABOUT_COMING.search(text[start:end]):
            return True
    return False


# "och kanske även Ibrahim Sahin (C)", "Ibrahim Sahin (C) kommer kanske": one who may or may not come
# (not "som du kanske vet": no one named there)
_MAYBE_PERSON = re.compile(
    r"\bkanske\s+(?:även\s+|också\s+|dessutom\s+)?(?:\w+\s+){0,2}[A-ZÅÄÖ][\w-]+\s+[A-ZÅÄÖ]"
    r"|\)\s*(?:kommer|deltar|följer\s+med)\s+kanske\b",
)


# "någon av de sista dagarna", "vi tar första bästa": the choice left open
_ANY_SESSION = re.compile(
    r"\bnågon\s+av\s+(?:de|dem|era|dagarna|tillfällena|datumen)|första\s+bästa|vilken\s+(?:dag|som)\s+som\s+helst"
    r"|\bvalfri\w*\s+(?:dag|tillfälle|datum)|spelar\s+ingen\s+roll\s+vilken",
    re.I,
)


# Finnish shows in its double vowels and endings ("Ilmoitamme … osallistujat dialogitilaisuuteen"),
# which Swedish and English words seldom have.
_FINNISH_WORD = re.compile(r".*(?:aa|ee|ii|uu|yy|ää|öö).*|.*(?:mme|tte|ssä|stä|llä|ksi|isin|een)", re.I)


def _reads_as_swedish_or_english(text: str) -> bool:
    """A Finnish mail is for a person to read: many of its lower-case words look Finnish."""
    words = [w for w in re.findall(r"[^\W\d_]{4,}", text) if w.islower()]  # names and parties are capitalised
    finnish = [w for w in words if _FINNISH_WORD.fullmatch(w)]
    return len(finnish) < 3 or len(finnish) < 0.3 * len(words)


# "eventuellt Kim Ro (V)", "preliminärt": a delegation not yet settled
# ("kanske" is left out: "som du kanske vet", "ni har kanske fått" are small talk, not doubt)
_TENTATIVE = re.compile(r"\b(?:eventuellt|preliminär\w*|troligen|troligtvis|möjligen|ev\.)\s", re.I)


def _stated_count(text: str) -> int | None:
    """ "Vi blir tre", "med två politiker": how many people the sender says come (a check on the reading).

    Not a count of an earlier registration: "vår tidigare anmälan med fyra deltagare utgår".
    """
    found = next(
        (m for m in _COUNT.finditer(text) if not _EARLIER.search(clause_at(text, m.start()))),
        None,
    )
    if not found:
        return None
    word = (found.group("a") or found.group("b") or found.group("c")).lower()
    return int(word) if word.isdigit() else _NUMBERS[word]


# "Peder Ahlqvist (Lidingöpartiet)", "(NL)": a party the invitation does not know
_PARTY_LIKE = re.compile(
    r"[A-ZÅÄÖ][\w-]+(?:\s+[A-ZÅÄÖ][\w-]+)+\s*\(\s*(\w*(?:parti\w*|listan|alliansen|rörelsen)|[A-ZÅÄÖ]{2,4}|[A-ZÅÄÖ][a-zåäö])\s*\)"
    # "Shirin Moradi, Miljöparti": a party-like word after the name on a list line
    r"|^[ \t•*-]*[A-ZÅÄÖ][\w-]+(?:\s+[A-ZÅÄÖ][\w-]+)+\s*[,–-]\s*(\w*parti\w*)\s*$",
    re.M,
)


# "Feministiskt initiativ", "politisk vilde, alltså partilös": a party the invitation does not know, or none
_NO_INVITED_PARTY = re.compile(
    r"\bfeministiskt\s+initiativ\b|\bpiratpartiet\b|\bpolitisk\s+vilde\b|\bpartilös\b|\bpartipolitiskt\s+obunden\b"
    r"|\blämnade\s+(?:partiet|sitt\s+parti)\b",
    re.I,
)


_NOT_COMING = re.compile(
    r"\b(?:deltar|kommer|följer)\s+(?:\w+\s+)?(?:inte|ej)\b|\binte\s+(?:med|delta)\b"
    r"|\b(?:avstår|avböjer|står\s+över|hoppar\s+över)\b",  # "V och Feministiskt initiativ avstår den här gången"
    re.I,
)


def _of_one_coming(text: str, found: re.Match[str]) -> bool:
    """ "Kent Sjöholm (partilös) deltar alltså inte": what is said of one who does not come raises no doubt."""
    return not _NOT_COMING.search(clause_at(text, found.start()))


def delegation_doubts(
    text: str,
    dialog: list[Participant],
    swaps: list[Swap],
    chooses: bool,
    lexicon: PartyLexicon,
    *,
    several_days: bool = False,
) -> list[str]:
    """The doubts about who comes: counts that do not add up, half names, two parties, no choice, another language."""
    doubts: list[str] = []
    stated = _stated_count(text)
    if stated is not None and dialog and stated != len(dialog) and not swaps:
        doubts.append(f"texten säger {stated} deltagare men {len(dialog)} kunde läsas ut")
    if any(len(p.name.split()) < 2 for p in dialog):
        doubts.append("en deltagare anges bara med förnamn eller efternamn")
    if any(len({lexicon.resolve(a), lexicon.resolve(b)} - {None}) == 2 for a, b in _TWO_PARTIES.findall(text)):
        doubts.append("en deltagare anges med två partier")
    if not chooses and _ANY_SESSION.search(text):
        doubts.append("tillfället lämnas öppet, inget datum väljs")
    if not _reads_as_swedish_or_english(text):
        doubts.append("texten är varken på svenska eller engelska")
    # "Kent Sjöholm (partilös) deltar alltså inte": one who does not come needs no party
    written = [m.group(1) or m.group(2) for m in _PARTY_LIKE.finditer(text) if _of_one_coming(text, m)]
    unknown = [w for w in written if not lexicon.resolve(w) and not lexicon.misspelt(w)]
    if unknown and not any(w.lower() in {"kso", "ks", "kf"} for w in unknown):
        doubts.append(f"partiet {unknown[0]} finns inte bland inbjudans partier")
    if dialog and (other := next((m for m in _NO_INVITED_PARTY.finditer(text) if _of_one_coming(text, m)), None)):
        doubts.append(
            f"en deltagare har ett parti som inte finns bland inbjudans partier, eller inget ({other.group(0)})"
        )
    if dialog and _UNNAMED.search(text):
        doubts.append("en deltagare anges utan namn")
    if dialog and _TENTATIVE.search(text) and not several_days:  # "troligen den 19 eller 22": the notice asks for one
        doubts.append("anmälan är preliminär eller osäker")
    elif dialog and (_conditional_registration(text) or _MAYBE_PERSON.search(text)):
        doubts.append("anmälan är villkorad eller osäker")
    if dialog and _EITHER_PERSON.search(text):
        doubts.append("en plats anges med två personer, den ena eller den andra")
    return doubts
