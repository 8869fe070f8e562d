"""The sender's own words: what they wrote, without quoted mail, signatures and footers."""

from __future__ import annotations

import dataclasses

import pytest

from mailbot.core.mail import Mail
from mailbot.core.text import own_words, subject_topic, visible_text

_REPLY_SUBJECT = "SV: Inbjudan – Dialog om regional samverkan och utveckling"

# A piece of the invitation as it is quoted below replies: all four dates, the
# deadline and the rooms. None of it may be read as the sender's words.
_INVITATION = """Fyra tillfällen för dialog i september
2 sept 14.00–16.00 Skärgårdssalen, Landstingshuset
19 sept 15.00–17.00 Skärgårdssalen, Landstingshuset
22 sept 09.30–11.30 Mälarsalen, Landstingshuset
26 sept 13.00–15.00 Skärgårdssalen, Landstingshuset

Anmälan från respektive kommun görs senast den 26 augusti per mejl till Rebecka Frej."""

_QUOTED_INVITATION = "\n".join(f"> {line}".rstrip() for line in _INVITATION.split("\n"))

# Words that exist only in the quoted invitation.
_INVITATION_WORDS = ("Fyra tillfällen", "Skärgårdssalen", "Mälarsalen", "senast den 26 augusti")
# Words that exist only in the quoted invitation or the header line above it.
_QUOTE_WORDS = (*_INVITATION_WORDS, "Frej", "rebecka.frej@sll.se")


def _mail(
    plain: str = "",
    html: str = "",
    *,
    subject: str = _REPLY_SUBJECT,
    forwarded: tuple[Mail, ...] = (),
) -> Mail:
    return Mail(
        message_id="<x@y>",
        from_address="a@nacka.se",
        subject=subject,
        plain=plain,
        html=html,
        forwarded=forwarded,
    )


def _check(text: str, keep: tuple[str, ...], drop: tuple[str, ...]) -> None:
    for wanted in keep:
        assert wanted in text, f"{wanted!r} was lost from the sender's words:\n{text}"
    for unwanted in drop:
        assert unwanted not in text, f"{unwanted!r} was read as the sender's words:\n{text}"


# ---------------------------------------------------------------------------
# Quoted earlier mail, plain text
# ---------------------------------------------------------------------------

# (id, plain body, what must be kept); the invitation below must always be cut.
PLAIN_QUOTES = [
    (
        "outlook-swedish-header",
        "Hej Rebecka,\n\nNacka kommer den 22 september med Maria Lind (M), Omar Said (S) "
        "och Eva Nordin (C).\n\n"
        "Från: Rebecka Frej <rebecka.frej@sll.se>\n"
        "Skickat: den 11 juli 2016 14:02\n"
        "Till: Kerstin Holm <kerstin.holm@nacka.se>\n"
        "Ämne: Inbjudan – Dialog om regional samverkan och utveckling\n\n" + _INVITATION,
        ("Maria Lind (M)", "Eva Nordin (C)"),
    ),
    (
        "outlook-swedish-header-bold",
        "Vi tar den 19 september.\nDeltagare: Tove Hallin (S), Rasmus Bergh (M)\n\n"
        "*Från:* Rebecka Frej [mailto:rebecka.frej@sll.se]\n"
        "*Skickat:* den 11 juli 2016 14:02\n"
        "*Till:* Registrator Tyresö\n"
        "*Ämne:* Inbjudan – Dialog om regional samverkan och utveckling\n\n" + _INVITATION,
        ("Tove Hallin (S)", "Rasmus Bergh (M)"),
    ),
    (
        "outlook-swedish-header-with-kopia",
        "Vallentuna väljer 2/9: Helena Krook (M), Jan Ekblad (S), Sara Wiberg (C).\n\n"
        "Från: Frej Rebecka\n"
        "Skickat: den 12 juli 2016 08:15\n"
        "Till: Ekblad Jan\n"
        "Kopia: Kommunstyrelsen Vallentuna\n"
        "Ämne: VB: Inbjudan\n\n" + _INVITATION,
        ("Helena Krook (M)", "Sara Wiberg (C)"),
    ),
    (
        "outlook-english-header",
        "Hi Rebecka – we come on 26 Sept: Lotta Fransson (L), Tomas Wik (S).\n\n"
        "From: Rebecka Frej <rebecka.frej@sll.se>\n"
        "Sent: Monday, July 11, 2016 2:02 PM\n"
        "To: Lotta Fransson <lotta.fransson@solna.se>\n"
        "Subject: Inbjudan – Dialog om regional samverkan och utveckling\n\n" + _INVITATION,
        ("Lotta Fransson (L)", "Tomas Wik (S)"),
    ),
    (
        "outlook-english-header-bold",
        "Vi kommer 22/9 med Amir Haddad (S).\n\n"
        "*From:* Rebecka Frej [mailto:rebecka.frej@sll.se]\n"
        "*Sent:* den 11 juli 2016 14:02\n"
        "*To:* Amir Haddad\n"
        "*Subject:* Inbjudan\n\n" + _INVITATION,
        ("Amir Haddad (S)",),
    ),
    (
        "outlook-underscore-line-then-header",
        "Ekerö kommer den 26 september: Birgitta Rosén (M), Kalle Strand (C).\n\n"
        "________________________________\n"
        "Från: Rebecka Frej\n"
        "Skickat: den 11 juli 2016 14:02\n"
        "Till: Birgitta Rosén\n"
        "Ämne: Inbjudan – Dialog om regional samverkan och utveckling\n\n" + _INVITATION,
        ("Birgitta Rosén (M)", "Kalle Strand (C)"),
    ),
    (
        "ursprungligt-meddelande",
        "Vi anmäler oss till den 19:e. Gunnel Ek (KD) och Filip Ros (S) kommer.\n\n"
        "-----Ursprungligt meddelande-----\n"
        "Från: Rebecka Frej [mailto:rebecka.frej@sll.se]\n"
        "Skickat: den 11 juli 2016 14:02\n"
        "Till: Gunnel Ek\n"
        "Ämne: Inbjudan\n\n" + _INVITATION,
        ("Gunnel Ek (KD)", "Filip Ros (S)"),
    ),
    (
        "ursprungligt-meddelande-without-headers",
        "Vi kommer 2 sept, Leif Nyman (M).\n\n-----Ursprungligt meddelande-----\n" + _INVITATION,
        ("Leif Nyman (M)",),
    ),
    (
        "original-message-english",
        "Sigtuna tar 22 sept: Marie Holt (S), Ove Dahl (M).\n\n"
        "-----Original Message-----\n"
        "From: Rebecka Frej\nSent: den 11 juli 2016 14:02\nTo: Marie Holt\nSubject: Inbjudan\n\n" + _INVITATION,
        ("Marie Holt (S)", "Ove Dahl (M)"),
    ),
    (
        "originalmeddelande-mobile",
        "Vi kommer den 19/9. Greta Lönn (C)\n\n"
        "-------- Originalmeddelande --------\n"
        "Från: Rebecka Frej <rebecka.frej@sll.se>\n"
        "Datum: 2016-07-11 14:02 (GMT+01:00)\n"
        "Till: Greta Lönn <greta.lonn@ekero.se>\n"
        "Ämne: Inbjudan\n\n" + _INVITATION,
        ("Greta Lönn (C)",),
    ),
    (
        "gmail-swedish-attribution",
        "Vi kommer den 22 september med Ida Sjöholm (MP).\n\n"
        "Den mån 11 juli 2016 kl 14:02 skrev Rebecka Frej <rebecka.frej@sll.se>:\n\n" + _QUOTED_INVITATION,
        ("Ida Sjöholm (MP)",),
    ),
    (
        "gmail-swedish-attribution-wrapped",
        "Vi kommer den 22 september med Ida Sjöholm (MP).\n\n"
        "Den mån 11 juli 2016 kl 14:02 skrev Rebecka Frej <\n"
        "rebecka.frej@sll.se>:\n\n" + _QUOTED_INVITATION,
        ("Ida Sjöholm (MP)",),
    ),
    (
        "gmail-swedish-attribution-unquoted-body",
        "Haninge: 26/9, Peter Wall (S), Nina Brask (M).\n\n"
        "Den mån 11 juli 2016 kl 14:02 skrev Rebecka Frej <rebecka.frej@sll.se>:\n\n" + _INVITATION,
        ("Peter Wall (S)", "Nina Brask (M)"),
    ),
    (
        "apple-mail-attribution",
        "Vi tar 2 sept. Elsa Rudin (L), Mikael Strid (S).\n\nSkickat från min iPad\n\n"
        "11 juli 2016 kl. 14:02 skrev Rebecka Frej <rebecka.frej@sll.se>:\n\n" + _QUOTED_INVITATION,
        ("Elsa Rudin (L)", "Mikael Strid (S)"),
    ),
    (
        "apple-mail-attribution-no-signature",
        "Vi tar 2 sept. Elsa Rudin (L), Mikael Strid (S).\n\n"
        "11 juli 2016 kl. 14:02 skrev Rebecka Frej <rebecka.frej@sll.se>:\n\n" + _QUOTED_INVITATION,
        ("Elsa Rudin (L)", "Mikael Strid (S)"),
    ),
    (
        "thunderbird-attribution",
        "Lidingö anmäler sig till 19 sept: Carl Hamrin (M), Sofie Ljung (S), Rolf Tiger (L)\n\n"
        "Den 2016-07-11 kl. 10:02, skrev Rebecka Frej:\n" + _QUOTED_INVITATION,
        ("Carl Hamrin (M)", "Rolf Tiger (L)"),
    ),
    (
        "english-gmail-attribution",
        "Vi kommer 26/9: Hugo Falk (S).\n\n"
        "On Mon, Jul 11, 2016 at 2:02 PM, Rebecka Frej <rebecka.frej@sll.se> wrote:\n\n" + _QUOTED_INVITATION,
        ("Hugo Falk (S)",),
    ),
    (
        "english-gmail-attribution-wrapped",
        "Vi kommer 26/9: Hugo Falk (S).\n\n"
        "On Mon, Jul 11, 2016 at 2:02 PM, Rebecka Frej <rebecka.frej@sll.se>\n"
        "wrote:\n\n" + _QUOTED_INVITATION,
        ("Hugo Falk (S)",),
    ),
    (
        "ibm-notes-header",
        "Vi väljer den 22 september. Anders Moberg (M), Linda Eng (S).\n\n\n\n"
        "Från:    Rebecka Frej <rebecka.frej@sll.se>\n"
        "Till:    anders.moberg@sollentuna.se\n"
        "Datum:   2016-07-11 14:02\n"
        "Ärende:  Inbjudan – Dialog om regional samverkan och utveckling\n"
        "\n" + _INVITATION,
        ("Anders Moberg (M)", "Linda Eng (S)"),
    ),
    (
        "ibm-notes-dashed-attribution",
        "Vi kommer den 2 september: Ulla Berglund (C).\n\n"
        '-----"Rebecka Frej" <rebecka.frej@sll.se> skrev: -----\n'
        "Till: ulla.berglund@nykvarn.se\n"
        'Från: "Rebecka Frej" <rebecka.frej@sll.se>\n'
        "Datum: 2016-07-11 14:02\n"
        "Ärende: Inbjudan\n\n" + _INVITATION,
        ("Ulla Berglund (C)",),
    ),
    (
        "groupwise",
        "Vi kommer 19/9 med Tor Hedin (S) och Aina Roos (M).\n\n"
        ">>> Rebecka Frej <rebecka.frej@sll.se> 2016-07-11 10:02 >>>\n" + _INVITATION,
        ("Tor Hedin (S)", "Aina Roos (M)"),
    ),
    (
        "angle-quoted-lines-only",
        "Vi kommer 22 sept. Josefin Ahl (V).\n\n" + _QUOTED_INVITATION,
        ("Josefin Ahl (V)",),
    ),
    (
        "nested-angle-quotes",
        "Vi kommer 22 sept. Josefin Ahl (V).\n\n> Tack, vi återkommer.\n>\n" + _QUOTED_INVITATION.replace("> ", ">> "),
        ("Josefin Ahl (V)",),
    ),
]


@pytest.mark.parametrize(
    ("plain", "keep"),
    [pytest.param(plain, keep, id=case_id) for case_id, plain, keep in PLAIN_QUOTES],
)
def test_quoted_mail_is_cut_in_plain_text(plain: str, keep: tuple[str, ...]) -> None:
    words = own_words(_mail(plain))
    _check(words.text, keep, _INVITATION_WORDS)
    assert not words.from_forward


@pytest.mark.parametrize("plain", [pytest.param(plain, id=case_id) for case_id, plain, _ in PLAIN_QUOTES])
def test_quote_header_line_is_cut_too(plain: str) -> None:
    # "Den … skrev Rebecka Frej <…>:", "Från: Rebecka Frej": part of the quote, not of the reply.
    _check(own_words(_mail(plain)).text, (), ("Frej", "rebecka.frej@sll.se", "skrev:"))


# (id, plain body, kept, dropped): text written below or between quoted lines
BOTTOM_POSTED = [
    (
        "bottom-posted-after-quote",
        "Den 11 juli 2016 kl. 14:02 skrev Rebecka Frej <rebecka.frej@sll.se>:\n"
        + _QUOTED_INVITATION
        + "\n\nVi väljer den 2 september. Deltagare: Yvonne Kask (S), Lars Ohlin (M).",
        ("Vi väljer den 2 september", "Yvonne Kask (S)", "Lars Ohlin (M)"),
        _INVITATION_WORDS,
    ),
    (
        "interleaved-answers",
        "> Fyra tillfällen för dialog i september\n"
        "> 2 sept 14.00–16.00 Skärgårdssalen, Landstingshuset\n"
        "Den passar oss inte.\n"
        "> 19 sept 15.00–17.00 Skärgårdssalen, Landstingshuset\n"
        "Den tar vi! Bengt Alm (M) och Rut Säll (S).\n"
        "> 22 sept 09.30–11.30 Mälarsalen, Landstingshuset\n",
        # "Den tar vi!" points at the quoted line above it, which comes along; the refused one does not
        ("Den passar oss inte.", "Bengt Alm (M)", "Rut Säll (S)", "19 sept 15.00–17.00"),
        ("2 sept", "Mälarsalen", "Fyra tillfällen"),
    ),
]


@pytest.mark.parametrize(
    ("plain", "keep", "drop"),
    [pytest.param(p, k, d, id=case_id) for case_id, p, k, d in BOTTOM_POSTED],
)
def test_text_written_after_a_quote_is_kept(plain: str, keep: tuple[str, ...], drop: tuple[str, ...]) -> None:
    _check(own_words(_mail(plain)).text, keep, drop)


# ---------------------------------------------------------------------------
# Quoted earlier mail, HTML only
# ---------------------------------------------------------------------------

_HTML_INVITATION = (
    "<p>Fyra tillfällen för dialog i september</p>"
    "<table><tr><td>2 sept</td><td>14.00–16.00</td><td>Skärgårdssalen, Landstingshuset</td></tr>"
    "<tr><td>22 sept</td><td>09.30–11.30</td><td>Mälarsalen, Landstingshuset</td></tr></table>"
    "<p>Anmälan från respektive kommun görs senast den 26 augusti.</p>"
)

# (id, html, kept)
HTML_QUOTES = [
    (
        "apple-blockquote-cite",
        "<html><body><div>Vi kommer 19/9: Moa Lindgren (S), Erik Palm (M).</div>"
        '<div><br><blockquote type="cite">11 juli 2016 kl. 14:02 skrev Rebecka Frej '
        "&lt;rebecka.frej@sll.se&gt;:<br><br></blockquote></div>"
        f'<blockquote type="cite"><div>{_HTML_INVITATION}</div></blockquote></body></html>',
        ("Moa Lindgren (S)", "Erik Palm (M)"),
    ),
    (
        "gmail-quote-div",
        '<div dir="ltr">Vi tar den 22 september.<div>Lena Aspegren (C)</div>'
        "<div>Hans Tegnér (M)</div></div><br>"
        '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">Den mån 11 juli 2016 '
        'kl 14:02 skrev Rebecka Frej &lt;<a href="mailto:rebecka.frej@sll.se">'
        "rebecka.frej@sll.se</a>&gt;:<br></div>"
        '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;'
        'border-left:1px solid rgb(204,204,204);padding-left:1ex">'
        f"{_HTML_INVITATION}</blockquote></div>",
        ("Lena Aspegren (C)", "Hans Tegnér (M)"),
    ),
    (
        "outlook-border-top-divider",
        '<div class="WordSection1"><p class="MsoNormal">Hej!<o:p></o:p></p>'
        '<p class="MsoNormal">Vi kommer den 26 september med Agnes Björk (S) och '
        "Viktor Lundh (KD).<o:p></o:p></p>"
        '<div><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
        '<p class="MsoNormal"><b>Från:</b> Rebecka Frej &lt;rebecka.frej@sll.se&gt; <br>'
        "<b>Skickat:</b> den 11 juli 2016 14:02<br><b>Till:</b> Agnes Björk<br>"
        "<b>Ämne:</b> Inbjudan<o:p></o:p></p></div></div>"
        f"{_HTML_INVITATION}</div>",
        ("Agnes Björk (S)", "Viktor Lundh (KD)"),
    ),
    (
        "outlook-2010-border-top-divider",
        '<p class="MsoNormal">Vi väljer 2/9. Stig Ahlqvist (M)</p>'
        '<div style="border:none;border-top:solid #B5C4DF 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
        '<p class="MsoNormal"><b>Från:</b> Rebecka Frej<br><b>Skickat:</b> den 11 juli 2016 '
        "14:02<br><b>Till:</b> Stig Ahlqvist<br><b>Ämne:</b> Inbjudan</p></div>" + _HTML_INVITATION,
        ("Stig Ahlqvist (M)",),
    ),
    (
        "outlook-web-divRplyFwdMsg",
        '<div dir="ltr"><p>Täby kommer den 19 september: Alva Stenberg (M), '
        "Ali Karimi (S).</p></div>"
        '<hr style="display:inline-block;width:98%" tabindex="-1">'
        '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif"><b>Från:</b> '
        "Rebecka Frej &lt;rebecka.frej@sll.se&gt;<br><b>Skickat:</b> den 11 juli 2016 14:02<br>"
        "<b>Till:</b> Alva Stenberg<br><b>Ämne:</b> Inbjudan</font><div>&nbsp;</div></div>"
        f"<div>{_HTML_INVITATION}</div>",
        ("Alva Stenberg (M)", "Ali Karimi (S)"),
    ),
    (
        "plain-blockquote-in-html",
        "<p>Vi kommer 22/9, Ronja Vik (V).</p><blockquote>" + _HTML_INVITATION + "</blockquote>",
        ("Ronja Vik (V)",),
    ),
]


@pytest.mark.parametrize(
    ("html", "keep"),
    [pytest.param(html, keep, id=case_id) for case_id, html, keep in HTML_QUOTES],
)
def test_quoted_mail_is_cut_in_html(html: str, keep: tuple[str, ...]) -> None:
    words = own_words(_mail(html=html))
    _check(words.text, keep, _QUOTE_WORDS)


# ---------------------------------------------------------------------------
# Signatures, mobile footers, legal footers
# ---------------------------------------------------------------------------

_REGISTRATION = "Vi kommer den 19 september med Märta Kron (S), Jonas Frid (M) och Tea Orre (C)."

# (id, what follows the registration, words of it that must not be read)
SIGNATURES = [
    (
        "med-vanlig-halsning",
        "Med vänlig hälsning\nKerstin Holm\nKommunledningskontoret\nNacka kommun\n08-718 80 00",
        ("Kerstin Holm", "Kommunledningskontoret", "08-718 80 00"),
    ),
    (
        "med-vanliga-halsningar-comma",
        "Med vänliga hälsningar,\nOskar Lind\nNämndsekreterare",
        ("Oskar Lind", "Nämndsekreterare"),
    ),
    (
        "vanliga-halsningar",
        "Vänliga hälsningar\nPia Sund\nKS-kansliet",
        ("Pia Sund", "KS-kansliet"),
    ),
    ("mvh-own-line", "Mvh\nAnna\nRegistrator, Täby kommun", ("Registrator, Täby kommun",)),
    ("mvh-with-name", "Mvh Gösta Ekman\nKommunsekreterare", ("Gösta Ekman", "Kommunsekreterare")),
    ("mvh-slash-name", "MVH /Anna\n\nAnna Ström\nTfn 08-590 000 00", ("Anna Ström", "590")),
    ("halsningar", "Hälsningar\nPer\nKommunstyrelsens kansli", ("Kommunstyrelsens kansli",)),
    ("basta-halsningar", "Bästa hälsningar\nLinnea Oskarsson", ("Linnea Oskarsson",)),
    ("slash-name", "/Sanna\n\nSanna Lövgren\nUtredare", ("Sanna Lövgren", "Utredare")),
    ("dash-dash-space", "-- \nSanna Lövgren\nUtredare | Vaxholms stad", ("Sanna Lövgren",)),
    ("ha-det-bra", "Ha det bra!\nIngrid\nStadsledningskontoret", ("Stadsledningskontoret",)),
    ("iphone", "Skickat från min iPhone", ("iPhone",)),
    ("outlook-android", "Skickat från Outlook för Android", ("Android",)),
    ("hamta-outlook-android", "Hämta Outlook för Android", ("Android",)),
    ("ipad-english", "Sent from my iPad", ("iPad",)),
    ("samsung", "Skickat från min Samsung Galaxy-smartphone.", ("Samsung",)),
    (
        "environment-footer",
        "Mvh Kerstin\n\nTänk på miljön innan du skriver ut detta e-postmeddelande.",
        ("miljön",),
    ),
    (
        "diarium-footer",
        "E-post som skickas till Nacka kommun kan komma att diarieföras och blir då allmän handling.",
        ("diarieföras", "allmän handling"),
    ),
    (
        "environment-footer-no-signature",
        "Tänk på miljön – skriv inte ut detta mejl i onödan.",
        ("miljön",),
    ),
    (
        "personal-data-footer",
        "När du skickar e-post till oss behandlar vi dina personuppgifter enligt "
        "dataskyddslagstiftningen. Läs mer på www.sundbyberg.se.",
        ("personuppgifter", "www.sundbyberg.se"),
    ),
]


@pytest.mark.parametrize(
    ("tail", "drop"),
    [pytest.param(tail, drop, id=case_id) for case_id, tail, drop in SIGNATURES],
)
def test_signatures_and_footers_are_not_the_senders_words(tail: str, drop: tuple[str, ...]) -> None:
    plain = f"Hej Rebecka!\n\n{_REGISTRATION}\n\n{tail}\n"
    _check(own_words(_mail(plain)).text, ("Märta Kron (S)", "Jonas Frid (M)", "Tea Orre (C)"), drop)


# (id, tail under the registration, the signature kept to say who "jag" is)
SIGNED = [
    ("closing-then-card", "Med vänlig hälsning\n\nAnna Berg\nKommunstyrelsens ordförande (M)\n", "Anna Berg"),
    ("name-on-the-closing-line", "Mvh Anna Berg (M)\n", "Anna Berg (M)"),
    ("slash-name", "/Anna\n", "Anna"),
    ("dashes", "--\nAnna Berg, S\n", "Anna Berg, S"),
]


@pytest.mark.parametrize(
    ("tail", "first_line"),
    [pytest.param(tail, first, id=case_id) for case_id, tail, first in SIGNED],
)
def test_signature_is_kept_apart_from_the_text(tail: str, first_line: str) -> None:
    own = own_words(_mail(f"Hej!\n\n{_REGISTRATION}\n\n{tail}"))
    assert own.signature.split("\n")[0] == first_line
    assert first_line not in own.text


def test_postscript_under_the_signature_is_the_senders_words() -> None:
    own = own_words(_mail(f"{_REGISTRATION}\n\nMvh\nAnna Berg\n\nps. Märta heter Märta Kron-Ek\n"))
    assert "Märta heter Märta Kron-Ek" in own.text
    assert own.signature == "Anna Berg"


def test_name_over_office_lines_closing_the_text_is_a_signature() -> None:
    own = own_words(_mail(f"{_REGISTRATION}\n\nJonna Sandell\nKommunledningen\nLidingö stad\n"))
    assert "Jonna Sandell" not in own.text
    assert own.signature.startswith("Jonna Sandell")


def test_participants_closing_the_text_are_no_signature() -> None:
    own = own_words(_mail("Vi kommer den 19/9:\n\nAnna Berg\nOlle Lund (S)\nKim Ro (V)\n"))
    assert "Anna Berg" in own.text


def test_forward_quoted_with_marks_is_read_from_the_forwarded_mail() -> None:
    plain = (
        "Se nedan. /Maja\n\nSent from my iPad\n\nBegin forwarded message:\n\n"
        "> From: Kent Olausson <kent.olausson@sollentuna.se>\n> Date: 8 augusti 2016 17:44:12 CEST\n"
        "> To: Maja Rydberg <maja.rydberg@sollentuna.se>\n> Subject: Dialog\n>\n"
        "> Anmäl Kent Olausson (M) och Yvonne Grahn (S) till dialogen den 26 september.\n"
    )
    own = own_words(_mail(plain, subject="Fwd: Dialog"))
    assert own.from_forward
    assert "Kent Olausson (M)" in own.text


def test_answers_typed_into_an_unmarked_quote_are_the_senders_words() -> None:
    plain = (
        "Hej!\n\nSe mina svar i blått nedan.\n\nHälsningar\nJosefin\n\n"
        "Från: Rebecka Frej [mailto:rebecka.frej@sll.se]\nSkickat: den 11 juli 2016 10:02\nTill: Nacka kommun\n"
        "Ämne: Inbjudan\n\nFyra tillfällen för dialog i september\n2 sept | 14.00–16.00\n19 sept | 15.00–17.00\n"
        "Nacka väljer 26 sept kl. 13.00–15.00. Deltagare: Mats Gustafsson (M), Helena Lindqvist (S).\n"
    )
    own = own_words(_mail(plain))
    assert "Nacka väljer 26 sept" in own.text
    assert "2 sept | 14.00" not in own.text


def test_bracketed_answers_written_directly_into_the_quoted_invitation_are_the_senders_words() -> None:
    plain = (
        "Hej Rebecka,\n\nVi har skrivit in Värmdös svar direkt i inbjudan nedan, med blått.\n\nHälsningar\nJonas\n\n"
        "Från: Rebecka Frej [mailto:rebecka.frej@sll.se]\nSkickat: den 11 juli 2016 10:02\nTill: Värmdö\n"
        "Ämne: Inbjudan\n\nInledande informationsmöte 30 augusti\n"
        "[Värmdö: KSO har tyvärr förhinder den 30/8, så vi skickar ingen till informationsmötet.]\n\n"
        "2 sept\t14.00–16.00\n22 sept\t09.30–11.30\n\n"
        "[Värmdö: Vi väljer 22 sept. Deltagare: Anders Lönnqvist (M), Marit Sahlén (S) och Ove Rydberg (KD).]\n"
    )
    own = own_words(_mail(plain))
    assert "[Värmdö: Vi väljer 22 sept" in own.text and "förhinder den 30/8" in own.text
    assert "2 sept\t14.00" not in own.text


def test_a_pointer_to_the_senders_own_earlier_mail_reads_that_mail() -> None:
    plain = (
        "Tack Rebecka!\n\nDå gäller vår anmälan enligt nedan.\n\n/Oskar\n\n"
        "Från: Rebecka Frej [mailto:rebecka.frej@sll.se]\nSkickat: den 11 augusti 2016 16:20\nTill: Hjelm Oskar\n"
        "Ämne: SV: Inbjudan\n\nHej Oskar! Det går bra. Bekräfta gärna.\n\n"
        "Från: Hjelm Oskar [mailto:a@nacka.se]\nSkickat: den 10 augusti 2016 08:19\nTill: Rebecka Frej\n"
        "Ämne: SV: Inbjudan\n\nNacka anmäler Ann Lindh (S) till dialogen 26 september.\n\n"
        "Från: Rebecka Frej [mailto:rebecka.frej@sll.se]\nSkickat: den 11 juli 2016 10:02\nTill: Nacka\n"
        "Ämne: Inbjudan\n\n2 sept | 14.00–16.00\n"
    )
    own = own_words(_mail(plain))
    assert own.from_forward
    assert "Ann Lindh (S)" in own.text and "2 sept" not in own.text


def test_a_mail_sent_as_an_attachment_is_read_when_the_text_points_to_it() -> None:
    inner = _mail("Hej! Haninge kommer den 19 september: Ewa Strand (M).")
    own = own_words(
        _mail("Se bifogat mejl.\n\nMed vänlig hälsning\nKansliet", subject="VB: Anmälan", forwarded=(inner,))
    )
    assert own.from_forward and "Ewa Strand (M)" in own.text


def test_signature_stops_at_the_footer() -> None:
    own = own_words(_mail(f"{_REGISTRATION}\n\nMvh\nAnna Berg\nE-post som skickas till Täby kommun kan diarieföras.\n"))
    assert own.signature == "Anna Berg"


def test_footer_right_under_the_registration_keeps_the_registration() -> None:
    plain = f"{_REGISTRATION}\nE-post som skickas till Täby kommun kan komma att diarieföras.\n"
    _check(own_words(_mail(plain)).text, ("Märta Kron (S)", "Tea Orre (C)"), ("diarieföras",))


# ---------------------------------------------------------------------------
# Registration lines that look like signatures but must survive
# ---------------------------------------------------------------------------

# (id, plain body, lines that must be kept)
SURVIVING_LINES = [
    (
        "dash-list",
        "Hej!\nVi kommer den 22 september med:\n- Annika Borg (S)\n- Gustav Rydh (M)\n- Lisa Wern (MP)\n\nMvh Kim",
        ("- Annika Borg (S)", "- Gustav Rydh (M)", "- Lisa Wern (MP)"),
    ),
    (
        "dash-list-last-in-mail",
        "Anmälan till 2 sept:\n- Annika Borg (S)\n- Gustav Rydh (M)\n- Lisa Wern (MP)",
        ("- Annika Borg (S)", "- Gustav Rydh (M)", "- Lisa Wern (MP)"),
    ),
    (
        "dash-list-with-titles",
        "Deltagare 19/9:\n- Ola Sten, kommunalråd (S)\n- Maja Hed, oppositionsråd (M)\n",
        ("- Ola Sten, kommunalråd (S)", "- Maja Hed, oppositionsråd (M)"),
    ),
    (
        "bullet-list",
        "Vi väljer 26 september.\n• Nora Ekdahl (L)\n• Sven Rapp (S)\n• Elin Gran (C)",
        ("• Nora Ekdahl (L)", "• Sven Rapp (S)", "• Elin Gran (C)"),
    ),
    (
        "asterisk-list",
        "Vi väljer 26 september.\n* Nora Ekdahl (L)\n* Sven Rapp (S)\n",
        ("* Nora Ekdahl (L)", "* Sven Rapp (S)"),
    ),
    (
        "numbered-list",
        "Deltagare den 2/9:\n1. Harriet Blom (M)\n2. Khalid Omar (S)\n3. Åke Sandin (KD)",
        ("1. Harriet Blom (M)", "2. Khalid Omar (S)", "3. Åke Sandin (KD)"),
    ),
    (
        "name-that-could-look-like-a-closing",
        "Vi kommer 19/9:\nGöran Liljegren (M)\nBritt-Marie Sjöberg\n",
        ("Göran Liljegren (M)", "Britt-Marie Sjöberg"),
    ),
    (
        "name-last-before-closing",
        "Vi kommer 19/9 med\nGöran Liljegren (M)\nBritt-Marie Sjöberg (S)\n\nHälsningar\nEva",
        ("Göran Liljegren (M)", "Britt-Marie Sjöberg (S)"),
    ),
    (
        "halsningar-only-at-the-end",
        "Hej,\nhär kommer Österåkers anmälan. Vi tar den 22/9:\nBo Ek (M)\nPer Nord (S)\nDag Wester (C)\n\nHälsningar",
        ("Bo Ek (M)", "Per Nord (S)", "Dag Wester (C)"),
    ),
    (
        "form-style-lines",
        "Datum: 26 september\nNamn: Vera Holm, parti: S\nNamn: Arvid Ståhl, parti: M",
        ("Datum: 26 september", "Vera Holm", "Arvid Ståhl"),
    ),
    (
        "thanks-first-then-registration",
        "Tack för inbjudan!\n\nVi kommer den 2 sept: Ylva Dahlin (S), Nils Ek (M).\n\n/Tove",
        ("Ylva Dahlin (S)", "Nils Ek (M)"),
    ),
    (
        "party-first-lines",
        "19/9\nS: Sofia Brandt\nM: Rickard Ek\nL: Mona Fors",
        ("S: Sofia Brandt", "M: Rickard Ek", "L: Mona Fors"),
    ),
]


@pytest.mark.parametrize(
    ("plain", "keep"),
    [pytest.param(plain, keep, id=case_id) for case_id, plain, keep in SURVIVING_LINES],
)
def test_registration_lines_survive(plain: str, keep: tuple[str, ...]) -> None:
    text = own_words(_mail(plain)).text
    _check(text, keep, ())


# ---------------------------------------------------------------------------
# Forwards
# ---------------------------------------------------------------------------

_FORWARDED_REGISTRATION = (
    "Hej Rebecka!\n\nSolna kommer den 22 september med Karin Edholm (M), "
    "Mats Olin (S) och Ebba Sund (L).\n\nVänliga hälsningar\nKarin Edholm\n"
)

_OUTLOOK_FORWARD_HEADER = (
    "Från: Karin Edholm\nSkickat: den 15 augusti 2016 09:12\nTill: Registrator Solna\nÄmne: Anmälan dialog 22/9\n\n"
)

_GMAIL_FORWARD_HEADER = (
    "---------- Forwarded message ---------\n"
    "From: Karin Edholm <karin.edholm@solna.se>\n"
    "Date: Mon, 15 Aug 2016 at 09:12\n"
    "Subject: Anmälan dialog 22/9\n"
    "To: Registrator <registrator@solna.se>\n\n"
)

_GMAIL_SV_FORWARD_HEADER = (
    "---------- Vidarebefordrat meddelande ----------\n"
    "Från: Karin Edholm <karin.edholm@solna.se>\n"
    "Datum: 15 augusti 2016 09:12\n"
    "Ämne: Anmälan dialog 22/9\n"
    "Till: Registrator <registrator@solna.se>\n\n"
)

# (id, subject, own text above the forward, forward header)
FORWARDS_READ = [
    ("vb-empty-outlook", "VB: Anmälan dialog 22/9", "", _OUTLOOK_FORWARD_HEADER),
    ("fwd-empty-gmail", "Fwd: Anmälan dialog 22/9", "", _GMAIL_FORWARD_HEADER),
    ("vb-empty-gmail-swedish", "VB: Anmälan dialog 22/9", "", _GMAIL_SV_FORWARD_HEADER),
    ("vb-se-nedan", "VB: Anmälan dialog 22/9", "Se nedan.\n\n", _OUTLOOK_FORWARD_HEADER),
    (
        "vb-greeting-se-nedan-signature",
        "VB: Anmälan dialog 22/9",
        "Hej Rebecka,\nse nedan.\n\nMvh\nRegistrator Solna\n\n",
        _OUTLOOK_FORWARD_HEADER,
    ),
    (
        "vb-anmalan-nedan-galler",
        "VB: Anmälan dialog 22/9",
        "Anmälan nedan gäller.\n\n",
        "-----Ursprungligt meddelande-----\n" + _OUTLOOK_FORWARD_HEADER,
    ),
    (
        "fwd-se-nedan-gmail-swedish",
        "Fwd: Anmälan",
        "Hej! Se nedan /Registrator\n\n",
        _GMAIL_SV_FORWARD_HEADER,
    ),
    (
        "vb-underscore-line",
        "VB: Anmälan",
        "",
        "________________________________\n" + _OUTLOOK_FORWARD_HEADER,
    ),
]


@pytest.mark.parametrize(
    ("subject", "top", "header"),
    [pytest.param(s, t, h, id=case_id) for case_id, s, t, h in FORWARDS_READ],
)
def test_forward_without_own_words_is_read_from_the_forwarded_part(subject: str, top: str, header: str) -> None:
    words = own_words(_mail(top + header + _FORWARDED_REGISTRATION, subject=subject))
    assert words.from_forward
    _check(words.text, ("Karin Edholm (M)", "Mats Olin (S)", "Ebba Sund (L)"), ())


def test_forwarded_registration_drops_its_own_signature_and_quote() -> None:
    plain = (
        _OUTLOOK_FORWARD_HEADER
        + _FORWARDED_REGISTRATION
        + "\nFrån: Rebecka Frej <rebecka.frej@sll.se>\nSkickat: den 11 juli 2016 14:02\n"
        "Till: Karin Edholm\nÄmne: Inbjudan\n\n" + _INVITATION
    )
    words = own_words(_mail(plain, subject="VB: Anmälan dialog 22/9"))
    assert words.from_forward
    _check(words.text, ("Mats Olin (S)",), (*_INVITATION_WORDS, "Vänliga hälsningar"))


_ATTACHED = Mail(
    message_id="<inner@solna.se>",
    from_address="karin.edholm@solna.se",
    subject="Anmälan dialog 22/9",
    plain=_FORWARDED_REGISTRATION,
)

# (id, own text of the forwarding mail)
ATTACHED_FORWARDS = [
    ("attached-empty", ""),
    ("attached-se-nedan", "Se nedan."),
    ("attached-greeting-only", "Hej!\n\nMvh Registrator Solna"),
    ("attached-anmalan-nedan-galler", "Hej Rebecka, anmälan nedan gäller Solna. /Registrator"),
]


@pytest.mark.parametrize("top", [pytest.param(top, id=case_id) for case_id, top in ATTACHED_FORWARDS])
def test_forward_as_attached_message_is_read_when_own_text_is_empty(top: str) -> None:
    words = own_words(_mail(top, subject="VB: Anmälan dialog 22/9", forwarded=(_ATTACHED,)))
    assert words.from_forward
    _check(words.text, ("Karin Edholm (M)", "Ebba Sund (L)"), ())


_OLD_REGISTRATION = "Solna kommer den 19 september med Bertil Sand (KD).\n"

# (id, plain, forwarded attachments)
FORWARDS_WITH_OWN_TEXT = [
    (
        "own-registration-above-outlook-forward",
        "Vi byter till den 26 september: Klara Wahl (S), Edvin Rask (M).\n\n"
        + _OUTLOOK_FORWARD_HEADER
        + _OLD_REGISTRATION,
        (),
    ),
    (
        "own-registration-above-gmail-forward",
        "Vi byter till den 26 september: Klara Wahl (S), Edvin Rask (M).\n\n"
        + _GMAIL_FORWARD_HEADER
        + _OLD_REGISTRATION,
        (),
    ),
    (
        "own-registration-with-attached-message",
        "Vi byter till den 26 september: Klara Wahl (S), Edvin Rask (M).",
        (Mail(message_id="<old@solna.se>", from_address="k@solna.se", plain=_OLD_REGISTRATION),),
    ),
]


@pytest.mark.parametrize(
    ("plain", "forwarded"),
    [pytest.param(p, f, id=case_id) for case_id, p, f in FORWARDS_WITH_OWN_TEXT],
)
def test_forward_with_own_registration_keeps_only_the_top(plain: str, forwarded: tuple[Mail, ...]) -> None:
    words = own_words(_mail(plain, subject="VB: Anmälan dialog", forwarded=forwarded))
    assert not words.from_forward
    _check(words.text, ("Klara Wahl (S)", "Edvin Rask (M)"), ("Bertil Sand", "19 september"))


# ---------------------------------------------------------------------------
# HTML-only mail and the choice between text/plain and HTML
# ---------------------------------------------------------------------------

# (id, html, lines the reader must see, each on its own line)
HTML_LAYOUT = [
    (
        "paragraphs-and-br",
        "<p>Hej!</p><p>Vi kommer den 19 september.</p><p>Frida Holm (S)<br>Rune Berg (M)<br>Tilda Ek (C)</p>",
        ("Vi kommer den 19 september.", "Frida Holm (S)", "Rune Berg (M)", "Tilda Ek (C)"),
    ),
    (
        "table-two-columns",
        "<p>Deltagare 22/9:</p><table><tr><td>Anna Andersson</td><td>S</td></tr>"
        "<tr><td>Bo Berg</td><td>M</td></tr></table>",
        ("Anna Andersson | S", "Bo Berg | M"),
    ),
    (
        "table-with-header-row",
        "<table><tr><th>Namn</th><th>Uppdrag</th><th>Parti</th></tr>"
        "<tr><td>Anna Andersson</td><td>Kommunalråd</td><td>Socialdemokraterna</td></tr>"
        "<tr><td>Bo Berg</td><td>Oppositionsråd</td><td>Moderaterna</td></tr></table>",
        (
            "Namn | Uppdrag | Parti",
            "Anna Andersson | Kommunalråd | Socialdemokraterna",
            "Bo Berg | Oppositionsråd | Moderaterna",
        ),
    ),
    (
        "table-cells-with-paragraphs",
        '<table><tr><td><p class="MsoNormal">Lisa Öhman</p></td><td><p class="MsoNormal">V</p></td></tr></table>',
        ("Lisa Öhman | V",),
    ),
    (
        "list-items",
        "<p>Vi väljer 2 september:</p><ul><li>Sara Nyberg (L)</li><li>Olof Dahl (S)</li></ul>",
        ("Sara Nyberg (L)", "Olof Dahl (S)"),
    ),
    (
        "divs-per-line",
        "<div>Vi tar 26/9</div><div>Jenny Krantz (MP)</div><div>Henrik Sundin (M)</div>",
        ("Vi tar 26/9", "Jenny Krantz (MP)", "Henrik Sundin (M)"),
    ),
    (
        "entities",
        "<p>Vi kommer 19/9: &Aring;sa &Ouml;berg (S) och J&ouml;rgen &Auml;ng (M)</p>",
        ("Vi kommer 19/9: Åsa Öberg (S) och Jörgen Äng (M)",),
    ),
    (
        "outlook-styles-and-office-tags",
        "<html><head><style>p.MsoNormal {margin:0cm; font-family:Calibri}</style></head>"
        '<body><div class="WordSection1"><p class="MsoNormal">Vi kommer 22/9.<o:p></o:p></p>'
        '<p class="MsoNormal">Ebbe Lagerlöf (C)<o:p></o:p></p></div></body></html>',
        ("Vi kommer 22/9.", "Ebbe Lagerlöf (C)"),
    ),
]


@pytest.mark.parametrize(
    ("html", "lines"),
    [pytest.param(html, lines, id=case_id) for case_id, html, lines in HTML_LAYOUT],
)
def test_html_only_mail_reads_as_lines(html: str, lines: tuple[str, ...]) -> None:
    # A list item may keep a bullet in front; the words must still be a line of their own.
    seen = [line.strip().lstrip("-•* ") for line in visible_text(_mail(html=html)).split("\n")]
    for line in lines:
        assert line in seen, f"{line!r} is not a line of:\n" + "\n".join(seen)


def test_html_only_mail_has_no_markup_or_styles() -> None:
    html = (
        "<html><head><style>p.MsoNormal {margin:0cm; font-family:Calibri}</style></head>"
        '<body><p class="MsoNormal">Vi kommer 22/9. <b>Ebbe Lagerlöf</b> (C)</p></body></html>'
    )
    text = visible_text(_mail(html=html))
    _check(text, ("Ebbe Lagerlöf (C)",), ("<", "MsoNormal", "font-family"))


# (id, plain, html, expected words, words that must not appear)
PLAIN_OR_HTML = [
    (
        "plain-preferred-when-meaningful",
        "Vi kommer den 19 september. Gun Holm (S)",
        "<p>Vi kommer den 19 september. <b>Gun Holm</b> (S)</p><p>HTML-version</p>",
        ("Gun Holm (S)",),
        ("HTML-version",),
    ),
    (
        "html-when-plain-is-empty",
        "",
        "<p>Vi kommer den 2 september. Gun Holm (S)</p>",
        ("Gun Holm (S)",),
        (),
    ),
    (
        "html-when-plain-is-whitespace",
        "  \r\n \r\n",
        "<p>Vi kommer den 2 september. Gun Holm (S)</p>",
        ("Gun Holm (S)",),
        (),
    ),
    (
        "html-when-plain-is-a-placeholder",
        "This is an HTML message. Please use an HTML capable mail program to read it.",
        "<p>Vi kommer den 2 september. Gun Holm (S)</p>",
        ("Gun Holm (S)",),
        ("HTML capable",),
    ),
]


@pytest.mark.parametrize(
    ("plain", "html", "keep", "drop"),
    [pytest.param(p, h, k, d, id=case_id) for case_id, p, h, k, d in PLAIN_OR_HTML],
)
def test_visible_text_prefers_meaningful_plain(
    plain: str, html: str, keep: tuple[str, ...], drop: tuple[str, ...]
) -> None:
    _check(visible_text(_mail(plain, html)), keep, drop)


def test_plain_text_line_breaks_are_normalised() -> None:
    text = visible_text(_mail("Vi kommer 19/9:\r\nGun Holm (S)\r\nAli Nur (M)\r\n"))
    assert text.split("\n") == ["Vi kommer 19/9:", "Gun Holm (S)", "Ali Nur (M)"]


# ---------------------------------------------------------------------------
# Subjects
# ---------------------------------------------------------------------------

# (id, subject, topic)
SUBJECTS = [
    ("sv", "SV: Inbjudan", "Inbjudan"),
    ("sv-lower", "Sv: Inbjudan", "Inbjudan"),
    ("re", "Re: Anmälan dialog 19/9", "Anmälan dialog 19/9"),
    ("stacked", "Sv: SV: RE: Inbjudan", "Inbjudan"),
    ("vb", "VB: Anmälan", "Anmälan"),
    ("fw", "FW: Anmälan", "Anmälan"),
    ("fwd", "Fwd: Anmälan", "Anmälan"),
    ("svar", "Svar: Inbjudan", "Inbjudan"),
    (
        "sv-vb",
        "SV: VB: Inbjudan – Dialog om regional samverkan och utveckling",
        "Inbjudan – Dialog om regional samverkan och utveckling",
    ),
    ("counted", "Re[2]: Anmälan", "Anmälan"),
    ("no-space", "SV:Inbjudan", "Inbjudan"),
    ("none", "Anmälan till dialog", "Anmälan till dialog"),
    ("svar-as-a-word", "Svar angående anmälan", "Svar angående anmälan"),
    ("ends-with-date", "SV: Anmälan 22 sept", "Anmälan 22 sept"),
]


@pytest.mark.parametrize(
    ("subject", "topic"),
    [pytest.param(subject, topic, id=case_id) for case_id, subject, topic in SUBJECTS],
)
def test_subject_topic(subject: str, topic: str) -> None:
    assert subject_topic(subject) == topic


def test_an_answer_pointing_at_the_quoted_session_above_it() -> None:
    plain = (
        "svarar direkt i texten nedan.\n\nDen 2016-07-11 kl. 09:40, skrev Rebecka Frej:\n"
        "> 19 sept    15.00–17.00   Skärgårdssalen, Landstingshuset\n"
        "> 22 sept    09.30–11.30   Mälarsalen, Landstingshuset\n\n"
        "Den här passar oss bäst. Vi blir Helena Sjödin (M) och Marianne Björk (C).\n\n"
        "> 26 sept    13.00–15.00   Skärgårdssalen, Landstingshuset\n"
    )
    _check(own_words(_mail(plain)).text, ("22 sept", "Den här passar oss bäst"), ("19 sept", "26 sept"))


def test_participants_by_pointer_to_the_senders_own_earlier_mail() -> None:
    mail = Mail(
        message_id="<a@b>",
        from_address="hamid.karimzadeh@botkyrka.se",
        from_name="Karimzadeh Hamid",
        subject="SV: Anmälan",
        plain=(
            "Botkyrka väljer måndagen den 26 september. Deltagare enligt vår anmälan nedan.\n\n"
            "Från: Karimzadeh Hamid\nSkickat: den 10 augusti 2016 09:05\nTill: 'rebecka.frej@sll.se'\n"
            "Ämne: Anmälan Botkyrka\n\nHej Rebecka,\n\nKSO Katarina Bergendahl (S)\n1:e vice ordf. Jan Sjöström (M)\n\n"
            "Samtliga kan både den 19 september och den 26 september."
        ),
    )
    _check(own_words(mail).text, ("Katarina Bergendahl (S)", "Jan Sjöström (M)", "26 september"), ("19 september",))


def test_apple_mails_swedish_forward_intro_with_av() -> None:
    plain = (
        "Se nedan, anmälan från oss.\n\nHälsningar\nLinnéa\n\nBörjan av vidarebefordrat brev:\n\n"
        "> Från: Marie Stenqvist <marie.stenqvist@sodertalje.se>\n> Ämne: Dialogen\n> Datum: 25 augusti 2016\n"
        "> Till: Linnéa Berglund <linnea.berglund@sodertalje.se>\n>\n"
        "> kan du anmäla oss till dialogen den 2 september? Det blir Hampus Ekdahl (M) och Tiina Kallio (V).\n"
    )
    words = own_words(_mail(plain, subject="Fwd: Dialogen"))
    assert words.from_forward
    _check(words.text, ("den 2 september", "Hampus Ekdahl (M)"), ("Se nedan",))


def test_a_resent_earlier_mail_whose_table_only_the_html_keeps_is_read_from_the_html() -> None:
    header = "Från: Amra Hodžić\nSkickat: den 11 augusti 2016 10:40\nTill: rebecka.frej@sll.se\nÄmne: Anmälan\n\n"
    intro = "Jag skickar den igen för säkerhets skull – se nedan.\n\n/Amra\n\n"
    plain = (
        intro
        + header
        + "Vi anmäler till den 2 september:\n\nNamn\n\nParti\n\nKatarina Berggren\n\nSocialdemokraterna\n"
    )
    html = (
        "<p>Jag skickar den igen för säkerhets skull – se nedan.</p><p>/Amra</p>"
        '<div style="border:none;border-top:solid #E1E1E1 1.0pt"><p><b>Från:</b> Amra Hodžić<br><b>Skickat:</b>'
        " den 11 augusti 2016 10:40<br><b>Till:</b> rebecka.frej@sll.se<br><b>Ämne:</b> Anmälan</p></div>"
        "<p>Vi anmäler till den 2 september:</p><table><tr><td>Namn</td><td>Parti</td></tr>"
        "<tr><td>Katarina Berggren</td><td>Socialdemokraterna</td></tr>"
        "<tr><td>Jan Sandell</td><td>Moderaterna</td></tr></table>"
    )
    own = own_words(dataclasses.replace(_mail(plain, html), from_name="Amra Hodžić"))
    assert "Katarina Berggren | Socialdemokraterna" in own.text


def test_names_enligt_mitt_mejl_nedan_are_read_from_the_senders_own_gmail_quoted_mail() -> None:
    plain = (
        "Datum blir måndag 26:e sept. Namnen enligt mitt mejl nedan.\n\n"
        'Den 16 augusti 2016 10:00 skrev "Mikael Ståhl" <mikael.stahl@nacka.se>:\n'
        "> Hej! Nacka anmäler Mikael Ståhl (M), Ingrid Öberg (S), Tove Jernberg\n"
        "> (Liberalerna). Datum återkommer vi om.\n"
        '>\n> Den 11 juli 2016 9:58 skrev "Rebecka Frej" <rebecka.frej@sll.se>:\n>> Fyra tillfällen: 2 sept, 19 sept\n'
    )
    mail = dataclasses.replace(_mail(plain), from_address="mikael.stahl@nacka.se", from_name="Mikael Ståhl")
    own = own_words(mail)
    assert "Tove Jernberg (Liberalerna)" in own.text
    assert "19 sept" not in own.text


def test_i_ovrigt_som_nedan_adds_the_senders_own_mail_quoted_under_a_notice() -> None:
    plain = (
        "Hej,\n\nJohan Wiklund är centerpartist, alltså (C). I övrigt gäller anmälan som nedan.\n\nLinnéa\n\n"
        "Den 2016-08-10 kl. 09:04, skrev Rebecka Frej:\n> Anmälan kunde tyvärr inte registreras:\n>\n"
        ">   – Parti saknas för Johan Wiklund.\n>\n>   måndag 19 september    kl. 15.00–17.00\n>\n"
        "> Den 10 augusti 2016 kl. 09:03 skrev Linnéa Åkesson <linnea.akesson@sigtuna.se>:\n"
        ">> Sigtuna kommun kommer till dialogen den 19 september. Deltagare:\n>>\n>> Anneli Falk (S)\n"
        ">> Mikael Jonsson-Berg (M)\n>> Johan Wiklund\n>>\n"
        ">> Den 2016-07-11 kl. 09:58, skrev Rebecka Frej:\n>>> 2 sept 14.00–16.00\n"
    )
    mail = dataclasses.replace(_mail(plain), from_address="linnea.akesson@sigtuna.se", from_name="Linnéa Åkesson")
    own = own_words(mail)
    assert "Johan Wiklund är centerpartist" in own.text and "Anneli Falk (S)" in own.text
    assert "2 sept" not in own.text and "Parti saknas" not in own.text


def test_a_long_office_card_closing_a_formal_letter_is_a_signature() -> None:
    plain = (
        "Nacka kommun anmäler till den 19 september: Lars Hjort (M), Tove Engström (S).\n\n"
        "Handläggare i ärendet är undertecknad.\n\n"
        "Monica Dahlbäck\nAdministrativ chef\nKommunstyrelsens förvaltning\nNacka kommun\n131 81 Nacka\n"
        "Besöksadress: Granitvägen 15\nTfn 08-718 80 00\n"
    )
    own = own_words(_mail(plain))
    assert "Monica Dahlbäck" not in own.text and "Monica Dahlbäck" in own.signature


def test_participants_and_info_meeting_as_in_my_mail_below_keep_each_lists_meeting() -> None:
    plain = (
        "Rättelse: dialogen ska vara torsdag 22/9, inte fredag 23/9. Deltagare och informationsmöte enligt mitt"
        " mejl nedan.\n\n/Tove\n\nFrån: Hjalmarsson Tove\nSkickat: den 10 augusti 2016 15:49\nTill: Rebecka Frej\n"
        "Ämne: Anmälan\n\nNacka kommun anmäler:\n\nInformationsmötet 30 augusti: kommunstyrelsens ordförande"
        " Annelie Rosén-Vik (S)\n\nDialog fredag 23/9:\nAnnelie Rosén-Vik (S)\nTomas Kvarnström (M)\n"
    )
    mail = dataclasses.replace(_mail(plain), from_address="tove.hjalmarsson@nacka.se", from_name="Hjalmarsson Tove")
    own = own_words(mail)
    assert "Deltagare:\nAnnelie Rosén-Vik (S)\nTomas Kvarnström (M)" in own.text
    assert "23/9:" not in own.text


def test_a_registry_forward_that_points_to_the_attached_mail_reads_that_mail() -> None:
    inner = dataclasses.replace(
        _mail("Järfälla kommun deltar i dialogen måndagen den 26 september med:\nMarléne Sjöholm (M)\n"),
        from_address="marlene.sjoholm@jarfalla.se",
    )
    outer = _mail(
        "Hej Rebecka,\n\nHär kommer Järfälla kommuns anmälan till dialogen, från kommunstyrelsens ordförande. "
        "Se det bifogade mejlet.\n\nMed vänlig hälsning\nJonas Ek\nRegistrator",
        subject="Fwd: Anmälan dialog",
        forwarded=(inner,),
    )
    words = own_words(outer)
    assert "Marléne Sjöholm (M)" in words.text and words.from_forward


def test_answers_typed_into_the_quoted_invitation_are_the_senders() -> None:
    text = own_words(
        _mail(
            "Hej Rebecka,\n\nJag har svarat direkt i texten nedan.\n\nHälsningar\nBritt-Marie\n\n"
            "-----Ursprungligt meddelande-----\nFrån: Rebecka Frej\nSkickat: den 11 juli 2016\n\n"
            f"{_QUOTED_INVITATION}\n\n[Britt-Marie Lagerqvist] Den 19:e passar oss.\n"
        )
    ).text
    _check(text, keep=("Den 19:e passar oss",), drop=_INVITATION_WORDS)


_ROWS = ("2 sept 14.00–16.00", "19 sept 15.00–17.00", "22 sept 09.30–11.30", "26 sept 13.00–15.00")


@pytest.mark.parametrize(
    "struck",
    ["<s>{}</s>", "<strike>{}</strike>", "<del>{}</del>", '<span style="text-decoration: line-through">{}</span>'],
)
def test_rows_struck_through_in_html_are_what_the_sender_crossed_out(struck: str) -> None:
    # The plain part shows all four rows unmarked; only the HTML shows which three were struck out.
    plain = "Jag har strukit de tider som inte passar, det som står kvar är vårt val.\n\n" + "\n".join(_ROWS)
    html = "<p>Jag har strukit de tider som inte passar, det som står kvar är vårt val.</p>" + "".join(
        f"<p>{struck.format(row) if not row.startswith('26') else row}</p>" for row in _ROWS
    )
    _check(own_words(_mail(plain, html)).text, ("26 sept 13.00–15.00", "står kvar"), _ROWS[:3])


def test_a_row_the_plain_part_marks_in_bold_keeps_the_plain_part() -> None:
    plain = "Vårt val är markerat med fetstil:\n\n" + "\n".join(f"*{r}*" if r.startswith("19") else r for r in _ROWS)
    quoted_table = "<blockquote type='cite'><table>" + "".join(
        f"<tr><td>{r.split(' ', 2)[0]} sept</td><td>{r.split()[-1]}</td></tr>" for r in _ROWS
    )
    html = "<p>Vårt val är markerat med fetstil:</p>" + "".join(
        f"<p><b>{r}</b></p>" if r.startswith("19") else f"<p>{r}</p>" for r in _ROWS
    )
    quoted_table += "</table></blockquote>"
    mail = _mail(plain + "\n\nDen 11 juli skrev Rebecka Frej:\n> Inbjudan", html + quoted_table)
    assert "*19 sept 15.00–17.00*" in own_words(mail).text


@pytest.mark.parametrize(
    ("plain", "line"),
    [
        (
            "Till dialogen den 22 september kommer tre ledamöter: Anna-Karin Lind\n"
            "(M), Omid Rezaei (L) och Birgitta Ståhl (S).",
            "Anna-Karin Lind (M), Omid Rezaei (L) och Birgitta Ståhl (S).",
        ),
        (
            "Danderyd kommer måndagen den 19 september med Gustaf Lager (M), Eva-Lena\n"
            "Brandt (L) och Hussein Mahmoud (S).",
            "Eva-Lena Brandt (L)",
        ),
        (
            "En ändring i Botkyrkas anmälan till den 22/9: Lotta Wennberg ersätts av\nYusuf Aziz (S).",
            "ersätts av Yusuf Aziz (S).",
        ),
        (
            "o Marie-Louise Andrén, andre vice ordförande i kommunstyrelsen,\nModeraterna\no Niklas Hedén, ledamot",
            "kommunstyrelsen, Moderaterna",
        ),
    ],
)
def test_a_line_broken_by_the_client_at_72_columns_is_joined_again(plain: str, line: str) -> None:
    assert line in visible_text(_mail(plain))


@pytest.mark.parametrize(
    "plain",
    [
        "Vi kommer den 19 september med följande tre personer från kommunstyrelsen:\nAnna Berg (S)\nBo Lund (M)",
        "hej! täby kör 22/9 anna-karin lööw m, johan ek s och peter sandberg l, alla tre\nmvh ulrika",
        "Anna Berg (S), kommunstyrelsens ordförande och gruppledare i fullmäktige\nBo Lund (M), oppositionsråd",
    ],
)
def test_lines_the_writer_broke_stay_broken(plain: str) -> None:
    assert visible_text(_mail(plain)) == plain


def test_letters_written_decomposed_are_one_letter() -> None:
    decomposed = "Hanna A\u030astro\u0308m (S)"
    assert "Hanna Åström (S)" in visible_text(_mail(decomposed))


def test_a_plain_part_of_only_image_placeholders_gives_way_to_the_html() -> None:
    text = visible_text(_mail("[image]\n\n[image]", "<p>Ekerö kommer den 22 september: Adam Öberg (M)</p>"))
    assert "Adam Öberg (M)" in text


def test_a_quote_in_a_mail_without_line_breaks_is_still_cut() -> None:
    plain = (
        "Hej! Sundbyberg anmäler sig till dialogen 19 september: Peter Lindh (S) Anna Ek (M) "
        "-----Ursprungligt meddelande----- Från: Rebecka Frej Skickat: den 11 juli 2016 Ämne: Inbjudan "
        "Fyra tillfällen för dialog i september? 2 sept 19 sept 22 sept 26 sept"
    )
    words = own_words(_mail(plain)).text
    _check(words, ("Peter Lindh (S)",), ("Fyra tillfällen", "Ursprungligt"))


def test_answers_written_into_the_quoted_invitation_keep_the_row_they_point_at() -> None:
    plain = (
        "Hej Rebecka!\n\nNorrtälje kommuns svar finns inskrivet i din text nedan.\n\n"
        "Från: Rebecka Frej\nSkickat: den 11 juli 2016 10:00\nÄmne: Inbjudan\n\n"
        "Fyra tillfällen för dialog i september\n2 sept 14.00–16.00 Skärgårdssalen\n"
        "19 sept 15.00–17.00 Skärgårdssalen\n"
        "SVAR NORRTÄLJE: Vi väljer detta datum. Deltagare: Anna Ek (M), Bo Berg (S), Eva Lund (C)\n"
        "22 sept 09.30–11.30 Mälarsalen\n"
    )
    text = own_words(_mail(plain)).text
    assert "19 sept 15.00–17.00 Skärgårdssalen: SVAR NORRTÄLJE: Vi väljer detta datum." in text


def test_see_below_over_an_answer_typed_into_a_row_of_the_quoted_invitation() -> None:
    plain = (
        "Hej! Se nedan.\n\n/Katja\n\nFrån: Rebecka Frej\nSkickat: den 11 juli 2016 10:03\nÄmne: Inbjudan\n\n"
        "2 sept 14.00–16.00 Skärgårdssalen  <<< Vaxholm kommer detta datum: Magnus Lidén (M), Britt Sand (S)\n"
        "19 sept 15.00–17.00 Skärgårdssalen\n"
    )
    assert "Magnus Lidén (M)" in own_words(_mail(plain)).text


def test_a_registrys_forward_with_only_its_address_block_is_read_from_the_forwarded_mail() -> None:
    words = own_words(
        _mail(
            "\n\nHaninge kommun\nRegistrator\n136 81 Haninge\n08-606 70 00\n\n"
            "Från: Oskar Bäckström\nSkickat: onsdag den 10 augusti 2016 14:52\nTill: Registrator Haninge\n"
            "Ämne: Anmälan till SLL:s dialog\n\n"
            "Haninge kommun anmäler följande till dialogmötet den 26 september:\nMeral Demir (S)\nGunnar Hedberg (M)\n",
            subject="VB: Anmälan till SLL:s dialog",
        )
    )
    assert words.from_forward
    assert "Meral Demir (S)" in words.text


def test_an_english_pointer_reads_the_forwarded_mail() -> None:
    words = own_words(
        _mail(
            "Hi Rebecka,\n\nSee below, from the KSO office. This is Botkyrkas registration.\n\nBest, Leyla\n\n"
            "Från: Tobias Wahlberg\nSkickat: den 11 augusti 2016 09:47\nTill: Leyla Demir\nÄmne: Dialog\n\n"
            "Hej Leyla,\nTill dialogen den 19 september kommer Katarina Berggren (S) och Ebba Östlin (V).\n",
            subject="VB: Dialog med landstinget i september",
        )
    )
    assert words.from_forward
    assert "Katarina Berggren (S)" in words.text


def test_a_table_with_a_merged_cell_is_read_from_the_html() -> None:
    html = (
        "<p>Vi kommer den 26 september.</p><table><tr><td>Namn</td><td>Parti</td></tr>"
        "<tr><td>Mohammed Jama</td><td rowspan=2>S</td></tr><tr><td>Jenny Sääf</td></tr></table>"
    )
    plain = "Vi kommer den 26 september.\n\nNamn\tParti\nMohammed Jama\tS\nJenny Sääf\n"
    assert "Jenny Sääf | S" in own_words(_mail(plain, html, subject="Anmälan")).text


def test_lines_typed_between_the_marks_of_a_quote_are_the_senders_answers() -> None:
    plain = (
        "Hej, en ändring inlagd i er bekräftelse nedan. Övrigt gäller som tidigare.\n\n"
        "> -----Ursprungligt meddelande-----\n> Från: Rebecka Frej\n>\n>> Deltagare:\n"
        ">>   - Cecilia Åkerlund (M)\n>>   - Björn Dahlgren (S)\n\n"
        "Björn Dahlgren kan inte, han ersätts av Dalia Saleh (S).\n\n>>   - Fredrik von Essen (L)\n"
    )
    words = own_words(_mail(plain)).text
    assert "han ersätts av Dalia Saleh (S)" in words
    assert "Cecilia Åkerlund" not in words
