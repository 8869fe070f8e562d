"""Whether the receiving server could vouch for the sender (RFC 8601 Authentication-Results).

Only the first header counts: it is the one the coordinator's own server
added; anything below it came with the message and proves nothing.
"""

from __future__ import annotations

import re

from mailbot.core.mail import Mail

_RESULT = re.compile(r"\b(dmarc|spf)\s*=\s*(\w+)", re.I)
_MAILFROM = re.compile(r"smtp\.mailfrom\s*=\s*\"?(?:[^\s;@\"]*@)?([^\s;\"]+)", re.I)


def unverified_sender(mail: Mail) -> str | None:
    """A reason to distrust the From address, or None when nothing says it is forged."""
    results = next((value for name, value in mail.headers if name == "authentication-results"), "")
    if not results:
        return None
    verdicts = {method.lower(): verdict.lower() for method, verdict in _RESULT.findall(results)}
    if verdicts.get("dmarc") == "fail":
        return "avsändaradressen underkändes av mottagande server (DMARC)"
    if verdicts.get("spf") == "fail":
        mailfrom = _MAILFROM.search(results)
        domain = mailfrom.group(1).lower().strip(">") if mailfrom else ""
        if not domain or domain == mail.sender_domain or mail.sender_domain.endswith("." + domain):
            return "avsändaradressen underkändes av mottagande server (SPF)"
    return None
