"""The sender's own words: the visible text minus quoted mail, signatures and footers.

Hand-written because the libraries measured (mail-parser-reply, talon,
email-reply-parser) each drop registration lines in realistic Swedish mail
("- Anna Andersson (S)" read as a signature, Outlook's Swedish header block
not seen as a quote).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from mailbot.core.html import QUOTE_MARK, html_to_text, text_and_strikes
from mailbot.core.mail import Mail
from mailbot.core.tables import info_column, tab_tables, turned_upright
from mailbot.core.wrapping import unwrapped

_FORWARD_SUBJECT = re.compile(r"^\s*(?:(?:vb|vs|fw|fwd|vidarebefordra[dt]?)\s*:\s*)", re.I)
_REPLY_OR_FORWARD = re.compile(r"^\s*(?:(?:re|sv|svar|vb|vs|fw|fwd|aw|antw)\s*(?:\[\d+\])?\s*:\s*)+", re.I)

_SEPARATOR = re.compile(
    r"^\s*[-_=*]{2,}\s*(?:ursprungligt\s+meddelande|original\s*message|originalmeddelande"
    r"|originalmeddelandet|vidarebefordrat\s+meddelande|forwarded\s+message|vidarebefordrat\s+brev"
    r"|videresendt\s+melding|weitergeleitete\s+nachricht|svarsmeddelande)\s*[-_=*]*\s*$",
    re.I,
)
_FORWARD_SEPARATOR = re.compile(r"vidarebefordra|forward|videresend|weitergeleitet", re.I)
_FORWARD_INTRO = re.compile(
    r"^\s*(?:begin\s+forwarded\s+message|början\s+(?:på|av)\s+(?:ett\s+)?vidarebefordrat\s+(?:meddelande|brev|mejl)"
    r"|vidarebefordrat\s+(?:meddelande|brev|mejl)|forwarded\s+message)\s*:?\s*$",
    re.I,
)
_HEADER_FROM = re.compile(r"^\s*\**\s*(?:från|from|fr\.|av)\s*\**\s*:\s*\**", re.I)
_HEADER_OTHER = re.compile(
    r"^\s*\**\s*(?:skickat|sent|datum|date|till|to|ämne|subject|ärende|kopia|cc|svara till"
    r"|reply-to|importance|prioritet|bifogade filer|attachments)\s*\**\s*:",
    re.I,
)
_ATTRIBUTION_END = re.compile(r"\b(?:skrev|wrote|schrieb|a écrit|kirjoitti)\b(?:[^\n]{0,160}:|\s*:?)\s*$", re.I)
_ATTRIBUTION_HINT = re.compile(r"@|\d{1,2}[:.]\d{2}|\d{4}|^\s*(?:den|on|am|le)\s", re.I)
_GROUPWISE = re.compile(r"^\s*>>>.*(?:>>>|\d{1,2}[:.]\d{2})\s*$")
_NOTES = re.compile(r"^.{2,80}-{2,3}\s*\d{4}-\d{2}-\d{2}.*-{2,3}|^\s*-{3,}.*(?:skrev|wrote).*-{3,}\s*$", re.I)
_UNDERSCORES = re.compile(r"^\s*_{8,}\s*$")

_CLOSING_WORDS = (
    r"(?:med\s+)?(?:v[äa]nlig|v[äa]nliga|v[äa]nligen|bästa|varma|varmaste|m[åa]nga|glada|soliga)\s+(?:h[äa]lsning|h[äa]lsningar|h[äa]lsn)"
    r"|mvh|m\.v\.h\.?|vh|vhälsn|h[äa]lsningar|h[äa]lsning|h[äa]lsn\.?|hälsar|tack\s+och\s+h[äa]lsningar|bästa\s+hälsning\w*"
    r"|ha\s+det\s+(?:bra|gott|fint)|trevlig\s+(?:dag|helg|sommar|eftermiddag)|tack\s+på\s+förhand"
    r"|best\s+regards|kind\s+regards|regards|cheers|tack"
)
# A closing line, alone or followed on the same line by the sender's name (and title or party).
_CLOSING = re.compile(
    rf"^\s*(?:(?:{_CLOSING_WORDS}|vänligen)(?:[\s,.!/]*$|[\s,.!/]+(?:(?-i:[A-ZÅÄÖ])|(?:{_CLOSING_WORDS}))[^\d@]{{0,60}}$)"
    r"|hälsningar\s+från.*|(?:(?:mvh|hälsningar|hälsning)[\s,]+)?/\s*\w+(?:\s+\w+)?[\s,.!]*$"
    # "/Marita Lund (S), ks-ordf": a slash sign-off with party and title
    r"|(?:(?:mvh|hälsningar|hälsning)[\s,]+)?/\s*(?-i:[A-ZÅÄÖ])[\w-]+(?:\s+(?-i:[A-ZÅÄÖ])[\w-]+)?\s*(?:\([^)\n]{1,25}\))?\s*,[^\n\d@]{0,60}$"
    r"|(?:(?:mvh|hälsningar|hälsning)[\s,]+)?/\s*(?-i:[A-ZÅÄÖ])[\w-]+(?:\s+(?-i:[A-ZÅÄÖ])[\w-]+)?\s*\([^)\n]{1,25}\)[\s.]*$)",
    re.I,
)
_SIGNATURE_DASHES = re.compile(r"^--\s*$")
_POSTSCRIPT = re.compile(r"^\s*p\.?\s?s\.?(?:\s|:|$)", re.I)
_SIGN_OFF = re.compile(rf"^\s*(?:(?:{_CLOSING_WORDS}|vänligen)\b[\s,.!]*|--\s*)?/?\s*", re.I)
_MOBILE = re.compile(
    r"^\s*(?:(?:skickat|sent|skickad|hämta|get|envoyé)\s+(?:från|from|med|via|depuis|för|for)\s+"
    r"(?:min|my|mitt|outlook|yahoo|samsung|iphone|ipad|android|gmail|mail)|(?:hämta|get)\s+outlook\b)",
    re.I,
)
_FOOTER = re.compile(
    r"tänk på miljön|detta e-?(?:post|mail)(?:meddelande)?\s+(?:kan|är|och)|e-?post(?:meddelanden)?\s+som\s+"
    r"(?:skickas|inkommer)|allmän\s+handling|diarieför|this\s+e-?mail|confidential|konfidentiell"
    r"|personuppgift|dataskydd|gdpr|om du (?:har )?fått detta"
    r"|virus(?:kontroll|fri)|disclaimer|please consider the environment",
    re.I,
)
_GREETING = re.compile(
    r"^\s*(?:hej|hejsan|hallå|god\s+(?:morgon|dag|eftermiddag)|tjena|hi|hello|dear|bästa|kära)\b[^.!?\n]{0,40}[,!.]?\s*$",
    re.I,
)
_POINTER = re.compile(
    r"nedan|nedanstående|underlag\s+nedan|vidarebefordra|fyi|för\s+kännedom|se\s+mejl|se\s+mail"
    r"|se\s+mailet|se\s+mejlet|enligt\s+önskemål|skicka[rs]?\s+(?:\w+\s+)?vidare|se\s+(?:nedan|under)"
    r"|framgår\s+av\s+(?:det|den|bifogade|vidarebefordrade)|se\s+(?:det\s+|den\s+)?bifoga\w*\s+(?:mejl|mail|meddelande|e-post)"
    r"|\bbelow\b|\bforwarded\b",  # "See below, from the KSO office."
    re.I,
)
# "Dnr KS 2016/0291", "Till Rebecka Frej, …": filing and address lines, no words of the sender's own
_FILING_LINE = re.compile(r"\s*(?:dnr|diarienr|diarienummer|vårt\s+dnr|er\s+referens|till)\b", re.I)


@dataclass(frozen=True)
class OwnWords:
    """What the sender wrote, and where it came from."""

    text: str
    from_forward: bool = False
    quoted: str = ""
    # The lines under the sign-off ("Anna Berg / Kommunstyrelsens ordförande (M)"): who "jag" is.
    signature: str = ""
    # Who wrote a forwarded text ("Från: Lindblad Henrik"), when it is read instead of the sender's own
    writer_name: str = ""


def visible_text(mail: Mail) -> str:
    """text/plain when it says something, else the HTML as text."""
    plain = unwrapped(_normalise(mail.plain))
    if _meaningful(plain):
        return plain
    if mail.html.strip():
        return _normalise(html_to_text(mail.html))
    return plain


def _chosen_text(mail: Mail) -> str:
    """The visible text, but the HTML when only it keeps a table the plain part flattened."""
    text = visible_text(mail)
    if mail.html.strip() and mail.plain.strip():
        rendered, struck = text_and_strikes(mail.html)
        html_text = _normalise(rendered)
        if struck:
            return html_text  # "det som står kvar är vårt val": only the HTML shows what was struck out
        html_rows = _table_rows(html_text)
        if html_rows >= 2 and _table_rows(text) == 0:
            return html_text
        if html_rows >= 2 and _MERGED_CELL.search(mail.html):
            return html_text  # "S" merged over two rows: the plain part gives it to the first row only
        if (
            _table_rows(html_text, quoted_too=True) >= 2
            and _table_rows(text, quoted_too=True) == 0
            # "*19 sept 15.00–17.00*": a row the plain part marks in bold, which the HTML as text does not show
            and not any(re.fullmatch(r"\*[^*]+\*", line.strip()) for line in _split_quote(text.split("\n"))[0])
        ):
            # "jag skickar den igen – se nedan": the sender's own earlier mail, whose table only the HTML keeps
            return html_text
    return text


_MERGED_CELL = re.compile(r"<t[dh]\b[^>]*\browspan\s*=\s*[\"']?\s*[2-9]", re.I)


def _table_rows(text: str, *, quoted_too: bool = False) -> int:
    lines = text.split("\n")
    own, _, _ = _split_quote(lines)
    return sum(1 for line in (lines if quoted_too else own) if " | " in line)


def own_words(mail: Mail) -> OwnWords:
    """The sender's own text; a forward with no text of its own is read from its forwarded part."""
    lines = _chosen_text(mail).split("\n")
    own, cut, forward_cut = _split_quote(lines)
    quoted = "\n".join(lines[cut:]) if cut is not None else ""
    text, signature = _strip_signature(own)
    if not signature:
        text, signature = _senders_own_name_last(text, mail.from_name)
    if _is_empty_or_pointer(text) and _is_forward(mail, forward_cut):
        forwarded = _forwarded_words(mail, lines, cut, quoted)
        if forwarded is not None:
            return forwarded
    if cut is not None and _INLINE_ANSWERS.search(text) and (answers := _answers_in_quote(lines[cut:])):
        # "Se mina svar i blått nedan": Outlook quotes without marks, so the answers are the lines
        # in the quote that speak as the sender ("Nacka väljer 26 sept", "Mats Gustafsson (M) … kommer")
        if _SAME_AS_BELOW.search(" ".join(answers)) and (earlier := _own_earlier_mail(lines[cut:], mail)):
            # "Deltagarna är desamma som i tabellen nedan": the people of the sender's own earlier mail
            answers += _people_lines(earlier)
        return OwnWords(text="\n".join([text, "", *answers]), quoted=quoted, signature=signature)
    # the sender's own earlier mail is found by its From line or attribution, wherever it stands in the thread
    if _REST_AS_BELOW.search(text) and (earlier := _own_earlier_mail(lines, mail)):
        # "Johan Wiklund är centerpartist. I övrigt gäller anmälan som nedan": the earlier mail, with the mending
        earlier_text, _ = _strip_signature(earlier)
        return OwnWords(text="\n".join([text, "", earlier_text]), quoted=quoted, signature=signature)
    if _PEOPLE_BELOW.search(text) and (earlier := _own_earlier_mail(lines, mail)):
        # "Botkyrka väljer den 26 september. Deltagare enligt vår anmälan nedan": the people of the earlier mail
        return OwnWords(text="\n".join([text, "", *_people_lines(earlier)]), quoted=quoted, signature=signature)
    if _is_empty_or_pointer(text) and (earlier := _own_earlier_mail(lines, mail)):
        # "Då gäller vår anmälan enligt nedan": the sender's own earlier mail in the thread stands
        earlier_text, earlier_signature = _strip_signature(earlier)
        return OwnWords(text=earlier_text, from_forward=True, quoted=quoted, signature=earlier_signature or signature)
    answers = _answers_in_quote(lines[cut:]) if cut is not None and _is_empty_or_pointer(text) else []
    if answers and not _is_forward(mail, forward_cut) and any(_PERSON_WITH_PARTY.search(a) for a in answers):
        # "Hej! Se nedan." over the invitation with "<<< Vaxholm kommer detta datum: …" typed into a row
        return OwnWords(text="\n".join([text, "", *answers]), quoted=quoted, signature=signature)
    if _is_forward(mail, forward_cut) and _PEOPLE_FORWARDED.search(text) and len(_PERSON_WITH_PARTY.findall(text)) <= 1:
        # "här är Stockholms stads deltagare till dialogen den 26 september, se nedan": the day is the
        # forwarder's, the people are in the forwarded mail ("svaret från vår KSO Ingrid Bergfors (M) –
        # anmälan nedan gäller": one named is whose answer it is, not a delegation)
        forwarded = _forwarded_words(mail, lines, cut, quoted)
        if forwarded is not None and len(_PERSON_WITH_PARTY.findall(forwarded.text)) > len(
            _PERSON_WITH_PARTY.findall(text)
        ):
            return dataclasses.replace(forwarded, text="\n".join([text, "", forwarded.text]))
    return OwnWords(text=text, quoted=quoted, signature=signature)


def _forwarded_words(mail: Mail, lines: list[str], cut: int | None, quoted: str) -> OwnWords | None:
    """The words of the mail forwarded: attached as a message, or inline below a header block."""
    if mail.forwarded:
        inner = own_words(mail.forwarded[0])
        return OwnWords(
            text=inner.text,
            from_forward=True,
            quoted=quoted,
            signature=inner.signature,
            writer_name=inner.writer_name or mail.forwarded[0].from_name,
        )
    if cut is None:
        return None
    inner_lines = _after_header_block(_unquoted(lines[cut:]))
    inner_own, _, _ = _split_quote(inner_lines)
    inner_text, inner_signature = _strip_signature(inner_own)
    return OwnWords(
        text=inner_text,
        from_forward=True,
        quoted=quoted,
        signature=inner_signature,
        writer_name=_forwarded_writer(_unquoted(lines[cut:])),
    )


# "här är Stockholms stads deltagare …, se nedan", "Se nedan – gäller vår anmälan till den 22 september"
_PEOPLE_FORWARDED = re.compile(
    r"\b(?:deltagare|deltagarna|anmälan|namnen|personerna|politikerna)\b[^.\n]{0,80}?"
    r"(?:\bnedan\b|\bbifogade\b|\bvidarebefordrade\b)"
    r"|\bse\s+(?:nedan|det\s+vidarebefordrade)\b[^.\n]{0,40}?\b(?:anmälan|deltagare|deltagarna|dialogen)\b",
    re.I,
)
_PERSON_WITH_PARTY = re.compile(
    r"[A-ZÅÄÖ][\w-]+\s+[A-ZÅÄÖ][\w-]+\s*(?:\(|,\s*|/|\s[–-]\s)\s*(?i:s|m|l|c|v|kd|mp|sd|fp)\b"
)
_INLINE_ANSWERS = re.compile(
    r"svar(?:en)?\s+(?:i\s+(?:blått|blå|rött|röd|grönt|fetstil|texten)|(?:inne|direkt)\s+i\s+(?:texten|inbjudan|mejlet))"
    # "Vi har skrivit in Värmdös svar direkt i inbjudan nedan, med blått"
    r"|\b(?:med|i)\s+(?:blått|blå\s+text|rött|röd\s+text|grönt|fetstil)\b"
    r"|mina\s+svar\s+(?:nedan|i\s+\w+)|svara[rt]\s+(?:i|direkt\s+i|inne\s+i)\s+(?:texten|inbjudan|mejlet)"
    # "Hej Rebecka, svar nedan.", "en ändring inlagd i er bekräftelse nedan"
    r"|\bsvar\s+nedan\b|\b(?:ändring\w*|rättelse\w*|svar\w*)\s+(?:\w+\s+){0,2}(?:inlag[dt]|insatt|inskriv\w*)\s+i\b"
    # "Norrtälje kommuns svar finns inskrivet i din text nedan"
    r"|svar\w*\s+(?:\w+\s+){0,2}(?:inskriv\w*|insatt\w*)\s+i\s+(?:din\s+|er\s+)?(?:text\w*|inbjudan|mejlet)"
    r"|(?:my\s+)?answers\s+(?:below|inline|in\s+(?:blue|red))",
    re.I,
)
_ANSWER_LINE = re.compile(
    r"^\s*\[[^\]\n]{2,40}\]"  # "[Niklas Berg] Vi menade …"
    r"|^\s*\[[A-ZÅÄÖ][\w -]{1,30}:"  # "[Värmdö: Vi väljer 22 sept …]"
    r"|\b[A-ZÅÄÖ][\w-]+\s+[A-ZÅÄÖ][\w-]+\s*\((?:[SMLCV]|KD|MP|SD)\)"  # "Mats Gustafsson (M)"
    r"|^\s*(?:vi|jag)\s+(?:väljer|tar|kommer|anmäler|deltar|menade|menar)\b",
    re.I,
)


_PEOPLE_BELOW = re.compile(
    # "Deltagare och informationsmöte enligt mitt mejl nedan"
    # "Deltagarna är desamma som i mitt mejl nedan", "samma deltagare som i mitt mejl nedan"
    r"(?:\b(?:deltagare|deltagarna|namnen|personerna)(?:\s+(?:och|samt)\s+[\wåäö-]+)?\s+(?:är\s+)?"
    r"(?:(?:desamma|samma|de\s+samma)\s+)?|\bsamma\s+(?:deltagare|personer|namn)\s+)"
    r"(?:enligt|som\s+i)\s+(?:(?:vår|vårt|den|det|min|mitt)\s+)?"
    r"(?:tidigare\s+)?(?:anmälan|mejl\w*|mail\w*|listan|meddelande\w*)?\s*(?:nedan|ovan|nedanför)",
    re.I,
)
_REST_AS_BELOW = re.compile(
    r"\bi\s+övrigt\s+(?:gäller\s+)?(?:(?:vår\s+)?anmälan\s+|allt\s+|det\s+)?(?:som|enligt)\s+(?:nedan|tidigare|förut)"
    r"|\b(?:resten|övrigt)\s+(?:gäller\s+|är\s+)?(?:som|enligt)\s+(?:nedan|i\s+mitt\s+(?:mejl|mail))",
    re.I,
)
_SAME_AS_BELOW = re.compile(
    r"\b(?:desamma|samma)\s+som\s+(?:i\s+)?(?:tabellen\s+|listan\s+)?(?:nedan|ovan|tidigare)", re.I
)


def _answers_in_quote(quoted: list[str]) -> list[str]:
    """The lines of an unmarked quote that speak as the sender: names with parties, "vi väljer …".

    An answer that points at the line it was typed under ("Vi väljer detta datum") brings that line along.
    """
    answers: list[str] = []
    marked = False  # whether a ">" line came before: a line without the mark after one is typed into the quote
    for i, line in enumerate(quoted):
        if line.lstrip().startswith(">"):
            marked = True
            continue  # a marked quote is the earlier mail's, whatever it says
        typed_in = marked and bool(line.strip())
        if not (_ANSWER_LINE.search(line) or _names_own_choice(line) or typed_in):
            continue
        above = next((quoted[j] for j in range(i - 1, -1, -1) if quoted[j].strip()), "")
        if _POINTS_ABOVE.search(line) and above:
            answers.append(f"{above.strip()}: {line.strip()}")
        else:
            answers.append(line)
    return answers


# "Vi väljer detta datum", "den här tiden passar": the answer means the row it was typed under
_POINTS_ABOVE = re.compile(
    r"\b(?:detta|det\s+här|denna|den\s+här)\s+(?:datum|dag|tillfälle|tid|alternativ|rad)\w*\b", re.I
)


def _people_lines(lines: list[str]) -> list[str]:
    """The lines of an earlier mail that name people: table rows and "Name (Party)" lines."""
    joined: list[str] = []
    for line in lines:
        if joined and joined[-1].strip() and re.match(r"\s*\(", line):
            joined[-1] = f"{joined[-1].rstrip()} {line.strip()}"  # "… Tove Jernberg" / "(Liberalerna)": wrapped
        else:
            joined.append(line)
    picked: list[str] = []
    for line in joined:
        if " | " in line or _ANSWER_LINE.search(line):
            picked.append(line)
        elif line.strip().endswith(":") and len(line.split()) <= 8:
            # "Dialog fredag 23/9:": the list's heading says which meeting; its day is the earlier mail's, not read
            picked.append("Informationsmötet:" if re.search(r"informationsmöt|infomöt", line, re.I) else "Deltagare:")
    return picked


def _names_own_choice(line: str) -> bool:
    return bool(re.search(r"^\s*[A-ZÅÄÖ][\w-]+\s+(?:väljer|tar|anmäler|kommer|deltar)\b", line))


def _senders_own_name_last(text: str, sender: str) -> tuple[str, str]:
    """ "… skickar Per Lund (M) och Eva Ek (C).\n\nAnna Berg (S)" from Anna Berg: her name signs the mail."""
    head, _, last = text.rstrip().rpartition("\n\n")
    lines = last.strip().split("\n")
    name = re.sub(r"\s*(?:\([^)\n]{1,25}\)|,\s*[\w-]{1,25})\s*$", "", lines[0].strip().lstrip("/–- "))
    words = sorted(name.casefold().split())
    # "Malin Forsberg (M)" over "Kommunstyrelsens ordförande, Vaxholms stad": a title line or two may follow
    titled = all(len(line) <= 70 and not re.search(r"\d|\(", line) for line in lines[1:3]) and len(lines) <= 3
    if head.strip() and titled and len(words) >= 2 and words == sorted(sender.casefold().split()):
        return head.rstrip(), last.strip()
    return text, ""


def _forwarded_writer(lines: list[str]) -> str:
    """The name on the forwarded mail's From line: "Från: Lindblad Henrik", "From: Anna Berg <anna@x.se>"."""
    for line in lines[:12]:
        if _HEADER_FROM.match(line):
            name = re.sub(r"<[^>]*>|\[mailto:[^\]]*\]|\S+@\S+|\"", " ", _HEADER_FROM.sub("", line, count=1))
            return " ".join(name.split())
    return ""


def _own_earlier_mail(thread: list[str], mail: Mail) -> list[str] | None:
    """The body of the first quoted mail the same sender wrote, found by its header block's From line
    or by its attribution ("Den 16 augusti 2016 10:00 skrev Mikael Ståhl <…>:")."""
    sender = mail.from_address.lower()
    if not sender:
        return None
    names = {sender}
    if len(mail.from_name.split()) >= 2:
        names.add(" ".join(mail.from_name.split()).lower())  # "Från: Karimzadeh Hamid", Outlook's own mail
    # quoted once more under a later reply ("> Den 10 augusti … skrev Linnéa Åkesson"): read with the marks off
    flat = [re.sub(r"^\s*(?:>\s?)+", "", line) for line in thread]
    for lines in (thread, flat):
        for i, line in enumerate(lines):
            by_header = (
                _HEADER_FROM.match(line) and any(n in line.lower() for n in names) and _header_block_at(lines, i)
            )
            # or 'Den 16 augusti 2016 10:00 skrev "Mikael Ståhl" <…>:' over its ">" lines
            by_attribution = (span := _attribution_at(lines, i)) and any(
                n in " ".join(lines[i : i + span]).lower() for n in names
            )
            if by_header or by_attribution:
                return _split_quote(_after_header_block(lines[i:]))[0]  # up to the mail it quotes in turn
    return None


def subject_topic(subject: str) -> str:
    """The subject without Re:/SV:/VB: prefixes (however many)."""
    return _REPLY_OR_FORWARD.sub("", subject).strip()


def is_reply_subject(subject: str) -> bool:
    return bool(_REPLY_OR_FORWARD.match(subject))


_INLINE_SEPARATOR = re.compile(
    r"(?<=\S)[ \t]+(-{3,}\s*(?:ursprungligt\s+meddelande|original\s+message|originalmeddelande"
    r"|vidarebefordrat\s+meddelande|forwarded\s+message)\s*-{3,})[ \t]*",
    re.I,
)


def _normalise(text: str) -> str:
    # Apple Mail may send "å" as "a" and a combining ring (NFD): one letter, as every other client writes it
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    # Columns separated by tabs are table cells, as in HTML tables ("2 sept | 19 sept …" columns marked "X" read
    # into their rows first, while the empty cells still say where the mark stands).
    text = "\n".join(tab_tables(text.split("\n")))
    text = re.sub(r"(?<=\S)[ ]*\t[ \t]*(?=\S)", " | ", text)
    # So are columns aligned with spaces ("M    Madeleine Sjögren-Kallio") and a pasted list's semicolons
    # ("2016-09-26;Pia Lundén;S"), in a block of two rows or more
    text = "\n".join(info_column(turned_upright(_cells(text.split("\n")))))
    # a client that dropped every line break: the quoted mail still starts at its separator
    text = _INLINE_SEPARATOR.sub(lambda m: "\n\n" + m.group(1) + "\n", text)
    text = re.sub(r"[\u00a0\u2007\u202f\t]", " ", text)
    text = re.sub(r"[\u200b\u200c\u200d\ufeff\u00ad]", "", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


_ALIGNED = re.compile(r"(?<=\S) {3,}(?=\S)|(?<=[^\s.!?]) {2}(?=\S)")
_SEMICOLONS = re.compile(r"(?<=\S);(?=\S)")


def _cells(lines: list[str]) -> list[str]:
    """Rows of a plain-text table, with their cells set off by " | " as an HTML table's are."""

    def row(line: str) -> bool:
        if line.lstrip().startswith(">"):
            return False
        return len(_SEMICOLONS.findall(line)) >= 2 or bool(_ALIGNED.search(line.strip()))

    rows = [row(line) for line in lines]
    result = list(lines)
    for i, line in enumerate(lines):
        neighbours = (i > 0 and rows[i - 1]) or (i + 1 < len(lines) and rows[i + 1])
        if rows[i] and neighbours:
            cells = _SEMICOLONS.sub(" | ", line.strip()) if len(_SEMICOLONS.findall(line)) >= 2 else line.strip()
            result[i] = _ALIGNED.sub(" | ", cells)
    return result


def _meaningful(text: str) -> bool:
    # "[image]", "[cid:image001.png@01D1…]": the places of pictures, which the HTML part shows
    stripped = re.sub(r"\[(?:image|bild|cid:)[^\]\n]{0,80}\]", "", text, flags=re.I).strip()
    if len(stripped) < 2:
        return False
    return (
        not re.fullmatch(
            r"(?is).*(?:this (?:is an? )?(?:html|multi-?part)|html-?(?:meddelande|version|format)|i\s+html-?format"
            r"|visa i webbläsare|(?:does not|doesn't|kan inte) (?:support|visa) html).{0,80}",
            stripped,
        )
        or len(stripped) > 200
    )


_BLOCK_BREAK = "\u2063--answer--\u2063"


def _split_quote(lines: list[str]) -> tuple[list[str], int | None, bool]:
    """Own lines before the first quote header, the index of that header, and whether it is a forward.

    Lines quoted with ">" are dropped but unquoted lines between them are
    kept, so that bottom-posted and interleaved answers survive.
    """
    own: list[str] = []
    last_quoted = ""
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip() == QUOTE_MARK:
            return own, i, False
        if _SEPARATOR.match(line):
            return own, i, bool(_FORWARD_SEPARATOR.search(line))
        if _FORWARD_INTRO.match(line):
            return own, i, True
        if _GROUPWISE.match(line) or _NOTES.match(line):
            return own, i, False
        if _UNDERSCORES.match(line) and _header_block_at(lines, i + 1):
            return own, i, False
        if _header_block_at(lines, i):
            return own, i, False
        attribution = _attribution_at(lines, i)
        if attribution:
            following = _next_text_line(lines, i + attribution)
            if following is None or not lines[following].lstrip().startswith(">"):
                return own, i, False
            i += attribution
            continue
        if line.lstrip().startswith(">"):
            if own and own[-1] != _BLOCK_BREAK:
                own.append(_BLOCK_BREAK)
            if line.lstrip(" >").strip():
                last_quoted = line.lstrip(" >").strip()
            i += 1
            continue
        if last_quoted and _POINTS_UP.match(line) and not re.search(r"\b(?:inte|ej|tyvärr)\b", line, re.I):
            own.append(last_quoted)  # "> 22 sept 09.30 …" then "Den här passar oss bäst": the line answered
        if line.strip():
            last_quoted = ""  # only the first own line after a quote answers it
        own.append(line)
        i += 1
    return own, None, False


# An interleaved answer that points at the quoted line just above it
_POINTS_UP = re.compile(
    r"\s*(?:den\s+här|det\s+här|denna|detta|den\s+passar|den\s+tar\s+vi|vi\s+tar\s+den(?:na)?|vi\s+väljer\s+den(?:na)?"
    r"|här\s+kommer\s+vi|^\s*ja[,!.]?\s+(?:den|det|vi)\b)\b(?!\s+(?:den\s+)?\d)",
    re.I,
)


def _header_block_at(lines: list[str], i: int) -> bool:
    if i >= len(lines) or not _HEADER_FROM.match(lines[i]):
        return False
    window = [line for line in lines[i + 1 : i + 8] if line.strip()][:5]
    return sum(1 for line in window if _HEADER_OTHER.match(line)) >= 2


def _attribution_at(lines: list[str], i: int) -> int:
    """Length (1 or 2 lines) of a "Den … skrev:" / "On … wrote:" attribution at i, else 0."""
    line = lines[i].strip()
    if not line or line.startswith(">"):
        return 0
    if _ATTRIBUTION_END.search(line) and _ATTRIBUTION_HINT.search(line) and len(line) < 300:
        return 1
    if i + 1 < len(lines):
        joined = f"{line} {lines[i + 1].strip()}"
        if (
            _ATTRIBUTION_END.search(joined)
            and re.search(r"\b(?:skrev|wrote)\b", joined, re.I)
            and _ATTRIBUTION_HINT.search(line)
            and re.match(r"(?i)(?:den|on|am|le|\d)", line)
            and len(joined) < 300
        ):
            return 2
    return 0


def _next_text_line(lines: list[str], start: int) -> int | None:
    for j in range(start, len(lines)):
        if lines[j].strip():
            return j
    return None


def _unquoted(lines: list[str]) -> list[str]:
    """A forward quoted with ">" as a whole ("Begin forwarded message:" on an iPad): one level off."""
    body = [line for line in lines[1:] if line.strip()]
    if not body or sum(line.lstrip().startswith(">") for line in body) < 0.8 * len(body):
        return lines
    return [lines[0], *(re.sub(r"^\s*> ?", "", line) for line in lines[1:])]


def _after_header_block(lines: list[str]) -> list[str]:
    """The body of a quoted/forwarded message: skip its separator and header lines."""
    i = 0
    while i < len(lines) and (
        not lines[i].strip()
        or lines[i].strip() == QUOTE_MARK
        or _SEPARATOR.match(lines[i])
        or _FORWARD_INTRO.match(lines[i])
        or _UNDERSCORES.match(lines[i])
        or _HEADER_FROM.match(lines[i])
        or _HEADER_OTHER.match(lines[i])
        or _attribution_at(lines, i)
    ):
        i += 1
    return [line[1:].lstrip() if line.startswith(">") else line for line in lines[i:]]


_SIGNATURE_LINES = 8


_CLOSING_AT_END = re.compile(r"^(?P<text>.*\S)\s+(?P<closing>(?:mvh|hälsningar|vänliga\s+hälsningar)[\s,.!]*)$", re.I)


def _closing_on_its_own_line(lines: list[str]) -> list[str]:
    """ "Sara Ekblom (C) mvh" over "Lotta Grönlund": a closing typed at the end of the last line of text."""
    for n, line in enumerate(lines):
        found = _CLOSING_AT_END.match(line)
        if found and 0 < len([rest for rest in lines[n + 1 :] if rest.strip()]) <= 4:
            return [*lines[:n], found.group("text"), found.group("closing").strip(), *lines[n + 1 :]]
    return lines


def _strip_signature(lines: list[str]) -> tuple[str, str]:
    """Each block of own text loses its signature; interleaved answers are blocks of their own.

    Returns the text and the last signature seen (its first lines only).
    """
    blocks: list[list[str]] = [[]]
    for line in _closing_on_its_own_line(lines):
        if line == _BLOCK_BREAK:
            blocks.append([])
        else:
            blocks[-1].append(line)
    stripped = [_strip_block(block) for block in blocks]
    signature = next((sig for _, sig in reversed(stripped) if sig), "")
    return "\n\n".join(text for text, _ in stripped if text), signature


def _strip_block(lines: list[str], *, party_card: bool = True) -> tuple[str, str]:
    kept: list[str] = []
    signature: list[str] = []
    for n, line in enumerate(lines):
        if _MOBILE.match(line):
            break
        closing = (
            bool(kept) and any(part.strip() for part in kept) and bool(_CLOSING.match(line) or _misspelt_closing(line))
        )
        if _SIGNATURE_DASHES.match(line) or closing:
            postscript = next((m for m in range(n + 1, len(lines)) if _POSTSCRIPT.match(lines[m])), len(lines))
            signature = _signature_lines(lines[n:postscript])
            # "ps. hela namnen: Pelle = Per Ragnarsson": written under the signature, still the sender's words
            postscript_text = _strip_block(lines[postscript:], party_card=False)[0]
            kept += ["", *postscript_text.split("\n")] if postscript < len(lines) else []
            break
        kept.append(line)
    # A footer runs from its first line to the end of its paragraph; what stands above it stays.
    without_footers: list[str] = []
    in_footer = False
    for line in kept:
        if not line.strip():
            in_footer = False
        elif _FOOTER.search(line):
            in_footer = True
        if not in_footer:
            without_footers.append(line)
    if not signature:
        without_footers, signature = _trailing_card(without_footers, party_card=party_card)
    return "\n".join(without_footers).strip(), "\n".join(signature)


_CARD_NAME = re.compile(
    r"[A-ZÅÄÖÉ][^\W\d_]+(?:-[A-ZÅÄÖÉ][^\W\d_]+)?(?:\s+(?:af|von|de|van|der)?\s*[A-ZÅÄÖÉ][^\W\d_'-]+(?:-[^\W\d_]+)?){1,3}"
)
_CARD_LINE = re.compile(
    r"kommun|\bstad\b|förvaltning|kansli|kontor|ledning|nämnd|enhet|avdelning|sekretar|sekreter|ordförande|råd\b|\bråd|ordf"
    r"|handläggare|strateg|samordnare|chef|tel\b|telefon|mobil|\+46|@|www\.|\d{3}|adress|\bbox\b",
    re.I,
)


def _trailing_card(lines: list[str], *, party_card: bool = True) -> tuple[list[str], list[str]]:
    """ "Jonna Sandell / Kommunledningen / Lidingö stad" closing the text with no sign-off: a signature too.

    Only a last paragraph that is a bare name (no party) over lines naming an
    office, a title or a phone number; a list of participants never looks so.
    """
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    start = end
    while start and lines[start - 1].strip():
        start -= 1
    card = [line.strip() for line in lines[start:end]]
    if start == 0 or not 2 <= len(card) <= 9:  # name, title, office, municipality, post and visiting address, phone
        return lines, []
    if (
        not _CARD_NAME.fullmatch(card[0])
        and not (
            # "Birgitta Norén (M) / Kommunstyrelsens ordförande, Lidingö stad" under a mail in the first person;
            # under a PS, whose sign-off came before, the same lines are the writer's addition
            party_card
            and _CARD_NAME.fullmatch(re.sub(r"\s*\([^)\n]{1,25}\)$", "", card[0]))
            and any(re.search(r"\b(?:kommun|stad)\b", line, re.I) for line in card[1:])
            # or above a text that says the names come later ("namnen kommer direkt efter det")
            and re.search(
                r"\bjag\b|\bnamn(?:en)?\s+(?:\w+\s+)?(?:kommer|återkommer|meddelas|skickas)|återkommer\s+(?:\w+\s+)?med\s+namn",
                "\n".join(lines[:start]),
                re.I,
            )
        )
    ):
        return lines, []
    if not all(_CARD_LINE.search(line) for line in card[1:]):
        return lines, []
    # the last of several cards alike ("Yusuf Demirci" / "Socialdemokraterna, oppositionsråd" / "yd@…" under two
    # more such): a list of participants, not the writer's signature
    above = [line.strip() for line in lines[:start]]
    while above and not above[-1]:
        above.pop()
    block = len(above)
    while block and above[block - 1]:
        block -= 1
    if len(above) - block == len(card) and _CARD_NAME.fullmatch(above[block]):
        return lines, []
    return lines[:start], card


def _signature_lines(lines: list[str]) -> list[str]:
    """The sign-off and the few lines under it, up to a footer or a phone's tag line."""
    signature: list[str] = []
    for n, line in enumerate(lines):
        if _MOBILE.match(line) or _FOOTER.search(line) or len(signature) >= _SIGNATURE_LINES:
            break
        if n == 0:  # "Mvh Anna Berg (M)": the sign-off goes, the name stays
            line = _SIGN_OFF.sub("", line)
        if line.strip():
            signature.append(line.strip())
    return signature


_CLOSING_SINGLE_WORDS = ("hälsningar", "hälsning", "hälsningarna")


def _misspelt_closing(line: str) -> bool:
    """ "Hälsnignar", "Hälsingar": a closing typed in haste is still a closing."""
    word = line.strip(" \t,.!").lower()
    return 7 <= len(word) <= 13 and word.isalpha() and any(OSA.distance(word, c) <= 2 for c in _CLOSING_SINGLE_WORDS)


def _is_forward(mail: Mail, forward_cut: bool) -> bool:
    return bool(forward_cut or mail.forwarded or _FORWARD_SUBJECT.match(mail.subject))


# A registry's forward that says nothing but its address block: "Haninge kommun / Registrator / 136 81 Haninge"
_CONTACT_LINE = re.compile(
    r"\s*(?:(?:tel\w*|mobil|växel|vxl|fax)\.?:?\s*)?\+?\d[\d\s()-]{5,}\d\s*$"  # a phone number
    r"|\s*\d{3}\s?\d{2}\s+[A-ZÅÄÖ][\w-]+(?:\s+[\w-]+)?\s*$"  # postcode and town
    r"|\s*(?:[\w.+-]+@[\w.-]+|(?:www\.|https?://)\S+)\s*$"
    r"|\s*[A-ZÅÄÖ][\w-]+(?:\s+[\w-]+)?\s+(?:kommun|stad)\s*$"
    r"|\s*(?:registrator\w*|registratur\w*|kansliet|\w+(?:förvaltning|kontor|kansli|avdelning)\w*)\s*$",
    re.I,
)


def _is_empty_or_pointer(text: str) -> bool:
    substance = []
    for line in text.split("\n"):
        if not line.strip() or _GREETING.match(line) or _FILING_LINE.match(line) or _CONTACT_LINE.match(line):
            continue
        substance.append(line)
    rest = " ".join(substance)
    if not rest.strip():
        return True
    if not _POINTER.search(rest):
        return False
    if re.search(r"\(\s*\w{1,3}\s*\)|(?<!\d)\d{1,2}\s*/\s*\d{1,2}(?!\d)|\d{1,2}\s+(?:sep|okt|aug)", rest, re.I):
        return False
    return len(re.findall(r"\w+", rest)) <= 25
