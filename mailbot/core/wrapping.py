"""Plain text that a mail client hard-wrapped at 72–78 columns, its broken sentences and names joined again."""

from __future__ import annotations

import re

# "… med Gustaf Lagerqvist (M), Eva-Lena" above "Brandt (L) och …": a name broken between its two words
# ("(Bengt" / "Wallgren, M)", "Marianne af" / "Klercker (L)")
_NAME_BEGUN = re.compile(
    r"(?:[\w,.:)] |\()[A-ZÅÄÖ][a-zß-ÿ]+(?:-[A-ZÅÄÖ]?[a-zß-ÿ]+)?(?: (?:af|von|van|de|du|da|di|la|el))?$"
)
# … and its second word first on the next line, then its party or the list going on: "El-Sayed (V) och",
# "Berglund kd.", "Brandt, S"
_NAME_ENDED = re.compile(
    r"[A-ZÅÄÖ][a-zß-ÿ]+(?:-[A-ZÅÄÖ]?[a-zß-ÿ]+)?(?:\s*[(,)]|\s+och\b|\s+[A-Za-zÅÄÖåäö]{1,3}[.,]?(?:\s|$)"
    # "Ann-Marie" / "Kajander kommer i hennes ställe": the sentence goes on in lower case
    r"|\s+[a-zåäö]{2,}\b)"
)
_TITLE_ENDS = re.compile(r"(?:ordförande|ordf\.|råd|rådet|ledamot|ledamoten|ledare|ledaren)$|\bKSO$")
_FULL_NAME_STARTS = re.compile(r"[A-ZÅÄÖ][a-zß-ÿ-]+ [A-ZÅÄÖ][a-zß-ÿ-]+(?:\s*[(,]|\s+[a-zåäö]{2,}\b)")
_SIGN_OFF_START = re.compile(
    r"\s*(?:mvh|med\s+(?:vänlig|bästa|varm)\w*|m\.v\.h|hälsn\w*|vänlig\w*|bästa|tack|skickat\s+från|/\w)", re.I
)
_BULLET_START = re.compile(r"\s*(?:[-•*·o§–]\s|\d{1,2}[.)]\s|>)")


def unwrapped(text: str) -> str:
    """Plain text hard-wrapped by the client at 72–78 columns, its broken sentences joined again.

    Only where the break cannot be the writer's: a long line that stops mid-sentence before a line in
    lower case, or between a name's two words ("… med Anna" / "Andersson (S) och …"). Lists, whose lines
    end where each item ends, stay as they are.
    """
    lines = text.split("\n")
    joined: list[str] = []
    previous = ""  # the line as the client broke it, before any joining
    for line in lines:
        if (
            joined
            and 55 <= len(previous) <= 80
            and line.strip()
            and not previous.startswith(">")
            and previous.rstrip()[-1:] not in ".!?:;"
            and not _BULLET_START.match(line)
            and not _SIGN_OFF_START.match(line)
            and (
                line[:1].islower()
                # a long line that stops at a comma goes on: "… med Malin Ek (M)," / "Sven Åhman (S) och …",
                # "Marie-Louise Andrén, andre vice ordförande i kommunstyrelsen," / "Moderaterna"
                or previous.rstrip().endswith(",")
                or line.startswith("(")
                # "… Lotta Wennberg ersätts av" / "Yusuf Aziz (S).": no line of a list ends on such a word
                or re.search(
                    r"\b(?:av|med|och|samt|eller|till|för|från|är|blir|heter|att|som|om|den|på|i|vid|hos|kl)$",
                    previous.rstrip(),
                )
                or (_NAME_BEGUN.search(previous) and _NAME_ENDED.match(line))
                # "… men vår vice ordförande" / "Sven Åhman går i mitt ställe": a title, then whom it names
                or (_TITLE_ENDS.search(previous) and _FULL_NAME_STARTS.match(line))
            )
        ):
            joined[-1] = f"{joined[-1].rstrip()} {line.lstrip()}"
        else:
            joined.append(line)
        previous = line
    return "\n".join(joined)
