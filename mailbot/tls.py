"""TLS for both mail servers: the system's trusted certificates, unless the config says not to check."""

from __future__ import annotations

import logging
import ssl

log = logging.getLogger(__name__)


def client_context(verify: bool, server: str) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if not verify:
        # Loud on purpose: without verification anyone on the path can read the mailbox password.
        log.warning(
            "%s TLS certificates are NOT verified (verify_certificates = false); use this only for tests", server
        )
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context
