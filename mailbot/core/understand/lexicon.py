"""Swedish words the readers need: months, weekdays, titles, and capitalised words that are not names."""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "febr": 2, "february": 2,
    "mars": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "maj": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "augusti": 8, "aug": 8, "august": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

WEEKDAYS: dict[str, int] = {
    "måndag": 0, "mån": 0, "monday": 0,
    "tisdag": 1, "tis": 1, "tuesday": 1,
    "onsdag": 2, "ons": 2, "wednesday": 2,
    "torsdag": 3, "tors": 3, "tor": 3, "thursday": 3,
    "fredag": 4, "fre": 4, "friday": 4,
    "lördag": 5, "lör": 5, "saturday": 5,
    "söndag": 6, "sön": 6, "sunday": 6,
}

ORDINALS: dict[str, int] = {
    "första": 0, "1:a": 0, "förstnämnda": 0,
    "andra": 1, "2:a": 1,
    "tredje": 2, "3:e": 2,
    "fjärde": 3, "4:e": 3,
    "femte": 4, "5:e": 4,
}

# Words around a person that describe a role, never part of the name.
TITLE_WORDS = frozenset(
    """
    kso ks kf ordf ordförande ordföranden ordförare vice förste förstevice andre andrevice
    1:e 2:e 3:e kommunstyrelsens kommunstyrelsen kommunstyrelse kommunfullmäktiges
    kommunalråd kommunalrådet oppositionsråd oppositionsrådet borgarråd oppositionsborgarråd
    gruppledare ledamot ledamöter ersättare ledamoten ersättaren ordinarie politiker
    kommundirektör kommunchef stadsdirektör sekreterare nämndsekreterare kommunsekreterare
    handläggare assistent utredare registrator kansli kanslichef politisk politiska
    sakkunnig tjänsteman tjänsteperson förtroendevald förtroendevalda fritidspolitiker
    heltidspolitiker rådet råd stadsråd landstingsråd regionråd talesperson
    """.split()
)

# Capitalised words that start sentences, head columns or name places, not people.
NOT_NAMES = frozenset(
    """
    hej hejsan hallå tack vi jag du ni de den det detta denna dessa där här nu då när som om
    och eller men samt med från till för på i av vid under efter innan inför hos mot utan
    vår våra vårt er era ert min mina mitt din dina hennes deras alla följande övriga
    deltagare deltar deltagarna namn parti partier uppdrag roll titel datum tid plats lokal
    anmälan anmäler anmälda anmält dialog dialogen dialogmöte dialogmötet dialogtillfälle
    dialogtillfället informationsmöte informationsmötet infomöte infomötet möte mötet
    inbjudan kommun kommunen kommuns stad staden stads region regionen landsting landstinget
    landstingshuset skärgårdssalen mälarsalen brunnsviken hantverkargatan södermalmsallén
    kommunförbundet kommunstyrelsen kommunledningskontoret stadsledningskontoret
    ordförande ordf kso mvh hälsningar vänliga vänlig med obs ps os ang angående ämne
    ja nej ok okej bra hoppas ursäkta gärna tyvärr välkommen välkomna bifogat bifogar
    telefon tel tfn mobil mob e-post epost mail mejl www
    sverige stockholms stockholm län läns svensk svenska
    torsdagen måndagen tisdagen onsdagen fredagen lördagen söndagen
    a b c d e f g h i j k l m n o p q r s t u v w x y z å ä ö
    """.split()
) | TITLE_WORDS | frozenset(MONTHS) | frozenset(WEEKDAYS)

NAME_PARTICLES = frozenset("von af av de van der den da di la le du el al bin ibn zu ter ten".split())

# Verbs that say someone will take part.
ATTEND_WORDS = (
    "anmäl", "deltar", "delta", "deltagande", "kommer", "medverka", "närvara", "blir",
    "representera", "skickar", "går", "är med", "följande", "deltagare",
)
