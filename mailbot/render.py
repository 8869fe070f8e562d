"""Edge: one Jinja2 environment for every text mailbot writes (text and HTML twins)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
    select_autoescape,
)


class TemplateMissing(Exception):
    """A template the configuration needs is not in the templates folder."""


class Renderer:
    """Renders "reply/confirmation" as its .txt and .html files; HTML is autoescaped."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.environment = Environment(
            loader=FileSystemLoader(str(folder)),
            autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.environment.filters["party"] = _party

    def render(self, name: str, context: dict[str, Any]) -> tuple[str, str]:
        """The text and the HTML of one template."""
        try:
            text = self.environment.get_template(f"{name}.txt").render(context)
            html = self.environment.get_template(f"{name}.html").render(context)
        except TemplateNotFound as missing:
            raise TemplateMissing(f"template {missing.name} is missing from {self.folder}") from None
        return _tidy(text), html

    def names(self) -> list[str]:
        return sorted(
            {
                n.rsplit(".", 1)[0]
                for n in self.environment.list_templates(extensions=["txt"])
                if not n.startswith(("base", "partials/"))
            }
        )


def _party(code: str | None) -> str:
    return f"({code})" if code else "(parti saknas)"


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.splitlines()]
    tidy: list[str] = []
    for line in lines:
        if not line and tidy and not tidy[-1]:
            continue
        tidy.append(line)
    return "\n".join(tidy).strip() + "\n"
