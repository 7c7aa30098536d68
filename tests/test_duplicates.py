"""Duplicates: headline variants and repeated paragraphs; different sentences stay."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textfix.duplicates import find_duplicates

HEADLINE = (
    "Tausende Container und Millionen Granaten reisen von Nordkorea nach Russland an die Front: Die NATO ist besorgt"
)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(HEADLINE, HEADLINE.replace("von Nordkorea", "von der DVRK"), id="dvrk-vs-nordkorea"),
        pytest.param(
            "Aufenthalt des Militärs von Kim Jong-un in der Ukraine: Die NATO hat eine wichtige Erklärung abgegeben",
            "Aufenthalt des Militärs von Kim Jong Un in der Ukraine: Die NATO hat eine wichtige Erklärung abgegeben",
            id="kim-jong-un-spellings",
        ),
        pytest.param(
            "Die NATO ist besorgt: Millionen Granaten reisen von Nordkorea nach Russland",
            "Millionen Granaten reisen von Nordkorea nach Russland: Die NATO ist besorgt",
            id="word-order",
        ),
        pytest.param(
            "Kim Jong-un besucht Pjöngjang und trifft Putin zu Gesprächen",
            "Kim Jong-un besucht Pyongyang und trifft Putin zu Gesprächen",
            id="pjoengjang-vs-pyongyang",
        ),
        pytest.param(
            "Aufenthalt des Militärs von Kim Jong-un in der Ukraine: Die NATO hat eine wichtige Erklärung abgegeben",
            "Kim Jong-uns militärischer Aufenthalt in der Ukraine: Die NATO gab eine wichtige Erklärung ab",
            id="seed-002-rephrased",
        ),
    ],
)
def test_headline_variant_is_a_repeated_headline(first: str, second: str) -> None:
    assert find_duplicates([first, second]) == {1: "repeated headline"}


def test_seed_000_headline_repeated_three_times_keeps_the_first() -> None:
    variant = HEADLINE.replace("von Nordkorea", "von der DVRK")
    variants = [HEADLINE, variant, variant]
    assert find_duplicates(variants) == {1: "repeated headline", 2: "repeated headline"}


def test_exact_repeated_paragraph_is_found_far_apart() -> None:
    sentence = "Die NATO ist sich bewusst, dass die DVRK Waffen an Russland transferiert hat."
    filler = [f"Absatz Nummer {i} handelt von etwas ganz anderem, Thema {i}." for i in range(60)]
    paragraphs = [sentence, *filler, sentence]
    assert find_duplicates(paragraphs) == {61: "repeated paragraph"}


@pytest.mark.parametrize(
    "paragraphs",
    [
        pytest.param(
            [
                "Die NATO ist sich bewusst, dass die DVRK Waffen an Russland transferiert hat.",
                "Nordkorea hat nach Angaben der NATO Waffen an Russland geliefert und erhält dafür Technologie.",
            ],
            id="two-sentences-on-one-topic",
        ),
        pytest.param(
            [
                "Die NATO-Mitglieder befürchten, dass Russland und Nordkorea zunehmend miteinander kooperieren.",
                "Obwohl Russland und Nordkorea Waffenverkäufe bestreiten, zeigen Satellitenbilder, dass Frachtschiffe "
                "regelmäßig verkehren.",
            ],
            id="seed-000-paragraphs-on-russia-and-north-korea",
        ),
        pytest.param(
            ["Putin wird nach Nordkorea kommen", "Frachtschiffe verkehren regelmäßig zwischen Nordkorea und Russland"],
            id="two-subheadings",
        ),
        pytest.param(
            [
                "Aufenthalt des Militärs von Kim Jong-un in der Ukraine: Die NATO hat eine Erklärung abgegeben",
                "Rutte forderte Moskau und Pjöngjang auf, solche Aktionen auszusetzen.",
            ],
            id="headline-and-sentence",
        ),
        pytest.param(["", "", "   "], id="empty-paragraphs"),
    ],
)
def test_different_paragraphs_are_not_duplicates(paragraphs: list[str]) -> None:
    assert find_duplicates(paragraphs) == {}


def test_a_headline_and_a_paragraph_with_its_words_are_not_duplicates() -> None:
    headline = "Die NATO ist sich bewusst: die DVRK transferiert Waffen an Russland"
    paragraph = "Die NATO ist sich bewusst, dass die DVRK Waffen an Russland transferiert hat."
    assert find_duplicates([headline, paragraph]) == {}


@pytest.mark.parametrize(
    "text",
    [
        "Zutaten: 2 ½ Tassen Mehl, 1,5 l Milch, 3/4 TL Salz, 12.000 Körner",
        "Ergebnis 3:1 (2:0), 90+4. Minute, 1.5.2024",
        "½¼¾⅓⅔ and 1/2/3, 4,5.6 ,7 .8",
        "Zahlen in anderen Schriften: ٣٤ und ३.५ und ½٣",
        "Keine Zahl in diesem Satz, nur Wörter.",
        "",
    ],
)
def test_number_pattern_finds_what_the_plain_pattern_finds(text: str) -> None:
    # _NUMBER is written to start with one character class (fast to scan for); it must match
    # exactly what the plain form of the pattern matches, since the count decides data lines.
    from textfix.duplicates import _NUMBER

    assert _NUMBER.findall(text) == re.findall(r"\d+(?:[.,/]\d+)*|[½¼¾⅓⅔]", text)


def test_a_line_dense_in_numbers_repeats_on_purpose_and_prose_does_not() -> None:
    recipe = "Mehl 250 g, Zucker 100 g, Eier 2, Milch 0,5 l, Salz ½ Prise und Butter 50 g."
    prose = "Mehl, Zucker, Eier, Milch, Salz und Butter stehen seit dem Morgen auf dem Tisch."
    between = "Etwas ganz anderes steht hier dazwischen, damit keine Zeile sich direkt wiederholt."
    assert find_duplicates([recipe, between, recipe]) == {}
    assert find_duplicates([prose, between, prose]) == {2: "repeated paragraph"}


def test_stop_words_are_shorter_than_a_stem() -> None:
    """The stems leave stop words out as a set, which needs every stop word shorter than a stem."""
    from textfix.duplicates import _STOP

    assert max(map(len, _STOP)) < 5


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ9_ .,:-’'„“ä\u0301\n")), max_size=40))
def test_words_are_the_pattern_s_words(text: str) -> None:
    """The word finder's shortcuts (a bare word, a word and one mark) find what the word pattern finds."""
    from textfix.duplicates import _WORD, _words

    assert _words(text) == _WORD.findall(text)
