"""What is a person's name in a line: runs of capitalised words that are not known words, titles or places."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mailbot.core.understand.lexicon import NAME_PARTICLES, NOT_NAMES, TITLE_WORDS
from mailbot.core.understand.parties import PartyLexicon

WORD = re.compile(r"[^\W\d_][^\W\d_'’]*(?:-[^\W\d_][^\W\d_'’]*)*")


@dataclass(frozen=True)
class Item:
    kind: str  # "name" or "party"
    start: int
    end: int
    text: str
    code: str = ""


def name_runs(line: str, lexicon: PartyLexicon, extra: frozenset[str] = frozenset()) -> list[Item]:
    """Runs of capitalised words ("Lars-Göran Hed", "Ebba af Klercker") that are not known words."""
    items: list[Item] = []
    run: list[re.Match[str]] = []
    pending: list[re.Match[str]] = []  # particles waiting for the next capitalised word

    def close() -> None:
        if run:
            start, end = run[0].start(), run[-1].end()
            items.append(Item("name", start, end, line[start:end]))
        run.clear()
        pending.clear()

    previous_end: int | None = None
    for token in WORD.finditer(line):
        word = token.group(0)
        joined = previous_end is not None and re.fullmatch(r" {1,2}", line[previous_end : token.start()])
        previous_end = token.end()
        if not joined:
            close()
        surname_like_a_word = (  # "Patrik Svensk (m)": a family name that is also a word
            run
            and capitalised(word)
            and re.match(r"\s*\(", line[token.end() :]) is not None
            and not lexicon.resolve(word)
            and not is_title(word.lower())
        )
        if surname_like_a_word or (
            capitalised(word) and not in_address(line, token) and not not_a_name(word, lexicon, extra)
        ):
            run.extend(pending)
            pending.clear()
            run.append(token)
        elif run and word in NAME_PARTICLES:
            pending.append(token)
        else:
            close()
    close()
    return _with_first_names(line, [with_initials(line, item) for item in items])


def with_initials(line: str, item: Item) -> Item:
    """ "A. Berg", "P.-O. Lund", "K-G Berg": initials belong to the name that follows them."""
    initials = re.search(
        r"(?<![\w.-])(?:(?:[A-ZÅÄÖ]\.(?:\s?-\s?[A-ZÅÄÖ]\.)?\s?)+|[A-ZÅÄÖ]\.?-[A-ZÅÄÖ]\.?\s)$", line[: item.start]
    )
    if not initials:
        return item
    return Item("name", initials.start(), item.end, line[initials.start() : item.end])


def _with_first_names(line: str, items: list[Item]) -> list[Item]:
    """ "Katarina E. Berglund": a one-word name just before a middle initial and its family name is one name."""
    result: list[Item] = []
    for item in items:
        before = result[-1] if result else None
        if (
            before is not None
            and " " not in before.text
            and line[before.end : item.start] == " "
            and re.match(r"[A-ZÅÄÖ]\.\s?[A-ZÅÄÖ][a-zåäö]", item.text)
        ):
            result[-1] = Item("name", before.start, item.end, line[before.start : item.end])
            continue
        result.append(item)
    return result


def capitalised(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and not word.isupper() and any(c.islower() for c in word)


def in_address(line: str, token: re.Match[str]) -> bool:
    before = line[token.start() - 1 : token.start()]
    after = line[token.end() : token.end() + 2]
    if (
        before == "."
        and token.group(0)[0].isupper()
        and re.match(r"\s", after)
        and line[token.start() - 3 : token.start() - 1].isalpha()
    ):
        return False  # "Salem kommer 22 sept.Bo Lindqvist-Ahl": a space forgotten after the full stop
    if before == "/" and not line[max(0, token.start() - 2) : token.start() - 1].strip():
        return False  # "/Gunnel Roos (S)": a slash that signs the mail, not a path
    return before in {"@", ".", "/", "_"} or after[:1] in {"@", "_"} or bool(re.match(r"\.\w", after))


_PRONOUNS = frozenset({"han", "hon", "hen", "hennes", "dennes"})


def not_a_name(word: str, lexicon: PartyLexicon, extra: frozenset[str] = frozenset()) -> bool:
    lower = word.lower().rstrip(":,.")
    if lower in _PRONOUNS:  # not through the genitive below: "Hans" is a name
        return True
    if lower in NOT_NAMES or lower in extra or lexicon.resolve(lower) or is_title(lower):
        return True
    group = re.fullmatch(r"(\w{1,3})-grupp\w*", lower)
    if group and lexicon.resolve(group.group(1)):
        return True  # "S-gruppen": the party's group
    if lower.endswith("s") and (lower[:-1] in NOT_NAMES or lower[:-1] in extra):
        return True  # genitive: "Nackas", "Kommunstyrelsens"
    return bool(
        re.search(
            r"(?:kommun|förvaltningen?|kontoret|enheten|avdelningen|salen|huset|gatan|vägen)$",
            lower,
        )
    )


def is_title(lower: str) -> bool:
    """Roles, also compounds: "finansborgarråd", "gruppledare", "kommunstyrelseordförande"."""
    return lower in TITLE_WORDS or bool(
        re.search(
            r"(?:råd|rådet|ordförande|sekreterare|direktör|chef|ledamot|ersättare|ombud|ledare)$",
            lower,
        )
    )


def clean_name(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip(" ,.:")
