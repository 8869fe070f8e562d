"""Edge: sending over SMTP (smtplib), with failures sorted into "try later" and "never"."""

from __future__ import annotations

import contextlib
import logging
import smtplib
import socket
import ssl
import time
from collections.abc import Sequence

from mailbot.settings import SmtpConfig
from mailbot.tls import client_context

log = logging.getLogger(__name__)

# A connection used this recently is trusted without a NOOP first.
TRUST_SECONDS = 5.0


class SendError(Exception):
    """A mail was not (surely) accepted.

    `transient`: the server said "try later" or could not be reached, so
    sending again is safe. `uncertain`: the connection broke after the
    message was handed over, so the server may have accepted it; sending
    again could deliver it twice.
    """

    def __init__(self, message: str, *, transient: bool, uncertain: bool = False) -> None:
        super().__init__(message)
        self.transient = transient
        self.uncertain = uncertain


class Sender:
    """One SMTP connection for a batch of mails. Use as a context manager."""

    def __init__(self, config: SmtpConfig, *, local_hostname: str = "localhost") -> None:
        self.config = config
        self.local_hostname = local_hostname
        self.connection: smtplib.SMTP | None = None
        self.last_used = 0.0

    def __enter__(self) -> Sender:
        self.connect()
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def connect(self) -> None:
        config = self.config
        where = f"{config.host}:{config.port}"
        context = client_context(config.verify_certificates, "SMTP") if config.security != "none" else None
        try:
            if config.security == "ssl":
                connection: smtplib.SMTP = smtplib.SMTP_SSL(
                    config.host,
                    config.port,
                    local_hostname=self.local_hostname,
                    timeout=config.timeout_seconds,
                    context=context,
                )
            else:
                connection = smtplib.SMTP(
                    config.host,
                    config.port,
                    local_hostname=self.local_hostname,
                    timeout=config.timeout_seconds,
                )
                if config.security == "starttls":
                    connection.starttls(context=context)
            if config.user:
                connection.login(config.user, config.password)
        except smtplib.SMTPAuthenticationError:
            raise SendError(
                f"the SMTP server {where} refused the login for {config.user!r}; "
                "check MAILBOT_SMTP_USER and MAILBOT_SMTP_PASSWORD",
                transient=False,
            ) from None
        except ssl.SSLCertVerificationError as error:
            raise SendError(
                f"the SMTP server {where} presented a certificate that cannot be trusted ({error.verify_message})",
                transient=False,
            ) from None
        except (TimeoutError, smtplib.SMTPException, OSError) as error:
            raise SendError(f"cannot reach the SMTP server {where} ({_describe(error)})", transient=True) from None
        self.connection = connection
        self.last_used = time.monotonic()

    def send(self, raw: bytes, *, sender: str, recipients: Sequence[str]) -> None:
        self._ensure_alive()
        assert self.connection is not None
        try:
            refused = self.connection.sendmail(sender, list(recipients), raw)
            self.last_used = time.monotonic()
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _ in error.recipients.values()]
            raise SendError(
                f"recipient refused: {error.recipients}",
                transient=all(400 <= c < 500 for c in codes),
            ) from None
        except smtplib.SMTPResponseException as error:
            message = (
                error.smtp_error.decode("utf-8", "replace")
                if isinstance(error.smtp_error, bytes)
                else str(error.smtp_error)
            )
            raise SendError(f"{error.smtp_code} {message}", transient=400 <= error.smtp_code < 500) from None
        except (TimeoutError, smtplib.SMTPException, OSError) as error:
            self.connection = None
            raise SendError(
                f"connection lost while sending ({_describe(error)})",
                transient=False,
                uncertain=True,
            ) from None
        if refused:
            raise SendError(f"some recipients refused: {refused}", transient=False)

    def _ensure_alive(self) -> None:
        """Reconnect before handing over a message, so a broken link is found while nothing is at stake.

        A connection used within the last few seconds is trusted without a NOOP.
        """
        if self.connection is not None and time.monotonic() - self.last_used < TRUST_SECONDS:
            return
        if self.connection is not None:
            try:
                status, _ = self.connection.noop()
                if status == 250:
                    self.last_used = time.monotonic()
                    return
            except (smtplib.SMTPException, OSError):
                pass
            self.connection = None
        self.connect()

    def close(self) -> None:
        if self.connection is None:
            return
        with contextlib.suppress(smtplib.SMTPException, OSError):
            self.connection.quit()
        self.connection = None


def _describe(error: BaseException) -> str:
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, socket.gaierror):
        return "unknown host name"
    if isinstance(error, TimeoutError | socket.timeout):
        return "timed out"
    return str(error) or type(error).__name__
