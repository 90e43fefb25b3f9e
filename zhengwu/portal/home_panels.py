"""Boxes of a site's home page kept by other apps (办事服务, 互动交流, 意见征集, 政府信息公开): an app registers a
panel with its template and what it shows for a site; the home page draws every panel that has something to say
for that site, in order. Registered from the apps' `ready()`, so the portal imports none of them."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    key: str
    template: str
    data: Callable   # data(section) -> the template's context for this site, or None to leave the box out
    order: int = 100


_panels: dict[str, Panel] = {}


def register(panel: Panel) -> Panel:
    _panels[panel.key] = panel
    return panel


def panels_for(section) -> list[tuple[Panel, dict]]:
    shown = []
    for panel in sorted(_panels.values(), key=lambda p: p.order):
        data = panel.data(section)
        if data is not None:
            shown.append((panel, data))
    return shown
