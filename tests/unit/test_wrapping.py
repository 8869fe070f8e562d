"""Plain text a mail client hard-wrapped at 72 columns: sentences and names broken by the client are joined."""

from __future__ import annotations

import pytest

from mailbot.core.wrapping import unwrapped


@pytest.mark.parametrize(
    ("wrapped", "line"),
    [
        (
            "Nykvarn tar gärna fredagen den 2/9. Från oss kommer jag själv (Bengt\n"
            "Wallgren, M), Lisa Enqvist från S och centerpartisten Kjell-Åke Dahl.",
            "jag själv (Bengt Wallgren, M)",
        ),
        (
            "Källström (M), kommunstyrelsens andre vice ordförande Marianne af\n"
            "Klercker (L) samt oppositionsrådet Ulf Hjelm (S), vilket innebär att vi",
            "Marianne af Klercker (L)",
        ),
        (
            "Vi tre kommer den 2 sept: jag själv (m), Per Tengvall (s) och Ylva\nGrünewald (c).",
            "och Ylva Grünewald (c)",
        ),
        (
            "Tack för svaret från Hanna. Vi löser det så att vår KSO Cecilia\n"
            "Ahlbom-Kjell (M) kommer själv till informationsmötet den 30/8.",
            "vår KSO Cecilia Ahlbom-Kjell (M)",
        ),
        (
            "En ändring för Danderyd den 2 september: i stället för Ann-Marie\n"
            "Kajander kommer Per-Olov Strömberg (L). Övriga deltagare som tidigare.",
            "i stället för Ann-Marie Kajander kommer",
        ),
        (
            "Vaxholm anmäler sig till dialogen torsdag 22/9: jag själv Malin Ek (M),\n"
            "Sven Åhman (S) och Louise Hjort (L).",
            "Malin Ek (M), Sven Åhman (S)",
        ),
        (
            "Till informationsmötet 30/8 kan jag inte komma, men vår vice ordförande\nSven Åhman går i mitt ställe.",
            "vår vice ordförande Sven Åhman går",
        ),
        (
            "I stället kommer kommunstyrelsens vice ordförande Anne-Li Tamm (C) den\n30/8.",
            "Anne-Li Tamm (C) den 30/8.",
        ),
        (
            "Hon får sällskap av Mikael Grönros, som sitter i kommunstyrelsen för\n"
            "Socialdemokraterna, och av Lotta Pérez från Miljöpartiet.",
            "för Socialdemokraterna, och av",
        ),
    ],
)
def test_a_sentence_broken_by_the_client_is_joined(wrapped: str, line: str) -> None:
    assert line in unwrapped(wrapped)


@pytest.mark.parametrize(
    "text",
    [
        "Vi kommer den 19 september med:\nAnna Berg (S),\nPer Ek (M),\nLena Holm (V)",
        "Hej Rebecka,\nHär kommer vår anmälan.",
        "Anmälan till dialogen den 22 september, se deltagarna nedan i listan,\n- Anna Berg (S)\n- Per Ek (M)",
        "Vi kommer gärna till dialogen den 26 september med tre politiker,\nMed vänlig hälsning\nAnna Berg",
    ],
)
def test_lines_the_writer_ended_stay(text: str) -> None:
    assert unwrapped(text) == text
