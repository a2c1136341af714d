"""Naming the outlet of an article from what the copy carries: dateline, domain, file name."""

from __future__ import annotations

import re
from functools import cache
from pathlib import PurePath
from urllib.parse import urlsplit

from presslens.lexicons import lexicon_json


@cache
def _outlet_tables() -> tuple[dict[str, str], dict[str, str]]:
    by_key: dict[str, str] = {}
    by_domain: dict[str, str] = {}
    for outlet in lexicon_json("outlets.json")["outlets"]:
        by_key[_key(outlet["name"])] = outlet["name"]
        for key in outlet["keys"]:
            by_key[key] = outlet["name"]
        for domain in outlet["domains"]:
            by_domain[domain] = outlet["name"]
    return by_key, by_domain


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def outlet_from_name(text: str) -> str:
    """The display name of an outlet written as ``text`` ("Tasnim" -> "Tasnim News Agency").

    Unknown outlets keep the name as written.
    """
    by_key, _ = _outlet_tables()
    return by_key.get(_key(text), text.strip())


def is_known_outlet(text: str) -> bool:
    """Whether ``text`` names an outlet of ``lexicons/outlets.json`` ("Press TV", "Shafaq
    News"): what a line of copy must name to be read as its outlet rather than as text."""
    by_key, _ = _outlet_tables()
    return _key(text) in by_key


def outlet_from_url(url: str | None) -> str | None:
    """The outlet whose domain serves ``url``, if it is a known one."""
    if not url:
        return None
    try:
        host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    except ValueError:  # "http://[bad/x": not a URL we can read a domain from
        return None
    _, by_domain = _outlet_tables()
    while host:
        if host in by_domain:
            return by_domain[host]
        host = host.partition(".")[2]
    return None


def outlet_from_path(path: str | None) -> str | None:
    """A known outlet named by the first word of the file name ("presstv-us-forces.txt")."""
    if not path:
        return None
    first_word = re.split(r"[-_. ]", PurePath(path).name.lower(), maxsplit=1)[0]
    by_key, _ = _outlet_tables()
    return by_key.get(first_word)
