"""TBX (TermBase eXchange, ISO 30042) import and export.

Export writes TBX-Basic (2008, ``<martif>``); import reads that and TBX v3 (2019,
``<tbx>``/``<conceptEntry>``/``<langSec>``/``<termSec>``). Administrative status: preferred →
canonical, admitted or none → also correct (the first one canonical when no term is
preferred), deprecated, superseded and any other → variants.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

from textfix.errors import GlossaryError

from .entry import GlossaryEntry, variant_language
from .terms import Glossary

__all__ = ["parse_tbx", "to_tbx"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STATUS = "administrativeStatus"


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[_Node] = field(default_factory=list)
    text: str = ""

    def kids(self, *tags: str) -> list[_Node]:
        return [child for child in self.children if child.tag in tags]


def _local(name: str) -> str:
    return name if name == "xml:lang" else name.rsplit(":", 1)[-1]


def _parse_xml(text: str, name: str) -> _Node:
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[_Node] = [_Node("#document", {}, 0)]

    def start(tag: str, attrs: dict[str, str]) -> None:
        node = _Node(_local(tag), {_local(k): v for k, v in attrs.items()}, parser.CurrentLineNumber)
        stack[-1].children.append(node)
        stack.append(node)

    def end(tag: str) -> None:
        stack.pop()

    def data(chunk: str) -> None:
        stack[-1].text += chunk

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    try:
        parser.Parse(text, True)
    except expat.ExpatError as error:
        raise GlossaryError(f"not well-formed XML: {expat.ErrorString(error.code)}", path=name,
                            line=error.lineno) from error
    return stack[0].children[0]


def _descendants(node: _Node, *tags: str) -> Iterator[_Node]:
    for child in node.children:
        if child.tag in tags:
            yield child
        else:
            yield from _descendants(child, *tags)


def parse_tbx(text: str, name: str = "<tbx>") -> Glossary:
    """A glossary from TBX (TermBase eXchange, ISO 30042), TBX-Basic 2008 or TBX v3.

    >>> from textfix.glossary import builtin_glossary
    >>> g = parse_tbx(to_tbx(builtin_glossary()))
    >>> g == builtin_glossary()
    True
    """
    root = _parse_xml(text, name)
    if root.tag not in ("martif", "tbx"):
        raise GlossaryError(f"not a TBX file: the root element is <{root.tag}>, not <martif> or <tbx>",
                            path=name, line=root.line)
    entries: list[GlossaryEntry] = []
    ids: dict[str, int] = {}
    owner: dict[str, tuple[str, int]] = {}
    for number, concept in enumerate(_descendants(root, "termEntry", "conceptEntry"), 1):
        entry = _tbx_entry(concept, number, name)
        if entry.id in ids:
            raise GlossaryError(f"duplicate id {entry.id!r} (first on line {ids[entry.id]})", path=name,
                                line=concept.line)
        ids[entry.id] = concept.line
        for form in entry.all_forms():
            if form in owner:
                other, other_line = owner[form]
                raise GlossaryError(f"{form!r} is already a form of {other!r} (line {other_line})", path=name,
                                    line=concept.line)
            owner[form] = (entry.id, concept.line)
        entries.append(entry)
    return Glossary(tuple(entries))


def _tbx_entry(concept: _Node, number: int, name: str) -> GlossaryEntry:
    entry_id = concept.attrs.get("id", f"entry-{number}")
    type_ = next((d.text.strip() for d in concept.kids("descrip") if d.attrs.get("type") == "subjectField"), "term")
    source = "; ".join(n.text.strip() for n in concept.kids("note") if n.text.strip())
    names: dict[str, list[str]] = {}
    variants: list[str] = []
    for lang_set in concept.kids("langSet", "langSec"):
        lang = lang_set.attrs.get("xml:lang", "").split("-")[0].lower()
        if not lang:
            raise GlossaryError(f"<{lang_set.tag}> without xml:lang in entry {entry_id!r}", path=name,
                                line=lang_set.line)
        terms: list[tuple[str, str, int]] = []
        for holder in lang_set.kids("tig", "ntig", "termSec"):
            term_nodes = list(_descendants(holder, "term"))
            if len(term_nodes) != 1 or not term_nodes[0].text.strip():
                raise GlossaryError(f"<{holder.tag}> in entry {entry_id!r} needs exactly one non-empty <term>",
                                    path=name, line=holder.line)
            status = next((n.text.strip() for n in _descendants(holder, "termNote")
                           if n.attrs.get("type") == _STATUS), "")
            terms.append((term_nodes[0].text.strip(), status, holder.line))
        if not terms:
            continue
        correct = [t for t, status, _ in terms if not status or "preferred" in status or "admitted" in status]
        variants += [t for t in (term for term, _, _ in terms) if t not in correct]
        if correct:  # preferred terms first
            preferred = [t for t, status, _ in terms if "preferred" in status]
            names.setdefault(lang, []).extend(preferred + [t for t in correct if t not in preferred])
    try:
        return GlossaryEntry(entry_id, tuple((k, tuple(v)) for k, v in names.items()), tuple(variants), type_, source)
    except ValueError as error:
        raise GlossaryError(str(error), path=name, line=concept.line) from error


def to_tbx(glossary: Glossary) -> str:
    """The glossary as TBX-Basic (ISO 30042:2008, ``<martif>``): one ``termEntry`` per entry,
    canonical forms preferred, other correct forms admitted, variants deprecated (in a
    ``langSet`` of ``ru``, ``uk`` or ``und`` by their letters)."""
    root = ET.Element("martif", {"type": "TBX-Basic", _XML_LANG: "en"})
    header = ET.SubElement(ET.SubElement(root, "martifHeader"), "fileDesc")
    ET.SubElement(ET.SubElement(header, "sourceDesc"), "p").text = "textfix glossary"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for entry in glossary:
        element = ET.SubElement(body, "termEntry", {"id": entry.id})
        if entry.type != "term":
            ET.SubElement(element, "descrip", {"type": "subjectField"}).text = entry.type
        if entry.source:
            ET.SubElement(element, "note").text = entry.source
        groups: dict[str, list[tuple[str, str]]] = {}
        for lang, forms in entry.names:
            groups[lang] = [(forms[0], "preferredTerm-admn-sts"), *((f, "admittedTerm-admn-sts") for f in forms[1:])]
        for variant in entry.variants:
            groups.setdefault(variant_language(variant), []).append((variant, "deprecatedTerm-admn-sts"))
        for lang, terms in groups.items():
            lang_set = ET.SubElement(element, "langSet", {_XML_LANG: lang})
            for term, status in terms:
                tig = ET.SubElement(lang_set, "tig")
                ET.SubElement(tig, "term").text = term
                ET.SubElement(tig, "termNote", {"type": _STATUS}).text = status
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

