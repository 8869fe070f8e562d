"""`make demo`: mailbot doing its whole job on built-in defaults, with no mail account.

Starts a private Dovecot (IMAP) and an SMTP server on 127.0.0.1, fills the
mailbox with a dozen sample replies, runs one mailbot cycle exactly as
`mailbot run --once` does, and shows what happened. Nothing keeps running
afterwards and nothing leaves this machine.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from servers import PrivateDovecot, SmtpSink  # noqa: E402

CEST = dt.timezone(dt.timedelta(hours=2))


def sample(
    n: int,
    sender: str,
    name: str,
    subject: str,
    body: str,
    when: dt.datetime,
    headers: dict[str, str] | None = None,
) -> tuple[bytes, dt.datetime]:
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = f"{name} <{sender}>"
    message["To"] = "Rebecka Frej <rebecka.frej@sll.se>"
    message["Subject"] = subject
    message["Date"] = format_datetime(when)
    message["Message-ID"] = f"<demo-{n}@{sender.split('@')[1]}>"
    for key, value in (headers or {}).items():
        message[key] = value
    message.set_content(textwrap.dedent(body).strip() + "\n")
    return message.as_bytes(), when


def samples() -> list[tuple[bytes, dt.datetime]]:
    day = dt.datetime(2016, 8, 15, 9, 0, tzinfo=CEST)
    invitation = (
        "\n\nFrån: Rebecka Frej [mailto:rebecka.frej@sll.se]\nSkickat: den 11 juli 2016 10:02\n"
        "Till: Registrator\nÄmne: Inbjudan till dialog\n\nFyra tillfällen för dialog i september:\n"
        "2 sept 14.00–16.00, 19 sept 15.00–17.00, 22 sept 09.30–11.30, 26 sept 13.00–15.00\n"
    )
    return [
        sample(
            1,
            "kansliet@nacka.se",
            "Elin Forsberg",
            "SV: Inbjudan till dialog",
            """
            Hej Rebecka,

            Nacka kommun anmäler följande till dialogen den 22 september:

            Lars Ohlsson (M), kommunstyrelsens ordförande
            Sofia Karlberg (S)
            Henrik Wallin (L)

            Vänliga hälsningar
            Elin Forsberg
            """
            + invitation,
            day,
        ),
        sample(
            2,
            "ks@tyreso.se",
            "Sanna Hedberg",
            "Anmälan Tyresö",
            """
            Hej!

            Tyresö kommer fredagen den 2 september med Fredrik Nordahl (M), Kerstin Ålund (C)
            och Mikael Strand (S).

            /Sanna
            """,
            day + dt.timedelta(hours=2),
        ),
        sample(
            3,
            "ks@tyreso.se",
            "Sanna Hedberg",
            "SV: Anmälan Tyresö",
            """
            Hej igen! En ändring: Kerstin Ålund (C) ersätts av Jonas Pihl (C). Övriga som tidigare.

            /Sanna
            """,
            day + dt.timedelta(days=2),
        ),
        sample(
            4,
            "registrator@jarfalla.se",
            "Petra Nyström",
            "Re: Inbjudan till dialog",
            """
            Hej Rebecka!

            Järfälla kan delta antingen den 19 eller 22 sept. Deltagare blir
            Anders Holmqvist (S)
            Eva Persson-Dahl (M)
            Nils Berglöf

            Hälsningar
            Petra
            """,
            day + dt.timedelta(days=1),
        ),
        sample(
            5,
            "assistent@lidingo.se",
            "Eva Malmberg",
            "Informationsmöte 30/8 – Lidingö",
            """
            Hej,

            Kommunstyrelsens ordförande Carl-Johan Sterner (M) kommer till informationsmötet den 30 augusti.

            Med vänlig hälsning
            Eva Malmberg
            """,
            day + dt.timedelta(days=3),
        ),
        sample(
            6,
            "annika.stromgren@huddinge.se",
            "Annika Strömgren",
            "Automatiskt svar: Inbjudan till dialog",
            """
            Jag har semester och är tillbaka måndag den 8 augusti.
            """,
            day - dt.timedelta(days=30),
            {"Auto-Submitted": "auto-replied"},
        ),
        sample(
            7,
            "lotta.nyberg@salem.se",
            "Lotta Nyberg",
            "Fråga om dialogen",
            """
            Hej Rebecka,

            Går det bra att en ersättare i kommunstyrelsen tar en av de tre platserna?

            Vänliga hälsningar
            Lotta Nyberg
            """,
            day + dt.timedelta(days=4),
        ),
        sample(
            8,
            "jonas.frisk62@gmail.com",
            "Jonas Frisk",
            "Anmälan från Nykvarn",
            """
            Hej! Nykvarn vill delta den 2 sept: Jonas Frisk (C), Gun-Britt Wessman (M), Roger Åhman (S).
            """,
            day + dt.timedelta(days=5),
        ),
        sample(
            9,
            "kallin@norrtalje.se",
            "Birgitta Kallin",
            "Anmälan Norrtälje",
            """
            Hej Rebecka,

            Datum: 2016-09-26

            Deltagare:
            Jan-Erik Öhman, S
            Gunnel Wikström, M
            Sören Bladh, C
            """,
            day + dt.timedelta(days=6),
        ),
        sample(
            10,
            "camilla.ek@sigtuna.se",
            "Camilla Ek",
            "Anmälan Sigtuna 19/9",
            """
            Hej,

            Sigtuna anmäler till dialogen den 19/9:

            - Kent Norberg (S)
            - Helena Fors (M)
            - Olle Sundqvist (C)
            - Dragan Petrović (Sverigedemokraterna)
            """,
            day + dt.timedelta(days=7),
        ),
        sample(
            11,
            "maja.lindell@sundbyberg.se",
            "Maja Lindell",
            "Anmälan till dialogmöte 19/9",
            """
            Hej Rebecka,

            Sundbybergs stad anmäler till dialogmötet den 19/9:

            • Jens Holmgren, Socialdemokraterna
            • Åsa Wennerlund, Vänsterpartiet
            • Ali Rahmani, Liberalerna
            """,
            day + dt.timedelta(days=8),
        ),
        sample(
            12,
            "asa.ohrvall@osteraker.se",
            "Åsa Öhrvall",
            "Anmälan Österåker – dialog 19/9",
            """
            Hej Rebecka, hoppas att det inte är för sent! Österåker vill anmäla sig till dialogen den 19/9:
            jag själv (Åsa Öhrvall, M), Britt-Marie Sjöberg (S) och Mikael Rönn (KD).
            """,
            dt.datetime(2016, 8, 27, 0, 9, tzinfo=CEST),
        ),
    ]


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="mailbot-demo-"))
    output = REPO / "demo-output"
    output.mkdir(exist_ok=True)
    started = time.monotonic()
    print("mailbot demo: a private IMAP server (Dovecot) and SMTP server on 127.0.0.1, no real mail.\n")
    try:
        with PrivateDovecot() as imap, SmtpSink() as smtp:
            for raw, when in samples():
                imap.append(raw, when)
            database = output / "demo.db"
            database.unlink(missing_ok=True)
            env = {
                **{k: v for k, v in os.environ.items() if not k.startswith("MAILBOT_")},
                **imap.env(),
                **smtp.env(),
                "MAILBOT_DATABASE_URL": f"sqlite:///{database}",
                "MAILBOT_CONFIG": str(REPO / "config" / "mailbot.toml"),
            }
            mailbot = [sys.executable, "-m", "mailbot"]
            print(f"1. {len(samples())} sample replies are in the mailbox. Running: mailbot run --once\n")
            run = subprocess.run([*mailbot, "run", "--once"], env=env, cwd=REPO, capture_output=True, text=True)
            for line in run.stderr.splitlines():
                if " decided " in line:
                    print("   " + line.split(" INFO ", 1)[-1])
            print("\n   " + run.stdout.strip())
            replies = smtp.wait_for(10, timeout=5)
            print(f"\n2. The SMTP server received {len(replies)} replies:\n")
            for reply in replies:
                parsed = email.message_from_bytes(reply.raw, policy=email.policy.default)
                body = parsed.get_body(("plain",))
                text = body.get_content() if body is not None else ""  # type: ignore[union-attr]
                lines = [line for line in text.splitlines() if line.strip()][1:4]
                print(f"   To {reply.rcpt_tos[0]}: {parsed['Subject']}")
                for line in lines:
                    print(f"      {line}")
                print()
            print("3. What is registered (mailbot status):\n")
            status = subprocess.run([*mailbot, "status"], env=env, cwd=REPO, capture_output=True, text=True)
            print(textwrap.indent(status.stdout or status.stderr, "   "))
            export = output / "export.json"
            subprocess.run([*mailbot, "export", "--format", "json", "-o", str(export)], env=env, cwd=REPO, check=True)
            html, xlsx = output / "digest.html", output / "deltagare.xlsx"
            subprocess.run(
                [*mailbot, "digest", "--now", "2016-08-24T07:00", "--html", str(html), "--xlsx", str(xlsx)],
                env=env,
                cwd=REPO,
                check=True,
                capture_output=True,
            )
            print("4. The coordinator's daily digest (mailbot digest), as of 24 August 2016 07.00:")
            print(f"      {html}  (open it in a browser)")
            print(f"      {xlsx}  (the participant list, one sheet per session)")
            print(f"   Everything mailbot decided, with the history of each change: {export}")
            print("   The messages that wait for a person: mailbot review")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(
        textwrap.dedent(f"""
        Done in {time.monotonic() - started:.1f} s; the test servers are stopped.

        To use a real mailbox, set (see README.md, "Connecting a real mailbox"):
            export MAILBOT_IMAP_HOST=imap.example.se MAILBOT_IMAP_USER=rebecka.frej@sll.se
            export MAILBOT_IMAP_PASSWORD=...  MAILBOT_SMTP_HOST=smtp.example.se
            .venv/bin/mailbot check-config && .venv/bin/mailbot run
        """)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
