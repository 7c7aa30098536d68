"""The glossary: loaders and their errors, TBX round trip, matching, edits, the translation hook, the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from textfix import EditKind, GlossaryError, Options, apply_edits, clean
from textfix.cli import app
from textfix.glossary import (
    Glossary,
    GlossaryEntry,
    builtin_glossary,
    find_terms,
    glossary_edits,
    load_glossaries,
    load_glossary,
    nonstandard_terms,
    parse_tbx,
    parse_tsv,
    protect,
    restore,
    to_tbx,
    to_tsv,
)

SEEDS = Path(__file__).resolve().parents[1] / "corpus" / "seeds"
SEED_000 = SEEDS / "000_4af742517c27e9f8.txt"
SEED_002 = SEEDS / "002_abadc072636bb697.txt"

USER_TSV = (
    "# my newsroom's spellings\n"
    "id\ttype\tde\ten\tvariants\tsource\n"
    "\n"
    "kyiv\tcity\tKyjiw|Kiew\tKyiv\tКиїв|Kiev\tour style guide\n"
    "nato\torganisation\tNato\tNATO\tНАТО\t\n"
)


def found(text: str, glossary: Glossary | None = None) -> list[tuple[str, str]]:
    return [(m.text, m.entry.id) for m in find_terms(text, glossary or builtin_glossary())]


# --- loaders --------------------------------------------------------------------------


def test_tsv_reads_canonical_forms_other_correct_forms_and_variants() -> None:
    glossary = parse_tsv(USER_TSV, "mine.tsv")
    kyiv = glossary.get("kyiv")
    assert kyiv is not None
    assert (kyiv.type, kyiv.canonical("de"), kyiv.forms("de"), kyiv.canonical("en")) == (
        "city", "Kyjiw", ("Kyjiw", "Kiew"), "Kyiv"
    )
    assert kyiv.variants == ("Kiev", "Київ")  # Latin first, then Cyrillic
    assert kyiv.source == "our style guide"
    assert [entry.id for entry in glossary] == ["kyiv", "nato"]


def test_files_load_by_extension(tmp_path: Path) -> None:
    tsv = tmp_path / "mine.tsv"
    tsv.write_text(USER_TSV, encoding="utf-8")
    csv_file = tmp_path / "mine.csv"
    csv_file.write_text('id,de,en,variants\nkyiv,"Kyjiw|Kiew",Kyiv,"Київ|Kiev"\n', encoding="utf-8")
    tbx = tmp_path / "mine.tbx"
    tbx.write_text(to_tbx(load_glossary(tsv)), encoding="utf-8")
    assert load_glossary(csv_file).get("kyiv") == GlossaryEntry.create(
        "kyiv", {"de": ["Kyjiw", "Kiew"], "en": "Kyiv"}, variants=["Київ", "Kiev"]
    )
    assert load_glossary(tbx) == load_glossary(tsv)


BAD_TSV = [
    pytest.param("id\tde\ten\nkyiv\tKiew\tKyiv\tКиїв\n", 2, "expected 3 fields, found 4 (a stray tab or comma?)",
                 id="extra-field"),
    pytest.param("id\tde\ten\nkyiv\tKiew\tKyiv\n\nkyiv\tKyjiw\tKyiv\n", 4, "duplicate id 'kyiv' (first on line 2)",
                 id="duplicate-id"),
    pytest.param("id\tde\ten\nkyiv\tKiew||Kyjiw\tKyiv\n", 2, "empty form in column 'de' (two '|' in a row?)",
                 id="empty-form"),
    pytest.param("id\tde\ten\n1kyiv\tKiew\tKyiv\n", 2,
                 "id '1kyiv' must start with a letter and hold only letters, digits, '.', '_', '-'", id="bad-id"),
    pytest.param("id\tde\ten\nkyiv\t\t\n", 2, "entry 'kyiv' has no form in any of de, en", id="no-form"),
    pytest.param("id\tde\ten\nkyiv\tKiew\tKyiv\nkiev\tKiew\tKiev\n", 3, "'Kiew' is already a form of 'kyiv' (line 2)",
                 id="form-of-two-entries"),
    pytest.param("id\tde\ten\tvariants\nkyiv\tKiew\tKyiv\tKiew\n", 2, "variant 'Kiew' is also a de form of 'kyiv'",
                 id="variant-is-canonical"),
    pytest.param("id\tde\tnotes\nkyiv\tKiew\tx\n", 1,
                 "unknown column 'notes': columns are id, type, variants, source and two-letter language codes",
                 id="unknown-column"),
    pytest.param("# only a comment\nid\ttype\tsource\n", 2,
                 "the header needs an 'id' column and at least one language column (de, en)", id="no-language"),
]


@pytest.mark.parametrize(("text", "line", "problem"), BAD_TSV)
def test_a_bad_tsv_line_names_file_line_and_problem(text: str, line: int, problem: str) -> None:
    with pytest.raises(GlossaryError) as caught:
        parse_tsv(text, "mine.tsv")
    assert (caught.value.path, caught.value.line, caught.value.problem) == ("mine.tsv", line, problem)
    assert str(caught.value) == f"mine.tsv:{line}: {problem}"


def test_a_bad_csv_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("id,de,en\nkyiv,Kiew,Kyiv\nnato,NATO,NATO,НАТО\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"mine\.csv:3: expected 3 fields, found 4"):
        load_glossary(path)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        pytest.param("mine.tsv", "id\tde\nkyiv\tKiew\nnato\tNATO \xff\n".encode("latin-1"),
                     ":3: not UTF-8 text; save the glossary as UTF-8", id="not-utf8"),
        pytest.param("mine.json", b"{}", ": unknown glossary format '.json': use .tsv, .csv or .tbx", id="format"),
        pytest.param("mine.tbx", b"<martif>\n<text>\n</martif>\n",
                     ":3: not well-formed XML: mismatched tag", id="xml"),
        pytest.param("mine.tbx", b"<glossary/>",
                     ":1: not a TBX file: the root element is <glossary>, not <martif> or <tbx>", id="root"),
        pytest.param("mine.tbx",
                     b'<martif><text><body>\n<termEntry id="a">\n<langSet><tig><term>A</term></tig></langSet>'
                     b"</termEntry></body></text></martif>",
                     ":3: <langSet> without xml:lang in entry 'a'", id="lang"),
    ],
)
def test_unusable_files_say_why(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path)
    assert str(caught.value) == f"{path}{message}"


# --- TBX ------------------------------------------------------------------------------


def test_tbx_round_trips_the_builtin_glossary() -> None:
    glossary = builtin_glossary()
    assert parse_tbx(to_tbx(glossary)) == glossary
    assert parse_tsv(to_tsv(glossary)) == glossary


def test_tbx_round_trips_other_languages_and_correct_forms() -> None:
    glossary = Glossary((
        GlossaryEntry.create("kyiv", {"de": ["Kiew", "Kyjiw"], "en": "Kyiv", "ru": "Киев"},
                             variants=["Київ", "Kiev", "Кыев"], type="city", source="style guide"),
    ))
    exported = to_tbx(glossary)
    assert '<termEntry id="kyiv">' in exported
    assert "<term>Kyjiw</term>" in exported and "admittedTerm-admn-sts" in exported
    assert parse_tbx(exported) == glossary


def test_tbx_v3_and_status_free_files_import() -> None:
    v3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="de"><termSec><term>Charkiw</term></termSec></langSec>
      <langSec xml:lang="en-GB"><termSec><term>Kharkiv</term></termSec>
        <termSec><term>Kharkov</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec></langSec>
    </conceptEntry>
    <conceptEntry>
      <langSec xml:lang="de"><termSec><term>Odessa</term></termSec><termSec><term>Odesa</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>"""
    glossary = parse_tbx(v3)
    assert glossary.get("c1") == GlossaryEntry.create("c1", {"de": "Charkiw", "en": "Kharkiv"}, variants=["Kharkov"])
    assert glossary.get("entry-2") == GlossaryEntry.create("entry-2", {"de": ["Odessa", "Odesa"]})


# --- the built-in glossary ------------------------------------------------------------


def test_builtin_glossary_is_large_and_typed() -> None:
    glossary = builtin_glossary()
    assert len(glossary) >= 150
    types = {entry.type for entry in glossary}
    assert types == {"person", "country", "region", "water", "city", "place", "organisation", "equipment"}
    assert all(entry.source for entry in glossary)


@pytest.mark.parametrize(
    ("entry_id", "de", "en", "variants"),
    [
        pytest.param("stoltenberg", "Stoltenberg", "Stoltenberg", {"Столтенберг", "Stoltenberh"}, id="Stoltenberg"),
        pytest.param("rutte", "Rutte", "Rutte", {"Рютте"}, id="Rutte"),
        pytest.param("pyongyang", "Pjöngjang", "Pyongyang", {"Пхеньян"}, id="Pyongyang"),
        pytest.param("kim-jong-un", "Kim Jong-un", "Kim Jong Un", {"Ким Чен Ын"}, id="Kim"),
        pytest.param("dprk", "DVRK", "DPRK", {"КНДР"}, id="DPRK"),
        pytest.param("zelensky", "Selenskyj", "Zelensky", {"Зеленский", "Зеленський"}, id="Zelensky"),
        pytest.param("kyiv", "Kiew", "Kyiv", {"Киев", "Київ"}, id="Kyiv"),
        pytest.param("kharkiv", "Charkiw", "Kharkiv", {"Харьков", "Харків"}, id="Kharkiv"),
        pytest.param("putin", "Putin", "Putin", {"Путин"}, id="Putin"),
        pytest.param("biden", "Biden", "Biden", {"Байден"}, id="Biden"),
        pytest.param("kursk", "Kursk", "Kursk", {"Курск"}, id="Kursk"),
        pytest.param("najin", "Najin", "Najin", set(), id="Najin"),
    ],
)
def test_builtin_glossary_has_the_names_of_the_seeds(entry_id: str, de: str, en: str, variants: set[str]) -> None:
    entry = builtin_glossary().get(entry_id)
    assert entry is not None
    assert (entry.canonical("de"), entry.canonical("en")) == (de, en)
    assert variants <= set(entry.variants)


# --- matching -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Putinversteher und Kiewer Kuchen", [], id="word-containing-a-name"),
        pytest.param("Russlandpolitik, Ukrainer, Украинский, Киевская", [], id="derived-words"),
        pytest.param("bei uns", [], id="uns-is-not-UN"),
        pytest.param("die DVRK-Truppen", [("DVRK", "dprk")], id="hyphenated-compound"),
        pytest.param("Jens Stoltenberg sagte", [("Jens Stoltenberg", "jens-stoltenberg")], id="longest-match"),
        pytest.param("Kim Jong Un und Kim Jong-un", [("Kim Jong Un", "kim-jong-un"), ("Kim Jong-un", "kim-jong-un")],
                     id="spellings"),
        pytest.param("Panzer vom Typ Т-72", [("Т-72", "t-72")], id="cyrillic-letter-in-latin-name"),
        pytest.param("в Куп’янську", [("Куп’янську", "kupiansk")], id="typographic-apostrophe"),
    ],
)
def test_matching_is_by_whole_words(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "entry_id", "form"),
    [
        pytest.param("Столтенберга", "stoltenberg", "Столтенберг", id="genitive"),
        pytest.param("Столтенбергом", "stoltenberg", "Столтенберг", id="instrumental"),
        pytest.param("Рютте", "rutte", "Рютте", id="indeclinable"),
        pytest.param("Пхеньяна", "pyongyang", "Пхеньян", id="Пхеньяна"),
        pytest.param("Украины", "ukraine", "Украина", id="Украины"),
        pytest.param("Украиной", "ukraine", "Украина", id="Украиной"),
        pytest.param("Україною", "ukraine", "Україна", id="uk-instrumental"),
        pytest.param("Києва", "kyiv", "Київ", id="uk-vowel-alternation"),
        pytest.param("Харкові", "kharkiv", "Харків", id="uk-locative"),
        pytest.param("Северной Кореи", "north-korea", "Северная Корея", id="adjective-and-noun"),
        pytest.param("Ким Чен Ына", "kim-jong-un", "Ким Чен Ын", id="korean-name"),
        pytest.param("Зеленского", "zelensky", "Зеленский", id="ru-adjectival-surname"),
        pytest.param("Зеленського", "zelensky", "Зеленський", id="uk-adjectival-surname"),
        pytest.param("Владимира Путина", "vladimir-putin", "Владимир Путин", id="first-and-last-name"),
        pytest.param("Кремлём", "kremlin", "Кремль", id="soft-sign"),
        pytest.param("Черного моря", "black-sea", "Чёрное море", id="yo-written-as-e"),
    ],
)
def test_inflected_cyrillic_forms_are_recognised(text: str, entry_id: str, form: str) -> None:
    (match,) = find_terms(f"сказал {text}, и", builtin_glossary())
    assert (match.text, match.entry.id, match.form, match.suffix) == (text, entry_id, form, "")
    assert not match.is_canonical("de")


def test_german_genitive_s_stays_around_the_canonical_name() -> None:
    text = "Putins Armee, Stoltenberhs Warnung und Zelenskys Plan"
    matches = find_terms(text, builtin_glossary())
    assert [(m.text, m.suffix, m.is_canonical("de")) for m in matches] == [
        ("Putins", "s", True), ("Stoltenberhs", "s", False), ("Zelenskys", "s", False)
    ]
    assert apply_edits(text, glossary_edits(text, "de", builtin_glossary())) == (
        "Putins Armee, Stoltenbergs Warnung und Selenskyjs Plan"
    )


def test_a_form_of_another_language_is_respelled_and_correct_forms_are_left() -> None:
    text = "Kyiv, Kiew, Kyjiw und die Nato"
    assert [m.text for m in nonstandard_terms(text, "de", builtin_glossary())] == ["Kyiv", "Kyjiw"]
    assert apply_edits(text, glossary_edits(text, "en", builtin_glossary())) == "Kyiv, Kyiv, Kyiv und die Nato"


def test_edits_stay_inside_the_given_spans_and_say_why() -> None:
    text = "Stoltenberh sagte: Мы обеспокоены, – сказал Столтенберг."
    edits = glossary_edits(text, "de", builtin_glossary(), spans=[(0, 18)])
    assert [(e.start, e.end, e.before, e.after, e.reason) for e in edits] == [
        (0, 11, "Stoltenberh", "Stoltenberg", "glossary: Stoltenberh → Stoltenberg")
    ]
    assert glossary_edits(text, "ru", builtin_glossary()) == []  # no canonical Russian forms


def test_a_user_glossary_overrides_the_builtin_one() -> None:
    merged = builtin_glossary().merged(parse_tsv(USER_TSV, "mine.tsv"))
    assert len(merged) == len(builtin_glossary())
    assert apply_edits("Kiew, Kiev", glossary_edits("Kiew, Kiev", "de", merged)) == "Kiew, Kyjiw"
    assert apply_edits("die NATO", glossary_edits("die NATO", "de", merged)) == "die Nato"
    own = Glossary((GlossaryEntry.create("chicken-kiev", {"de": "Chicken Kiev", "en": "Chicken Kiev"}),))
    assert found("Chicken Kiev in Kiev", builtin_glossary().merged(own)) == [
        ("Chicken Kiev", "chicken-kiev"), ("Kiev", "kyiv")
    ]


def test_lookup_finds_ids_forms_inflections_and_other_letter_case() -> None:
    glossary = builtin_glossary()
    assert [getattr(glossary.lookup(t), "id", None) for t in ("kyiv", "Києва", "KIEW", "Stoltenberh", "Kiewer")] == [
        "kyiv", "kyiv", "kyiv", "stoltenberg", None
    ]


def test_load_glossaries_merges_files_over_the_builtin_one(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text(USER_TSV, encoding="utf-8")
    assert load_glossaries([path]).get("kyiv") == parse_tsv(USER_TSV).get("kyiv")
    assert [e.id for e in load_glossaries([path], builtin=False)] == ["kyiv", "nato"]


# --- the pipeline ---------------------------------------------------------------------


@pytest.mark.parametrize("seed", [SEED_000, SEED_002], ids=["seed-000", "seed-002"])
def test_seeds_keep_their_output_and_replay(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    result = clean(text)
    after = clean(text, Options(glossary=builtin_glossary()))
    assert after.output == result.output  # their German text already spells every name canonically
    assert apply_edits(after.original, after.edits) == after.output


def test_the_glossary_stage_composes_into_the_edit_log() -> None:
    text = (
        "Stoltenberh warnt vor der KNDR\n\nStoltenberh warnt vor der KNDR Sofia Rozhik\n\n"
        "Der Kreml und die Regierung in Kyiv haben darauf bereits reagiert , sagte Stoltenberh .\n\n"
        "Мы обеспокоены тем фактом, что Россия и Северная Корея сближаются, – сказал Столтенберг.\n\n"
        "Leave a Reply\n"
    )
    result = clean(text)
    assert result.language == "de"
    after = clean(text, Options(glossary=builtin_glossary()))
    assert after.output == (
        "Stoltenberg warnt vor der KNDR\n\nDer Kreml und die Regierung in Kiew haben darauf bereits reagiert, "
        "sagte Stoltenberg.\n\n"
        "Мы обеспокоены тем фактом, что Россия и Северная Корея сближаются, – сказал Столтенберг.\n"
    )
    assert apply_edits(text, after.edits) == after.output
    reasons = [e.reason for e in after.edits if e.kind is EditKind.GLOSSARY]
    assert reasons == ["glossary: Stoltenberh → Stoltenberg", "glossary: Kyiv → Kiew",
                       "glossary: Stoltenberh → Stoltenberg"]
    assert (after.segments, after.language) == (result.segments, result.language)


def test_the_glossary_without_forms_in_the_document_language_changes_nothing() -> None:
    text = "Мы обеспокоены тем фактом, что Россия и Северная Корея сближаются, – сказал Столтенберг.\n"
    assert clean(text, Options(glossary=builtin_glossary())) == clean(text)


# --- the translation hook -------------------------------------------------------------


def test_protect_and_restore_bring_back_canonical_target_forms() -> None:
    span = "Мы обеспокоены тем фактом, что Россия и Северная Корея все больше сближаются, – сказал Столтенберг."
    protected, placeholders = protect(span, builtin_glossary(), "de")
    assert protected == "Мы обеспокоены тем фактом, что ZXQ1 и ZXQ2 все больше сближаются, – сказал ZXQ3."
    translated = "Wir sind besorgt, dass ZXQ1 und zxq 2 sich annähern, sagte ZXQ3."
    assert restore(translated, placeholders) == (
        "Wir sind besorgt, dass Russland und Nordkorea sich annähern, sagte Stoltenberg.", []
    )


def test_restore_fixes_names_the_model_copied_and_reports_lost_ones() -> None:
    _, placeholders = protect("сказал Столтенберг в Пхеньяне и Столтенберг", builtin_glossary(), "en")
    text, lost = restore("Stoltenberh said in Pyongyang", placeholders)
    assert text == "Stoltenberg said in Pyongyang"
    assert [(p.token, p.source, p.replacement) for p in lost] == [("ZXQ1", "Столтенберг", "Stoltenberg")]
    assert lost[0].message == "glossary name 'Столтенберг' (Stoltenberg) was lost in translation"


# --- command line ---------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_lists_every_variant_in_seed_000() -> None:
    code, out, _ = run("glossary", "check", str(SEED_000))
    assert code == 1
    assert out.splitlines() == [
        f"{SEED_000}:17:32: Россия → Russland (foreign ru)",
        f"{SEED_000}:17:41: Северная Корея → Nordkorea (foreign ru)",
        f"{SEED_000}:17:97: Столтенберг → Stoltenberg (foreign ru)",
        f"{SEED_000}:19:1: Байден → Biden (foreign ru)",
        f"{SEED_000}:19:61: Украиной → Ukraine (foreign ru)",
        f"{SEED_000}:19:72: США → USA (foreign ru)",
    ]


def test_check_passes_seed_002_which_spells_every_name_canonically() -> None:
    assert run("glossary", "check", str(SEED_002)) == (0, "", "")


def test_check_with_a_user_glossary_and_without_the_builtin_one(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Die Nato hat in Kiew und Kiev getagt, sagte der Sprecher.\n", encoding="utf-8")
    mine = tmp_path / "mine.tsv"
    mine.write_text(USER_TSV, encoding="utf-8")
    assert run("glossary", "check", str(article))[:2] == (1, f"{article}:1:26: Kiev → Kiew\n")
    assert run("glossary", "check", "--glossary", str(mine), str(article))[:2] == (1, f"{article}:1:26: Kiev → Kyjiw\n")
    assert run("glossary", "check", "--no-builtin-glossary", str(article)) == (
        1, "", f"textfix: {article}: the glossary has no de forms to check against; pass --lang de or --lang en\n"
    )


def test_show_prints_the_entry_of_any_spelling() -> None:
    code, out, _ = run("glossary", "show", "Пхеньяна")
    assert code == 0
    assert out.splitlines()[:3] == ["pyongyang (city)", "  de: Pjöngjang", "  en: Pyongyang"]
    assert run("glossary", "show", "Atlantis") == (1, "", "textfix: no glossary entry for 'Atlantis'\n")


def test_fix_applies_the_builtin_and_user_glossaries(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Die NATO und Stoltenberh sind in Kiev besorgt .\n", encoding="utf-8")
    mine = tmp_path / "mine.tsv"
    mine.write_text(USER_TSV, encoding="utf-8")
    assert run("fix", "--no-translate", str(article))[:2] == (0, "Die NATO und Stoltenberg sind in Kiew besorgt.\n")
    assert run("fix", "--no-translate", "--glossary", str(mine), str(article))[:2] == (
        0, "Die Nato und Stoltenberg sind in Kyjiw besorgt.\n"
    )
    assert run("fix", "--no-translate", "--no-builtin-glossary", str(article))[:2] == (
        0, "Die NATO und Stoltenberh sind in Kiev besorgt.\n"
    )


def test_fix_stops_on_a_bad_glossary(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Die NATO ist besorgt.\n", encoding="utf-8")
    bad = tmp_path / "bad.tsv"
    bad.write_text("id\tde\ten\nkyiv\tKiew\tKyiv\tx\n", encoding="utf-8")
    assert run("fix", "--no-translate", "--glossary", str(bad), str(article)) == (
        1, "", f"textfix: {bad}:2: expected 3 fields, found 4 (a stray tab or comma?)\n"
    )
