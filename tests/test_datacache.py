"""The on-disk tables a one-file run loads instead of rebuilding (textfix.datacache).

The cache may make a run faster, never different: every table read from disk must equal
the one its library gives, and a damaged, foreign or unwritable cache only costs a rebuild.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from textfix import datacache
from textfix.datacache import Memo, cached_table

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("TEXTFIX_CACHE_DIR", str(folder))
    return folder


class Builder:
    """A table builder that counts how often it is asked."""

    def __init__(self, table: dict[str, int]) -> None:
        self.table, self.calls = table, 0

    def __call__(self) -> dict[str, int]:
        self.calls += 1
        return dict(self.table)


def test_a_table_is_built_once_and_then_read_from_disk(cache: Path) -> None:
    build = Builder({"sagte": 3, "Haus": 1})
    assert cached_table("words", "model-1", build) == {"sagte": 3, "Haus": 1}
    assert cached_table("words", "model-1", build) == {"sagte": 3, "Haus": 1}
    assert build.calls == 1
    assert len(list(cache.glob("words-*.marshal"))) == 1


def test_a_new_key_builds_a_new_table(cache: Path) -> None:
    build = Builder({"a": 1})
    cached_table("words", "model-1", build)
    build.table = {"a": 2}
    assert cached_table("words", "model-2", build) == {"a": 2}  # an upgraded library is not answered from the old table
    assert build.calls == 2


@pytest.mark.parametrize("content", [b"", b"\x00garbage\xff", b"not marshal at all"])
def test_a_damaged_file_is_rebuilt_and_replaced(cache: Path, content: bytes) -> None:
    build = Builder({"a": 1})
    cached_table("words", "k", build)
    (path,) = cache.glob("words-*.marshal")
    path.write_bytes(content)
    assert cached_table("words", "k", build) == {"a": 1}
    assert build.calls == 2
    assert cached_table("words", "k", build) == {"a": 1}
    assert build.calls == 2  # the rebuilt table was written back


def test_a_file_holding_another_key_is_not_trusted(cache: Path) -> None:
    import marshal

    build = Builder({"a": 1})
    cached_table("words", "k", build)
    (path,) = cache.glob("words-*.marshal")
    path.write_bytes(marshal.dumps(("another key", {"a": 99})))
    assert cached_table("words", "k", build) == {"a": 1}


def test_off_keeps_nothing_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEXTFIX_CACHE_DIR", "off")
    monkeypatch.chdir(tmp_path)
    build = Builder({"a": 1})
    assert cached_table("words", "k", build) == {"a": 1}
    assert cached_table("words", "k", build) == {"a": 1}
    assert build.calls == 2
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_an_unwritable_folder_only_costs_the_rebuild(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    monkeypatch.setenv("TEXTFIX_CACHE_DIR", str(folder))
    try:
        assert cached_table("words", "k", Builder({"a": 1})) == {"a": 1}
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_a_cache_folder_that_is_a_file_only_costs_the_rebuild(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("TEXTFIX_CACHE_DIR", str(blocker))
    assert cached_table("words", "k", Builder({"a": 1})) == {"a": 1}
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_memo_answers_are_merged_across_processes(cache: Path) -> None:
    first = Memo("analyses", "model-1")
    first.put("verkehren", 4)
    first.save()
    second = Memo("analyses", "model-1")  # another run: reads the first one's answers, adds its own
    assert second.get("verkehren") == 4
    second.put("gestreamt", 8)
    second.save()
    third = Memo("analyses", "model-1")
    assert (third.get("verkehren"), third.get("gestreamt"), third.get("unasked")) == (4, 8, None)
    assert Memo("analyses", "model-2").get("verkehren") is None  # another model, other answers


def test_memo_stops_growing_on_disk_past_its_limit(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(datacache, "MEMO_LIMIT", 3)
    memo = Memo("analyses", "k")
    for number, word in enumerate(["a", "b"]):
        memo.put(word, number)
    memo.save()
    memo.put("c", 2)
    memo.put("d", 3)
    memo.save()
    assert (Memo("analyses", "k").get("a"), Memo("analyses", "k").get("d")) == (0, None)


BIG = {f"word{i}": float(i) / 7 for i in range(max(datacache.SMALL_TABLE, 1_200) + 100)}  # asked row by row


MIXED = {**BIG, "pair": (1, 2), "count": 3, "yes": True, "name": "Kyjiw"}  # floats, str and others


@pytest.mark.parametrize("table", [BIG, {"und": 7.5, "der": 7.6}, MIXED],
                         ids=["asked row by row", "small: read whole", "values of several types"])
def test_a_looked_up_table_answers_as_the_built_one(cache: Path, table: dict[str, object]) -> None:
    calls: list[str] = []

    def build() -> dict[str, object]:
        calls.append("built")
        return dict(table)

    built = datacache.cached_lookup("lookup", "v1", build)
    loaded = datacache.cached_lookup("lookup", "v1", build)
    assert calls == ["built"] and isinstance(loaded, datacache.Lookup)
    for word in [*list(table)[::97], *list(table)[-5:], "absent", ""]:
        assert loaded.get(word) == built.get(word) == table.get(word)
        assert type(loaded.get(word)) is type(table.get(word))
        assert loaded.get(word, -1.0) == table.get(word, -1.0)


def test_a_process_that_keeps_asking_reads_the_table_whole(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(datacache, "QUERIES_BEFORE_LOADING", 10)
    datacache.cached_lookup("lookup", "v1", lambda: BIG)
    loaded = datacache.cached_lookup("lookup", "v1", lambda: BIG)
    assert [loaded.get(word) for word in BIG] == list(BIG.values())
    assert loaded.get("absent") is None


def test_prefetched_words_are_asked_in_a_few_queries_and_answer_as_the_table(cache: Path) -> None:
    datacache.cached_lookup("lookup", "v1", lambda: BIG)
    loaded = datacache.cached_lookup("lookup", "v1", lambda: BIG)
    assert isinstance(loaded, datacache.Lookup)
    statements: list[str] = []
    loaded._connect().set_trace_callback(statements.append)
    words = [*list(BIG)[:1200], "absent", "word3"]
    loaded.prefetch(words)
    assert len(statements) == 3  # 1,201 distinct words, 500 to a query
    assert [loaded.get(word) for word in words] == [BIG.get(word) for word in words]
    assert len(statements) == 3  # every answer was already there


def test_a_looked_up_table_of_another_key_or_damaged_is_rebuilt(cache: Path) -> None:
    datacache.cached_lookup("lookup", "v1", lambda: BIG)
    assert datacache.cached_lookup("lookup", "v2", lambda: {"new": 1.0}) == {"new": 1.0}
    for damaged in cache.glob("lookup-*.sqlite"):
        damaged.write_bytes(b"not a database" * 100)
    rebuilt = Builder({"a": 1})
    assert datacache.cached_lookup("lookup", "v1", rebuilt) == {"a": 1} and rebuilt.calls == 1
    assert datacache.cached_lookup("lookup", "v1", rebuilt).get("a") == 1 and rebuilt.calls == 1


def test_a_looked_up_table_works_without_a_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEXTFIX_CACHE_DIR", "off")
    monkeypatch.chdir(tmp_path)
    assert datacache.cached_lookup("lookup", "v1", lambda: {"a": 1}).get("a") == 1
    assert list(tmp_path.iterdir()) == []


def test_a_forked_child_asks_its_own_connection(cache: Path) -> None:
    datacache.cached_lookup("lookup", "v1", lambda: BIG)
    loaded = datacache.cached_lookup("lookup", "v1", lambda: BIG)
    assert loaded.get("word1") == BIG["word1"]  # the parent opened its connection
    if not hasattr(os, "fork"):
        pytest.skip("no fork here")
    child = os.fork()
    if child == 0:  # pragma: no cover  (runs in the child)
        os._exit(0 if loaded.get("word2") == BIG["word2"] and loaded.get("absent") is None else 1)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert loaded.get("word3") == BIG["word3"]


def test_word_frequencies_from_the_cache_equal_wordfreq(cache: Path) -> None:
    import wordfreq

    from textfix.language import _evidence

    words = {
        "de": ["und", "sagte", "Bundesregierung", "straße", "überraschend", "the", "qxzvb"],
        "en": ["the", "don't", "government", "said", "und", "qxzvb"],
        "ru": ["и", "правительство", "заявил", "the"],
        "uk": ["і", "уряд", "заявив"],
    }
    for code, listed in words.items():
        for word in listed:
            expected = wordfreq.zipf_frequency(word, code, wordlist="small")
            assert _evidence.zipf(word.lower(), code) == pytest.approx(expected, abs=0.01), (word, code)


def test_word_classes_from_the_cache_equal_hanta(cache: Path) -> None:
    from textfix.flags import _lexicon

    for language, words in {
        "de": ["sagte", "Haus", "haus", "Regierung", "verkehren", "Die", "die", "schnell", "Kiew"],
        "en": ["said", "house", "The", "the", "quickly", "government", "runs"],
    }.items():
        tagger = _lexicon._tagger(language)
        for word in words:
            tags = tagger.tag_word(word.lower(), casesensitive=word[:1].islower())
            expected = _lexicon._bits(tags, language) if tags and word.lower() in tagger.cache else _lexicon._UNLISTED
            assert _lexicon._look_up(word, language) == expected, (language, word)


PROBE = """
import json, sys
from textfix.pipeline import clean
from textfix.options import Options
clean(open(sys.argv[1], encoding="utf-8").read(), Options(translate=False))
watched = ("wordfreq", "HanTa", "lingua", "argostranslate", "ctranslate2")
print(json.dumps(sorted(name for name in watched if name in sys.modules)))
"""


def test_a_warm_run_loads_neither_wordfreq_nor_hanta(cache: Path) -> None:
    seed = ROOT / "corpus" / "seeds" / "000_4af742517c27e9f8.txt"
    env = {**os.environ, "TEXTFIX_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}

    def loaded() -> list[str]:
        command = [sys.executable, "-c", PROBE, str(seed)]
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        return list(json.loads(done.stdout.splitlines()[-1]))

    cold = loaded()
    assert "wordfreq" in cold  # the first run builds the tables from the libraries ...
    warm = loaded()
    assert "wordfreq" not in warm and "HanTa" not in warm  # ... the next ones only read them
    assert "argostranslate" not in warm and "ctranslate2" not in warm  # nothing of translation without translating


def _glossary_source() -> str:
    from textfix.glossary import builtin_glossary

    regex = builtin_glossary()._matcher.regex
    assert regex is not None
    return regex.pattern


SEED_TEXT = (ROOT / "corpus" / "seeds" / "000_4af742517c27e9f8.txt").read_text(encoding="utf-8")


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str, dict[str, str | None]]]:
    return [(m.start(), m.end(), m.group(), m.groupdict()) for m in pattern.finditer(text)]


@pytest.mark.parametrize(
    "source",
    [r"(?P<day>\d{1,2})\.\s*(?P<month>[A-ZÄÖÜ][a-zäöü]+)|Stand:|(?i:kiew)\b", r"[^\W\d_]+(?:['’\-][^\W\d_]+)*"],
)
def test_a_regex_read_from_the_cache_matches_as_re_compile_does(cache: Path, source: str) -> None:
    built = datacache.cached_regex("test", source)
    loaded = datacache.cached_regex("test", source)  # the second one is read from disk
    expected = re.compile(source)
    assert (loaded.pattern, loaded.flags, loaded.groups, loaded.groupindex) == (
        expected.pattern, expected.flags, expected.groups, expected.groupindex)
    assert _matches(loaded, SEED_TEXT) == _matches(built, SEED_TEXT) == _matches(expected, SEED_TEXT)


def test_the_glossary_regex_is_compiled_once_then_read_from_disk(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = _glossary_source()
    datacache.cached_regex("glossary", source)
    assert len(list(cache.glob("regex-glossary-*.marshal"))) == 1

    def compile_again(_: str) -> object:
        raise AssertionError("compiled again although the program is in the cache")

    monkeypatch.setattr(datacache, "_program", compile_again)
    loaded = datacache.cached_regex("glossary", source)
    assert _matches(loaded, SEED_TEXT) == _matches(re.compile(source), SEED_TEXT)
    assert _matches(loaded, SEED_TEXT), "the seed names glossary entries"


@pytest.mark.parametrize("damage", ["truncate", "other opcodes"])
def test_a_damaged_regex_program_falls_back_to_compiling(cache: Path, damage: str) -> None:
    source = r"Kyjiw|Kiew|Kyiv"
    datacache.cached_regex("test", source)
    (path,) = cache.glob("regex-test-*.marshal")
    if damage == "truncate":
        path.write_bytes(path.read_bytes()[:20])
    else:  # a well-formed file whose program is nonsense: the engine refuses it, re.compile answers
        import marshal

        key, (flags, code, groups, names) = marshal.loads(path.read_bytes())
        path.write_bytes(marshal.dumps((key, (flags, [99999, *code[3:]], groups, names))))
    assert datacache.cached_regex("test", source).findall("Kiew, Kyiv") == ["Kiew", "Kyiv"]


def test_with_the_cache_off_a_regex_is_compiled_and_nothing_written(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEXTFIX_CACHE_DIR", "off")
    monkeypatch.chdir(tmp_path)
    assert datacache.cached_regex("test", r"Kiew").findall("Kiew") == ["Kiew"]
    assert list(tmp_path.iterdir()) == []


GLOSSARY_TSV = "id\tde\ten\tvariants\nkyiv\tKiew\tKyiv\tКиїв|Kiev\nzelensky\tSelenskyj\tZelensky\tЗеленський\n"
GLOSSARY_TEXT = "Selensky sprach in Києві, nicht in Kiev, mit Зеленським."


def _found(glossary_tsv: str) -> list[tuple[int, int, str, str, str | None]]:
    from textfix.glossary import find_terms, parse_tsv

    glossary = parse_tsv(glossary_tsv)  # a new object each time: nothing compiled in this process
    return [(m.start, m.end, m.entry.id, m.form, m.near) for m in find_terms(GLOSSARY_TEXT, glossary)]


def test_a_glossary_is_compiled_once_then_read_from_disk(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from textfix.glossary import _fuzzy, _matcher

    built = _found(GLOSSARY_TSV)
    assert {found[2] for found in built} == {"kyiv", "zelensky"}
    assert len(list(cache.glob("glossary-matcher-*.marshal"))) == len(list(cache.glob("glossary-fuzzy-*"))) == 1

    def compile_again(_: object) -> object:
        raise AssertionError("compiled again although the glossary is in the cache")

    monkeypatch.setattr(_matcher, "plan", compile_again)
    monkeypatch.setattr(_fuzzy, "plan", compile_again)
    assert _found(GLOSSARY_TSV) == built


def test_an_edited_glossary_is_compiled_anew(cache: Path) -> None:
    before = _found(GLOSSARY_TSV)
    after = _found(GLOSSARY_TSV.replace("Selenskyj\tZelensky\t", "Selenskyj\tZelensky\tSelensky|"))
    assert (0, 8, "zelensky", "Selensky", "Selenskyj") in before  # one edit away from a form ...
    assert (0, 8, "zelensky", "Selensky", None) in after  # ... until the edit makes it a variant
    assert len(list(cache.glob("glossary-matcher-*.marshal"))) == 2


def test_the_builtin_glossary_read_from_the_cache_equals_the_file(cache: Path) -> None:
    from importlib import resources

    from textfix.glossary import files

    text = resources.files("textfix").joinpath("data", "glossary.tsv").read_text(encoding="utf-8")
    parsed = files.parse_tsv(text).entries
    assert files.builtin_glossary.__wrapped__().entries == parsed  # builds and writes the cache ...
    assert len(list(cache.glob("glossary-builtin-*.marshal"))) == 1
    assert files.builtin_glossary.__wrapped__().entries == parsed  # ... then reads it


REGEX_PROBE = """
import json, re, sys
from textfix import datacache
warmed = datacache.warm_regex_cache()
pattern = re.compile(sys.argv[1], int(sys.argv[2]))
found = [(m.start(), m.end(), m.groups()) for m in pattern.finditer(sys.argv[3])]
print(json.dumps([warmed, pattern.flags, pattern.groups, dict(pattern.groupindex), found]))
"""


def _compile_in_a_process(cache: Path, source: str, flags: int, text: str) -> list[object]:
    env = {**os.environ, "TEXTFIX_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", REGEX_PROBE, source, str(flags), text], env=env, capture_output=True,
                          text=True, check=True)
    return list(json.loads(done.stdout))


@pytest.mark.parametrize(("source", "flags"), [(r"(?P<word>\w+)-(\d+)", 0), (r"straße|KIEW", int(re.IGNORECASE))])
def test_patterns_a_run_compiled_are_found_compiled_by_the_next(cache: Path, source: str, flags: int) -> None:
    text = "Kiew-12 und STRASSE-3, kiew straße"
    first = _compile_in_a_process(cache, source, flags, text)
    second = _compile_in_a_process(cache, source, flags, text)
    fresh = re.compile(source, flags)
    found = [[m.start(), m.end(), list(m.groups())] for m in fresh.finditer(text)]
    expected = [fresh.flags, fresh.groups, dict(fresh.groupindex), found]
    assert first[0] == 0 and first[1:] == expected  # nothing kept yet: compiled by re, kept at exit
    assert second[0] != 0 and second[1:] == expected  # found in re's cache, made from the kept program


def test_kept_regex_programs_are_what_re_compiles(cache: Path) -> None:
    import marshal

    _compile_in_a_process(cache, r"(?i)kyjiw|(?P<n>\d+)", 0, "Kyjiw 12")  # keeps what textfix's import compiled
    (path,) = cache.glob("regex-programs-*.marshal")
    _, programs = marshal.loads(path.read_bytes())
    assert len(programs) > 1
    for (source, flags), program in programs.items():
        assert datacache._program(source, flags) == program, source


@pytest.mark.parametrize("name", ["glossary.tsv", "debris_model.json"])
def test_shipped_data_is_the_file_importlib_resources_reads(name: str) -> None:
    from importlib import resources

    assert datacache.shipped_data(name) == resources.files("textfix").joinpath("data", name).read_bytes()
    with pytest.raises(OSError):
        datacache.shipped_data("no-such-file.tsv")
