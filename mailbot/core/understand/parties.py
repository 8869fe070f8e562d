"""Party names in every form people write them, resolved to the configured short codes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from mailbot.core.model import Party

_LETTER = r"A-Za-zÅÄÖåäöÉéÜüÆæØø"


# Swedish words a typo away from a party name, and meant as themselves: "tillsammans med en moderator"
_WORDS_NEAR_PARTIES = frozenset({"moderator", "moderatorn", "moderatorer", "moderatorerna", "centralt", "centrala"})


@dataclass(frozen=True)
class PartyMention:
    code: str
    start: int
    end: int
    # A bare code like "S" or "m" is only trusted where a party is expected.
    short: bool


class PartyLexicon:
    """Maps "(S)", "s", "Socialdemokraterna", "Folkpartiet" … to the party's code."""

    def __init__(self, parties: tuple[Party, ...]) -> None:
        self.codes: dict[str, str] = {}
        self.names: dict[str, str] = {}
        for party in parties:
            self.codes[party.code.lower()] = party.code
            # "KD-politiker", "S-ledamoten", "V-aren" (one of the party, said in speech)
            for suffix in (
                "politiker",
                "politikern",
                "ledamot",
                "ledamoten",
                "företrädare",
                "företrädaren",
                "are",
                "aren",
            ):
                self.names[f"{party.code.lower()}-{suffix}"] = party.code
            for alias in (party.name, *party.aliases):
                key = _key(alias)
                if len(key) <= 3 and " " not in key:
                    self.codes[key] = party.code
                else:
                    self.names[key] = party.code
                    if not key.endswith("s"):
                        self.names[key + "s"] = party.code  # genitive: Moderaternas
        self._single_word_names: dict[str, list[tuple[str, str]]] = {}
        for name, code in self.names.items():
            if " " not in name and "-" not in name:
                self._single_word_names.setdefault(name[0], []).append((name, code))
        self._two_word_names = [(n, c) for n, c in self.names.items() if n.count(" ") == 1 and len(n) >= 12]
        self._misspelt: dict[str, str | None] = {}
        names = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(self.names, key=len, reverse=True))
        self._name_pattern = re.compile(rf"(?<![{_LETTER}])(?:{names})(?![{_LETTER}])", re.I)
        codes = "|".join(re.escape(c) for c in sorted(self.codes, key=len, reverse=True))
        # "c-gruppen" is the party's group; "S-märkt" or "m-" are no party mentions
        self._code_pattern = re.compile(rf"(?<![{_LETTER}\-])(?:{codes})(?![{_LETTER}]|-(?!grupp))", re.I)

    def resolve(self, text: str) -> str | None:
        """The code for a text that is nothing but a party ("S", "(m)", "Moderaterna"), else None."""
        key = _key(text.strip(" ()[].,:;|-–"))
        return self.codes.get(key) or self.names.get(key)

    def misspelt(self, word: str) -> str | None:
        """ "Miljöparitet", "Socialdemokratena": a long party name one or two typos off."""
        key = _key(word)
        if len(key) < 8 or not key.isalpha() or key in _WORDS_NEAR_PARTIES:
            return None
        if key not in self._misspelt:
            # Same first letter: typos in haste fall inside a word, and it keeps this cheap.
            # Two slips in a long name ("Miljöparti" for "Miljöpartiet"), one in a short one.
            self._misspelt[key] = next(
                (
                    code
                    for name, code in self._single_word_names.get(key[0], ())
                    if abs(len(name) - len(key)) <= (allowed := 1 if max(len(key), len(name)) < 11 else 2)
                    and OSA.distance(key, name) <= allowed
                ),
                None,
            )
        return self._misspelt[key]

    def slipped(self, word: str) -> str | None:
        """ "(Moderna)" after a name: a phone's autocorrect kept a party name's first five letters and no more.

        Only for a word in brackets after a name, where a party is expected; a prefix two parties share
        reads as neither.
        """
        key = _key(word.strip(" ()"))
        if len(key) < 5 or not key.isalpha() or key in self.names or key in _WORDS_NEAR_PARTIES:
            return None
        codes = {
            code
            for name, code in self._single_word_names.get(key[0], ())
            # letters left out, not another word: "Moderna", not "(socialchef)"
            if name[:5] == key[:5] and OSA.distance(key, name) <= len(name) - len(key) + 1
        }
        return next(iter(codes)) if len(codes) == 1 else None

    def long_mentions(self, text: str) -> Iterator[PartyMention]:
        for found in self._name_pattern.finditer(text):
            yield PartyMention(self.names[_key(found.group(0))], found.start(), found.end(), short=False)

    def misspelt_mentions(self, text: str) -> Iterator[PartyMention]:
        """ "Social Democrates", "Moderata samlingspartite": a party name of two words, a slip or two off."""
        for found in _TWO_WORDS.finditer(text):
            words = found.group(1)
            key = _key(words)
            if key in self.names:
                continue
            code = next(
                (
                    code
                    for name, code in self._two_word_names
                    if name[0] == key[0] and abs(len(name) - len(key)) <= 2 and OSA.distance(key, name) <= 2
                ),
                None,
            )
            if code:
                yield PartyMention(code, found.start(1), found.start(1) + len(words), short=False)

    def code_mentions(self, text: str) -> Iterator[PartyMention]:
        for found in self._code_pattern.finditer(text):
            yield PartyMention(self.codes[found.group(0).lower()], found.start(), found.end(), short=True)


# every pair of neighbouring words, overlapping
_TWO_WORDS = re.compile(rf"(?<![{_LETTER}])(?=([{_LETTER}]{{3,}}\s+[{_LETTER}]{{3,}})(?![{_LETTER}]))")


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())
