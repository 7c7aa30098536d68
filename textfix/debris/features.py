"""What a line looks like and where it stands: the debris model's evidence.

A line (one paragraph of the article) becomes a set of named features, most of them 0/1:
its length, how it ends, how many of its words are common words (prose is full of them;
widgets, bylines and headlines are not), capitalised words and name shapes, digits, date
and time shapes, words of each kind of furniture (:mod:`._vocab`), separators and emoji,
whether the known patterns (:mod:`.patterns`) take it, and its place: first lines, last
lines, before the first or after the last line of prose, like the headline. The model
(:mod:`.model`) weighs them; nothing here decides.

>>> sorted(f for f in local_features("Stand: 3. Mai 2024, 14:12 Uhr") if f.startswith(("date", "time", "v_")))
['date', 'date_month', 'time', 'v_dateline', 'v_dateline_2', 'v_first_dateline']
>>> "end_sentence" in local_features("Die NATO ist besorgt.")
True
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import lru_cache

from textfix.language._evidence import common_words

from ._vocab import ADDRESS, CALLS, FORMAL_ADDRESS, MONTHS, VOCABULARY
from .headlines import is_teaser, is_title
from .patterns import classify_paragraph

__all__ = [
    "Features", "context_features", "is_plain_prose", "is_protected", "is_teaser", "is_title", "local_features",
    "reader_address", "tokens",
]

Features = dict[str, float]

_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*")
_CANDIDATES = ("de", "en", "ru", "uk")
_COMMON = 5.0  # Zipf ≥ 5: once in 100,000 words: function words, common verbs and nouns
# A sentence's end, perhaps followed by quotes, brackets and the emoji of a chat line.
_SENTENCE_END = re.compile("[.!?…][\"'“”»«„)\\]]*[\\s\u2600-\u27bf\U0001f000-\U0001faff\ufe0f]*$")
_DATE = re.compile(
    r"\b\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{2}|\d{4})\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
    r"|\b(?:19|20)\d{2}\b"
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s?(?:uhr|h|am|pm|a\.m\.|p\.m\.))?\b|\b\d{1,2}\s?(?:uhr|am|pm)\b", re.I)
_RELATIVE = re.compile(
    r"\b(?:vor|seit)\s+\d+\s+(?:sek|min|std|stund|tag|woch)\w*|\b\d+\s*(?:h|min|hrs?|hours?|minutes?|days?|mins?)\s+ago\b"
    r"|\b\d+\s*(?:час|мин|дн|ден|годин|хвилин)\w*\s+(?:назад|тому)\b|\b(?:just now|gerade eben|только что|щойно)\b",
    re.I,
)
_DURATION = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:min\.?|mins?|minutes?|minuten|sek\.?|sec|seconds?|sekunden|std\.?|hrs?|хв\.?|мин\.?|сек\.?"
    r"|минут\w*|хвилин\w*|секунд\w*)(?!\w)|\(\d{1,2}:\d{2}(?::\d{2})?\)",
    re.I,
)
_BULLET = re.compile(r"^(?:[-–—•*·▪►▸]|\d{1,2}[.)])\s")
_URL = re.compile(r"https?://|www\.|\.(?:com|de|ru|ua|org|net|at|ch|uk)\b|@\w{2,}|#\w{2,}", re.I)
_LABEL = re.compile(r"^([\w .'’-]{1,30}?)\s*:\s*\S")
_PARENTHESISED = re.compile(r"^[(\[].*[)\]]$")
_QUOTED = re.compile(r"^[\"„“”«»‚‘']")
_WIDTH_BINS = ((1, "1"), (2, "2"), (3, "3"), (5, "4-5"), (8, "6-8"), (12, "9-12"), (20, "13-20"), (35, "21-35"))
_LONG_PROSE = 16  # words of prose (common words, no site words) that make a paragraph, ended or not
_PARAGRAPH_PER_SITE_WORD = 8  # words of a long paragraph of prose per site word it may have and stay protected
_PROSE_WORDS = 12  # a sentence-final line this long with common words: prose the model need not weigh


def tokens(line: str) -> list[str]:
    """The line's words in lower case (hyphenated and apostrophe words whole).

    >>> tokens("Foto: dpa/Kay Nietfeld – Pressestelle")
    ['foto', 'dpa', 'kay', 'nietfeld', 'pressestelle']
    """
    return _TOKEN.findall(line.lower())


def _stem(word: str) -> str | None:
    """A Cyrillic word's stem for matching its inflected forms (минута, минуты, минут: ``мину``)."""
    if word.endswith("*"):
        return word[:-1]
    if len(word) >= 5 and "\u0400" <= word[0] <= "\u04ff":
        return word[: max(4, len(word) - 2)]
    return None


def _stems(words: frozenset[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    stems = tuple(sorted({stem for w in words if (stem := _stem(w)) is not None}))
    return frozenset(w for w in words if not w.endswith("*")), stems


_LEXICON = {name: _stems(words) for name, words in VOCABULARY.items()}


@lru_cache(maxsize=65536)
def _kinds(word: str) -> tuple[str, ...]:
    """The furniture vocabularies ``word`` belongs to (``("widget", "related")`` ...)."""
    return tuple(name for name, (whole, stems) in _LEXICON.items() if word in whole or word.startswith(stems))


@lru_cache(maxsize=65536)
def _is_common(word: str) -> bool:
    return word.casefold().replace("’", "'") in common_words(_CANDIDATES, _COMMON)


def _width(words: int) -> str:
    return next((name for limit, name in _WIDTH_BINS if words <= limit), "36+")


def _bin(value: float, name: str, edges: Sequence[float]) -> str:
    """``name<e`` for the first edge ``value`` is below, ``name>=last`` above all."""
    for edge in edges:
        if value < edge:
            return f"{name}<{edge:g}"
    return f"{name}>={edges[-1]:g}"


# Arrows, technical and geometric symbols, dingbats, emoji and pictographs: a widget's icons.
_ICON = re.compile("[\u2190-\u21ff\u2300-\u23ff\u25a0-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]")
# Of those, the ones a widget draws (▶ play, ☰ menu, ↗ out): not the faces and hands of a chat.
_WIDGET_ICON = re.compile("[\u2190-\u21ff\u2300-\u23ff\u25a0-\u25ff\u2630-\u2637\u2b00-\u2bff]")
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")
_SEPARATOR = re.compile("[|•·›»>/–—+]")
# Shapes a line has or has not, by feature name (before and after its separators, in that order).
_SHAPES = (("time", _TIME), ("relative_time", _RELATIVE), ("url", _URL))
_MARKS = (("emoji", _ICON), ("parenthesised", _PARENTHESISED), ("duration", _DURATION), ("bullet", _BULLET))


def _capitalised(raw_words: Sequence[str]) -> int:
    return sum(1 for w in raw_words if w[:1].isupper())


def _name_pairs(raw_words: Sequence[str]) -> int:
    """Two capitalised words in a row neither of which is a common word: "Anna Berg"."""
    pairs = 0
    for first, second in itertools.pairwise(raw_words):
        shaped = first[:1].isupper() and second[:1].isupper() and first[1:2].islower() and second[1:2].islower()
        if shaped and not _is_common(first.lower()) and not _is_common(second.lower()):
            pairs += 1
    return pairs


# A sentence, and a clause of one.
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")
_CLAUSE = re.compile(r"[^:;,—–]+")
# Quoted speech: a quoted "you" or imperative is a person speaking, not the site.
_QUOTATION = re.compile("[«„“\"][^«»„“”\"]*[»“”\"]")
# A Russian or Ukrainian imperative (читайте, подпишитесь, натисніть, підпишіться) at the start of a clause.
_CYRILLIC_IMPERATIVE = re.compile(r"^[а-яёіїєґ'’-]{3,}(?:йте|ите|іть|ьте|йтесь|итесь|ьтесь|іться|ітесь)$")
# The site speaking of itself or asking to be written to: "this article", "unseren Newsletter",
# "наш сайт", "цю статтю", "Schreiben Sie uns", "let us know". Not its newsroom: "sagte er unserer
# Redaktion", "рассказал нашей редакции" are the prose of a report.
_SELF_REFERENCE = re.compile(
    r"\b(?:this|our) (?:\w+ ){0,2}?(?:article|story|report|page|site|website|newsletter|briefing|podcast|app"
    r"|journalism)\b"
    r"|\b(?:let|contact|email|e-mail|tell|write to|message|follow|join) us\b"
    r"|\b(?:diese[nmrs]?|unse?re?[nmrs]?) (?:\w+ )?(?:artikel|beitrag|beitrags|text|seite|website|webseite|newsletter"
    r"|podcast|app|journalismus|angebot|forum|community)\b|\bsie uns\b"
    r"|(?<!\w)(?:эт(?:а|у|ой|ого|от|ом|и) (?:стат|материал|публикац|текст|новост)"
    r"|наш(?:\w{0,3}) (?:сайт|канал|телеграм|рассылк|зеркал|журналист|подкаст|приложени)"
    r"|ц(?:я|ю|ієї|ей|ього|ьому|і) (?:статт|матеріал|публікац|текст|новин)"
    r"|наш(?:\w{0,3}) (?:сайт|канал|телеграм|розсилк|дзеркал|журналіст|подкаст|застосун))",
    re.I,
)


def _addresses(raw_words: Sequence[str]) -> bool:
    """A word of the clause (not its first) speaks to the reader: "you", "вы", a German "Sie" inside a sentence."""
    return any(w.lower() in ADDRESS or (i and w in FORMAL_ADDRESS) for i, w in enumerate(raw_words))


def _calls(raw_words: Sequence[str], question: bool) -> bool:
    """The clause opens with an imperative: "Sign up", "Schreiben Sie uns" (not a question), "подпишитесь"."""
    first = raw_words[0].lower()
    if first in CALLS or _CYRILLIC_IMPERATIVE.match(first):
        return True
    if len(raw_words) < 2 or raw_words[1] != "Sie" or not raw_words[0][:1].isupper():
        return False
    return first.endswith(("en", "rn", "ln")) and not question  # "Schreiben Sie", not "Haben Sie ...?"


@lru_cache(maxsize=16384)
def reader_address(line: str) -> tuple[str, ...]:
    """How the line speaks to its reader: ``address`` (you, Sie, вы), ``call`` (an imperative), ``self_reference``.

    A site asks its readers to do something and speaks of itself; an article's prose rarely
    does outside quotations, which are left out. ``address`` with ``call`` (``address_call``),
    a line that opens with a call (``call_first``), or ``self_reference`` is evidence strong
    enough to overrule the protection of a sentence (:func:`is_protected`): the model weighs it.

    >>> reader_address("Sie haben Fragen zum Thema? Schreiben Sie uns an leser@beispiel.de")
    ('address', 'call', 'address_call', 'self_reference')
    >>> reader_address("Sign up here for our daily briefing on money and markets.")
    ('call', 'call_first', 'self_reference')
    >>> reader_address("Haben Sie das erwartet?"), reader_address('"Sign the petition," she said.')
    (('address',), ())
    """
    text = _QUOTATION.sub(" ", line)
    address = call = opens = False
    clauses = [
        (clause, sentence.rstrip().endswith("?"))
        for sentence in _SENTENCE.findall(text) for clause in _CLAUSE.findall(sentence)
    ]
    for number, (clause, question) in enumerate(clauses):
        raw_words = _TOKEN.findall(clause)
        if raw_words:
            address = address or _addresses(raw_words)
            calling = _calls(raw_words, question)
            call = call or calling
            opens = opens or (calling and not number)
    found = [
        name for name, present in
        (("address", address), ("call", call), ("address_call", address and call), ("call_first", opens)) if present
    ]
    if _SELF_REFERENCE.search(text):
        found.append("self_reference")
    return tuple(found)


def _overrules_protection(line: str) -> bool:
    """The site speaking to its reader (an imperative to "you", or of itself): a sentence that may be furniture."""
    return any(name in ("address_call", "call_first", "self_reference") for name in reader_address(line))


_DATE_WORDS = frozenset(
    """
    am um at on uhr h pm a.m p.m gmt utc cet cest mez mesz bst est edt pst
    montag dienstag mittwoch donnerstag freitag samstag sonntag monday tuesday wednesday thursday friday saturday sunday
    mon tue wed thu fri sat sun mo di mi do fr sa so
    понедельник вторник среда четверг пятница суббота воскресенье в года г
    понеділок вівторок середа четвер п'ятниця субота неділя о року р
    """.split()
)


def _only_date_and_time(line: str) -> bool:
    """Nothing but a date or a time and their words: "21.40 Uhr", "Sonntag, 9. Juni, 23.50 Uhr", "13 июня 2024"."""
    return all(w.isdigit() or w in MONTHS or w in _DATE_WORDS for w in tokens(line.replace(".", " ")))


# What a line ends with in brackets or after a bar: "(Paul Smith-Kerr/CBN)", "| Bildrechte: ODR/Marcel Roth".
_TAIL = re.compile(r"\(([^()]{2,80})\)$|\|\s*([^|]{2,80})$")


def _credit_tail(line: str) -> bool:
    """The line ends with an attribution: a bracket or a bar holding a slash or a word of the credit vocabulary."""
    tail = _TAIL.search(line)
    if tail is None:
        return False
    held = tail.group(1) or tail.group(2)
    return "/" in held or any("credit" in _kinds(word) for word in tokens(held))


# Two capitalised words in a row, common or not: a photographer's name ("Paul Smith-Kerr").
_PERSON = re.compile(r"[A-ZÄÖÜА-ЯЁІЇЄҐ][a-zäöüßа-яёіїєґ'’-]+\s[A-ZÄÖÜА-ЯЁІЇЄҐ][\w'’-]+")
# A gallery's counter before a caption: "[1/3]", "2/12".
_GALLERY_INDEX = re.compile(r"^\[?\d{1,2}\s?/\s?\d{1,2}\]?\s")


def _caption_marks(line: str) -> bool:
    """A caption's marks on a sentence: a gallery counter, or a source in brackets with a name or a credit word."""
    if _GALLERY_INDEX.match(line):
        return True
    tail = _TAIL.search(line.rstrip())
    if tail is None or not tail.group(1):
        return False
    held = tail.group(1)
    return any("credit" in _kinds(w) for w in tokens(held)) or ("/" in held and bool(_PERSON.search(held)))


def _credits_list(line: str) -> bool:
    """Two names and two words of the byline vocabulary: "Reporting by A; Editing by B", "Text: A, Fotos: B"."""
    raw_words = _TOKEN.findall(line)
    roles = sum(1 for w in raw_words if "byline" in _kinds(w.lower()))
    return roles >= 2 and _name_pairs(raw_words) >= 2


def _names_only(raw_words: Sequence[str]) -> bool:
    """Nothing but names and the words that join them: "Dirk Peters und Hanna Yilmaz", "Ирина Ковальчук"."""
    joins = {"und", "and", "и", "і", "та", "von", "van", "de", "der"}
    names = [w for w in raw_words if w.lower() not in joins]
    shaped = all(w[:1].isupper() and w[1:2].islower() and not _is_common(w.lower()) for w in names)
    return 2 <= len(names) <= 6 and shaped


@lru_cache(maxsize=16384)
def _local(line: str) -> tuple[tuple[str, float], ...]:  # noqa: PLR0915 - one feature after another, read in order
    raw_words = _TOKEN.findall(line)
    words = [w.lower() for w in raw_words]
    count = len(words)
    found: Features = {"bias": 1.0, f"w={_width(count)}": 1.0}
    stripped = line.rstrip()
    if _SENTENCE_END.search(stripped):
        found["end_sentence"] = 1.0
    elif stripped.endswith(":"):
        found["end_colon"] = 1.0
    elif stripped.endswith(","):
        found["end_comma"] = 1.0  # a sentence that goes on: "Hallo Sandra," (furniture does not)
    elif stripped[-1:].isalnum():
        found["end_word"] = 1.0
    else:
        found["end_other"] = 1.0
    if stripped[:1].isupper():
        found["first_upper"] = 1.0
    if _QUOTED.match(stripped):
        found["quoted"] = 1.0
    if count:
        common = sum(1 for w in words if _is_common(w))
        found[_bin(common / count, "common", (0.15, 0.3, 0.45, 0.6))] = 1.0
        if count >= 4:
            found[_bin(_capitalised(raw_words) / count, "caps", (0.3, 0.6, 0.9))] = 1.0
        if line.isupper() and count >= 2:
            found["all_caps"] = 1.0
        pairs = _name_pairs(raw_words)
        if pairs:
            found["name_pair"] = 1.0
            if count <= 6:
                found["name_short"] = 1.0
            if pairs >= 2:
                found["name_pair_2"] = 1.0
            if _names_only(raw_words):
                found["names_only"] = 1.0
        kinds: dict[str, int] = {}
        for word in words:
            for kind in _kinds(word):
                kinds[kind] = kinds.get(kind, 0) + 1
            if word in MONTHS:
                found["month"] = 1.0
        for kind, hits in kinds.items():
            found[f"v_{kind}"] = 1.0
            if hits >= 2:
                found[f"v_{kind}_2"] = 1.0
            if hits / count >= 0.5:
                found[f"v_{kind}_most"] = 1.0
        for kind in _kinds(words[0]):
            found[f"v_first_{kind}"] = 1.0
    digits = len(_DIGIT.findall(line))
    letters = len(_LETTER.findall(line)) if digits else 0
    if digits:
        found[_bin(digits / max(1, digits + letters), "digits", (0.1, 0.3, 0.6))] = 1.0
    if _DATE.search(line):
        found["date"] = 1.0
        if "month" in found:
            found["date_month"] = 1.0
    elif "month" in found and digits:
        found["date"] = found["date_month"] = 1.0
    found.update((name, 1.0) for name, shape in _SHAPES if shape.search(stripped))
    if ("date" in found or "time" in found) and _only_date_and_time(line):
        found["date_only"] = 1.0
    separators = len(_SEPARATOR.findall(line))
    if separators:
        found["separator"] = 1.0
        if separators >= 2:
            found["separators_2"] = 1.0
    found.update((name, 1.0) for name, shape in _MARKS if shape.search(stripped))
    label = _LABEL.match(stripped)
    if label:
        label_words = tokens(label.group(1))
        if len(label_words) <= 3:
            found["label"] = 1.0
            value = stripped[label.end() - 1 :]
            if sum(c.isdigit() for c in value) * 2 >= sum(not c.isspace() for c in value):
                found["label_number"] = 1.0
            kinds_of_label = {kind for word in label_words for kind in _kinds(word)}
            found.update((f"label_{kind}", 1.0) for kind in kinds_of_label)
            if not kinds_of_label:
                found["label_plain"] = 1.0  # "Öffnungszeiten:", "Eintritt:": an info box's, not the site's
    if _credit_tail(stripped):
        found["credit_tail"] = 1.0
    if _GALLERY_INDEX.match(stripped):
        found["gallery_index"] = 1.0
    if is_teaser(stripped):
        found["teaser"] = 1.0
    found.update((f"reader_{name}", 1.0) for name in reader_address(line))
    pattern = classify_paragraph(line)
    if pattern:
        found[f"pattern_{pattern}"] = 1.0
    return tuple(found.items())


def local_features(line: str) -> Features:
    """The features of ``line`` on its own (cached by its text)."""
    return dict(_local(line))


@lru_cache(maxsize=16384)
def _prose(line: str) -> tuple[int, int, bool]:
    """``(words, site words, ends a sentence)`` of a line that reads as prose, ``(0, 0, False)`` otherwise.

    Prose has at least four words, 30% of them common words; site words are uncommon words of
    the widget vocabulary (a credit or legal word, a link or an icon count two).
    """
    if len(line) < 20:
        return 0, 0, False
    words = tokens(line)
    if len(words) < 4 or sum(1 for w in words if _is_common(w)) < 0.3 * len(words):
        return 0, 0, False
    site = 0
    for word in words:
        kinds = _kinds(word)
        if kinds and not _is_common(word):  # "mehr", "больше", "read" are everyday words of prose
            site += ("widget" in kinds) + 2 * ("legal" in kinds or "credit" in kinds)
    if _URL.search(line) or _WIDGET_ICON.search(line):
        site += 2
    if _overrules_protection(line) or _credits_list(line) or _caption_marks(line):
        site += 2
    return len(words), site, bool(_SENTENCE_END.search(line))


def _sentence(line: str) -> tuple[int, int]:
    """``(words, site words)`` of a line that reads as a sentence of prose, ``(0, 0)`` otherwise."""
    words, site, sentence = _prose(line)
    return (words, site) if sentence else (0, 0)


def is_plain_prose(line: str) -> bool:
    """A long sentence that does not speak of the site: article prose, no need to weigh it.

    >>> is_plain_prose("Das südkoreanische Verteidigungsministerium sprach von mindestens 20 Eisenbahnzügen, "
    ...                "die den Hafen Rajin in Richtung Wladiwostok verlassen hätten.")
    True
    >>> is_plain_prose("Jetzt Newsletter abonnieren und keine Nachricht verpassen: Anmeldung unter www.beispiel.de "
    ...                "in wenigen Sekunden erledigt.")
    False
    """
    words, site = _sentence(line)
    return words >= _PROSE_WORDS and len(line) >= 60 and site < 2


_OUR_SCRIPTS = re.compile(r"[A-Za-zÀ-ɏЀ-ӿ]")


def _other_script(line: str) -> bool:
    """Most letters outside the Latin and Cyrillic scripts: the model's words and lexicons know nothing of it."""
    letters = len(_LETTER.findall(line))
    return letters > 0 and len(_OUR_SCRIPTS.findall(line)) * 2 < letters


def is_protected(line: str, inside_prose: bool, after_prose: bool = False) -> bool:
    """A sentence the model must not remove: plain prose, a short sentence among the prose, a clean sentence.

    A wrongly removed sentence costs a reader more than a kept "Teilen:": between the first and
    the last line of plain prose, any sentence with at most one site word stays; elsewhere, a
    sentence of six words or more with at most one, any line of sixteen words of prose, and
    a paragraph of 32 words or more with at most one site word in eight. After the prose
    (``after_prose``), a line shaped like a teaser (:func:`is_teaser`) is not protected.

    >>> is_protected("Es wäre aber mehr als ein weiterer Personalwechsel.", inside_prose=False)
    True
    >>> is_protected("Jetzt den Newsletter abonnieren und nichts verpassen!", inside_prose=True)
    False
    """
    if _other_script(line):
        return True  # a quotation in Chinese or Arabic is the language stage's to judge, not furniture
    if after_prose and is_teaser(line):
        return False  # the tail's teasers are headlines, often whole questions: the model weighs them
    length, chrome, _ = _prose(line)
    if length >= _LONG_PROSE and chrome <= 1:
        return True  # sixteen words of prose are a paragraph, whatever its last character
    if length >= 2 * _LONG_PROSE and chrome * _PARAGRAPH_PER_SITE_WORD <= length:
        return True  # a long paragraph that mentions a link or an app now and then is still a paragraph
    words, site = _sentence(line)
    if not words:
        return False
    return is_plain_prose(line) or (site <= 1 and (inside_prose or words >= 6))


def context_features(
    index: int, count: int, first_prose: int, last_prose: int, like_headline: bool, title: bool = False
) -> Features:
    """Where line ``index`` of ``count`` stands: head and tail zones, before or after the prose.

    ``first_prose``/``last_prose`` are the indices of the first and last line of plain prose
    (``-1`` without any); ``like_headline`` says whether the line repeats the first line's words;
    ``title`` whether it is shaped like a headline (:func:`is_title`): the tail zone and the
    place after the prose are then also ``title_`` features (a headline after the last line of
    prose is another article's; at the head or inside the prose it is this one's or a subheading,
    which the plain zones already weigh).

    >>> sorted(context_features(0, 10, 2, 7, False))
    ['before_prose', 'first', 'head3']
    """
    found: Features = {}
    if index == 0:
        found["first"] = 1.0
    if index < 3:
        found["head3"] = 1.0
    if index >= count - 3:
        found["tail3"] = 1.0
    if index == count - 1:
        found["last"] = 1.0
    if first_prose < 0:
        found["no_prose"] = 1.0
    elif index < first_prose:
        found["before_prose"] = 1.0
    elif index > last_prose:
        found["after_prose"] = 1.0
    elif first_prose < index < last_prose:
        found["inside_prose"] = 1.0
    if like_headline and index:
        found["like_headline"] = 1.0
    if title:
        found.update({f"title_{zone}": 1.0 for zone in _TITLE_ZONES if zone in found})
    return found


_TITLE_ZONES = ("tail3", "after_prose")
