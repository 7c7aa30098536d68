"""Validate the corpus: every page parses with html.parser, every articleBody is visible page text, >= 200 tokens."""
from __future__ import annotations

import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from aeb_metric import tokens

OUT = Path(__file__).resolve().parent.parent
WHATWG = {"iso-8859-1": "cp1252", "latin1": "cp1252", "iso8859-1": "cp1252", "us-ascii": "cp1252", "windows-1252": "cp1252", "utf-8": "utf-8", "utf8": "utf-8"}


def decode(data: bytes) -> tuple[str, str]:
    """As a browser does: BOM first, then the <meta> charset (ISO-8859-1 meaning windows-1252), else UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8 (BOM)"
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", data[:4096], re.I)
    label = m.group(1).decode().lower() if m else "utf-8"
    codec = WHATWG.get(label, label)
    return data.decode(codec), f"{label} -> {codec}"


class Visible(HTMLParser):
    """Text a reader sees: no head, scripts or styles; a text/template script is rendered (its content parsed as HTML)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip: list[str] = []
        self.template = False
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        self.parts.append(" ")
        a = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        if tag in ("script", "style", "title"):
            self.skip.append(tag)
            self.template = tag == "script" and a.get("type") == "text/template"

    def handle_endtag(self, tag):
        self.parts.append(" ")
        if tag == "head":
            self.in_head = False
        if self.skip and self.skip[-1] == tag:
            self.skip.pop()
            self.template = False

    def handle_data(self, data):
        if self.skip:
            if self.template:
                sub = Visible()
                sub.feed(data)
                sub.close()
                self.parts.append(" " + sub.text() + " ")
            return
        if not self.in_head:
            self.parts.append(data)

    def text(self) -> str:
        return "".join(self.parts)


def visible_text(markup: str) -> str:
    v = Visible()
    v.feed(markup)
    v.close()
    return v.text()


def main() -> int:
    truth = json.loads((OUT / "ground-truth.json").read_text(encoding="utf-8"))
    problems, rows = [], []
    for pid, entry in truth.items():
        data = (OUT / "pages" / f"{pid}.html").read_bytes()
        try:
            markup, how = decode(data)
            vis = visible_text(markup)
        except Exception as e:  # noqa: BLE001
            problems.append(f"{pid}: does not parse: {e!r}")
            continue
        vtoks = tokens(vis)
        joined = " " + " ".join(vtoks) + " "
        body = entry["articleBody"]
        btoks = tokens(body)
        if len(btoks) < 200:
            problems.append(f"{pid}: only {len(btoks)} tokens")
        for line in body.split("\n"):
            lt = tokens(line)
            if lt and (" " + " ".join(lt) + " ") not in joined:
                problems.append(f"{pid}: not in visible text: {line[:80]!r}")
        # the whole body, in order
        it = iter(vtoks)
        if not all(any(t == v for v in it) for t in btoks):
            problems.append(f"{pid}: body tokens are not an in-order subsequence of the visible text")
        if entry["split"] not in ("tune", "heldout"):
            problems.append(f"{pid}: bad split {entry['split']!r}")
        rows.append((pid, entry["split"], how, len(btoks), len(vtoks), len(data)))
    for r in rows:
        print(f"{r[0]:32s} {r[1]:8s} {r[2]:28s} body={r[3]:4d} tokens  visible={r[4]:5d}  bytes={r[5]}")
    print(f"{len(rows)} pages checked, {len(problems)} problems")
    for p in problems:
        print("PROBLEM", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
