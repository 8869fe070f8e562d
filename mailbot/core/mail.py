"""A received message as plain data: what the parser edge hands to the pure core."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    size: int


@dataclass(frozen=True)
class Mail:
    """One inbound message, decoded.

    `plain` and `html` are the message's own body alternatives (not those of
    a forwarded message/rfc822 part, which are in `forwarded`). `headers`
    keeps every header, lower-cased name and decoded value, in order.
    """

    message_id: str
    from_address: str
    from_name: str = ""
    reply_to: str = ""
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    subject: str = ""
    date_header: str = ""
    in_reply_to: str = ""
    references: tuple[str, ...] = ()
    headers: tuple[tuple[str, str], ...] = ()
    content_type: str = "text/plain"
    plain: str = ""
    html: str = ""
    forwarded: tuple[Mail, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    part_types: tuple[str, ...] = ()
    size: int = 0
    defects: tuple[str, ...] = field(default=())

    def header(self, name: str) -> str:
        """The first header of that name, or ''."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key == wanted), "")

    def has_header(self, name: str) -> bool:
        wanted = name.lower()
        return any(key == wanted for key, _ in self.headers)

    @property
    def sender_domain(self) -> str:
        return self.from_address.rpartition("@")[2].lower()
