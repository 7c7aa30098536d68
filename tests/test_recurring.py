"""Corpus runs learn from the corpus: lines that recur across a run's documents are site chrome.

The run is eight articles from one invented site ("Rheintaler Rundschau") whose furniture no
pattern knows; the same article cleaned alone keeps it.
"""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

import textfix
from textfix.batch import BatchConfig, run_files, run_jsonl
from textfix.cli import app
from textfix.debris.recurring import (
    RecurringCounter,
    count_recurring,
    document_lines,
    is_candidate,
    line_key,
    parse_threshold,
)
from textfix.decisions import options_fingerprint, options_values
from textfix.errors import OptionsError

#: The site's furniture, each with the variants its pages show (emoji, punctuation, decoration).
NEWSLETTER = ["Jetzt den Morgen-Newsletter bestellen 📬", "Jetzt den Morgen-Newsletter bestellen! 📬",
              "📬 Jetzt den Morgen-Newsletter bestellen"]
TOPIC = ["Alle Artikel zu Energie", "Alle Artikel zu Energie ›"]
EDITION = ["Rheintaler Rundschau · Ausgabe Süd", "Rheintaler Rundschau | Ausgabe Süd"]
SECTION = ["Mehr aus dem Ressort Wirtschaft", "» Mehr aus dem Ressort Wirtschaft"]
#: Site-specific lines: no pattern and no line model can know them from one page.
SITE_ONLY = ("rheintaler rundschau ausgabe süd", "mehr aus dem ressort wirtschaft")
#: A long agency sentence under every article: prose, kept.
AGENCY = ("Dieser Bericht beruht auf Material der Nachrichtenagenturen dpa und Reuters und wurde "
          "von unserer Redaktion um Stimmen aus der Region ergänzt.")

ARTICLES = [
    ("Stadtwerke Lörrach senken den Strompreis zum Jahreswechsel",
     ["Die Stadtwerke Lörrach senken zum 1. Januar den Arbeitspreis für Haushaltsstrom um knapp drei Cent "
      "je Kilowattstunde, wie der Versorger am Dienstag mitteilte.",
      "Grund seien gesunkene Einkaufspreise an der Strombörse, sagte Geschäftsführer Martin Keller bei der "
      "Vorstellung der neuen Tarife im Rathaus.",
      "Verbraucherschützer begrüßten den Schritt, forderten aber, die Entlastung auch an Gewerbekunden "
      "weiterzugeben, die bislang leer ausgingen."]),
    ("Windpark auf dem Rohrenkopf: Gemeinderat stimmt knapp zu",
     ["Mit elf zu neun Stimmen hat der Gemeinderat von Gersbach den Weg für drei neue Windräder auf dem "
      "Rohrenkopf frei gemacht.",
      "Die Bürgerinitiative Gegenwind kündigte an, die Entscheidung vom Landratsamt prüfen zu lassen, weil "
      "Brutplätze des Rotmilans betroffen seien.",
      "Der Betreiber rechnet damit, dass die Anlagen frühestens in zwei Jahren Strom für rund achttausend "
      "Haushalte liefern."]),
    ("Heizölpreise im Dreiländereck ziehen wieder an",
     ["Wer im Markgräflerland mit Öl heizt, muss seit Anfang des Monats wieder deutlich mehr bezahlen als "
      "noch im Spätsommer.",
      "Händler in Weil am Rhein berichten von einer steigenden Nachfrage, weil viele Kunden vor dem Winter "
      "ihre Tanks füllen wollen.",
      "Ein Sprecher des Branchenverbands riet dazu, Angebote mehrerer Lieferanten zu vergleichen und nicht "
      "unter Zeitdruck zu bestellen."]),
    ("Solarpflicht für Parkplätze: Was Händler jetzt wissen müssen",
     ["Seit diesem Jahr müssen neue Parkplätze mit mehr als fünfunddreißig Stellplätzen in Baden-Württemberg "
      "mit Photovoltaik überdacht werden.",
      "Mehrere Supermärkte in Rheinfelden haben bereits Anlagen gebaut, andere warten noch auf die "
      "Genehmigung des Netzbetreibers.",
      "Die Industrie- und Handelskammer bietet im kommenden Monat eine kostenlose Sprechstunde für "
      "betroffene Betriebe an."]),
    ("Wärmenetz in Schopfheim wächst um zwei Kilometer",
     ["Die Stadt Schopfheim erweitert ihr Wärmenetz und schließt im kommenden Jahr zwei Schulen und das "
      "Hallenbad an die Holzhackschnitzelanlage an.",
      "Die Kosten von rund vier Millionen Euro trägt zu einem Drittel das Land, den Rest finanzieren die "
      "Stadtwerke über Kredite.",
      "Anwohner entlang der Trasse müssen sich von März an auf Baustellen und Umleitungen einstellen, "
      "teilte die Verwaltung mit."]),
    ("Wasserkraftwerk Rheinfelden liefert Rekordmenge",
     ["Dank des nassen Frühjahrs hat das Wasserkraftwerk Rheinfelden im ersten Halbjahr so viel Strom "
      "erzeugt wie nie seit seiner Modernisierung.",
      "Der Betreiber spricht von einem Plus von zwölf Prozent gegenüber dem langjährigen Mittel der "
      "vergangenen zehn Jahre.",
      "Fischschützer mahnen dennoch, die neue Fischtreppe regelmäßig zu kontrollieren, weil Lachse sie "
      "bislang kaum nutzen."]),
    ("Energieberatung im Landkreis: Wartezeiten werden kürzer",
     ["Wer sich im Landkreis Lörrach zur Sanierung seines Hauses beraten lassen will, bekommt inzwischen "
      "innerhalb von drei Wochen einen Termin.",
      "Im vergangenen Winter hatten Hausbesitzer teilweise drei Monate auf einen Besuch der Energieagentur "
      "warten müssen.",
      "Die Agentur hat zwei zusätzliche Berater eingestellt und bietet nun auch Sprechstunden am Samstag "
      "in Schopfheim an."]),
    ("Grenzgänger sollen von Schweizer Stromtarifen profitieren",
     ["Ein grenzüberschreitendes Pilotprojekt soll Pendlern aus dem Wiesental künftig günstigen Strom aus "
      "Basler Wasserkraft ermöglichen.",
      "Die beteiligten Versorger wollen bis zum Sommer klären, wie sich Netzentgelte und Steuern auf "
      "beiden Seiten der Grenze verrechnen lassen.",
      "Politiker beider Länder sprachen von einem Signal für eine engere Zusammenarbeit in der "
      "trinationalen Region am Oberrhein."]),
]


def site_article(number: int, headline: str | None = None) -> str:
    """Article ``number`` as the site prints it: its furniture in between, variants by number."""
    title, (first, second, third) = ARTICLES[number]
    pick = lambda variants: variants[number % len(variants)]  # noqa: E731
    return "\n\n".join([
        headline or title, pick(EDITION), f"Lörrach, {number + 3}. März 2025", first,
        pick(NEWSLETTER), second, third, AGENCY, pick(TOPIC), pick(SECTION),
    ]) + "\n"


@pytest.fixture
def site() -> list[str]:
    return [site_article(n) for n in range(len(ARTICLES))]


def chrome_keys() -> set[str]:
    return {line_key(variants[0]) for variants in (NEWSLETTER, TOPIC, EDITION, SECTION)}


def removed(result: textfix.Result) -> dict[str, str | None]:
    """Key of each removed debris paragraph → its reason."""
    return {line_key(result.original[s.start : s.end]): s.reason for s in result.segments if s.kind == "debris"}


def kept(result: textfix.Result) -> set[str]:
    return {line_key(line) for line in result.output.splitlines() if line.strip()}


# ------------------------------------------------------------------------- the lines and the count


def test_line_keys_ignore_case_decoration_emoji_and_spacing_but_keep_words_and_digits() -> None:
    assert {line_key(v) for v in NEWSLETTER} == {"jetzt den morgen newsletter bestellen"}
    assert len({line_key(v) for v in EDITION}) == 1
    assert line_key("Lörrach, 3. März 2025") != line_key("Lörrach, 4. März 2025")


def test_only_short_lines_are_candidates() -> None:
    assert all(is_candidate(v) for v in (*NEWSLETTER, *TOPIC, *EDITION, *SECTION))
    assert not is_candidate(AGENCY) and not is_candidate(ARTICLES[0][1][0])
    assert not is_candidate("· — ·") and not is_candidate("📬")


def test_the_site_chrome_of_a_run_is_found_with_its_document_counts(site: list[str]) -> None:
    lines = count_recurring(site)
    assert {line.key: line.documents for line in lines.lines} == dict.fromkeys(chrome_keys(), 8)
    assert (lines.documents, lines.min_documents) == (8, 3)
    assert {line.example for line in lines.lines} <= {*NEWSLETTER, *TOPIC, *EDITION, *SECTION}


def test_the_order_of_the_documents_does_not_change_the_lines_found(site: list[str]) -> None:
    first = count_recurring(site)
    for seed in range(3):
        shuffled = site[:]
        random.Random(seed).shuffle(shuffled)
        again = count_recurring(shuffled)
        assert again == first and again.to_json() == first.to_json()


def test_counters_of_parts_of_a_run_merge_into_the_count_of_the_whole(site: list[str]) -> None:
    whole = count_recurring(site)
    parts = [RecurringCounter(), RecurringCounter(), RecurringCounter()]
    for index, text in enumerate(site):
        parts[index % 3].add_lines(document_lines(text))
    merged = parts[2].merge(parts[0]).merge(parts[1]).result()
    assert merged == whole and merged.to_json() == whole.to_json()


# ----------------------------------------------------------------------------------- cleaning


def test_site_chrome_is_removed_in_a_corpus_run_and_kept_when_an_article_is_cleaned_alone(site: list[str]) -> None:
    options = replace(textfix.Options(), recurring=count_recurring(site))
    for text in site:
        alone, in_run = textfix.clean(text), textfix.clean(text, options)
        assert "recurring" not in removed(alone).values()
        # alone, the line model may take some chrome by its looks; the run takes all of it
        assert set(removed(alone)) <= set(removed(in_run))
        assert chrome_keys() & kept(in_run) == set()
        assert all(removed(in_run)[key] == "recurring" for key in SITE_ONLY)
        assert "debris: recurring" in {str(e.reasons[0]) for e in in_run.edits}
        # the article itself is untouched: headline, dateline, paragraphs, the agency sentence
        assert kept(in_run) == kept(alone) - chrome_keys()


def test_a_long_sentence_repeated_under_every_article_is_prose_and_stays(site: list[str]) -> None:
    lines = count_recurring(site, 2)
    assert line_key(AGENCY) not in lines
    assert AGENCY in textfix.clean(site[0], replace(textfix.Options(), recurring=lines)).output


def test_a_headline_every_document_shares_stays(site: list[str]) -> None:
    run = [site_article(n, headline="Liveblog zur Energiewende am Hochrhein") for n in range(len(ARTICLES))]
    lines = count_recurring(run)
    assert "liveblog zur energiewende am hochrhein" in lines
    result = textfix.clean(run[3], replace(textfix.Options(), recurring=lines))
    assert result.output.startswith("Liveblog zur Energiewende am Hochrhein\n")
    assert chrome_keys() & kept(result) == set()


def test_copies_of_one_article_do_not_make_its_short_lines_chrome() -> None:
    # one article four times (updates under new headlines): its subheading stands beside the same paragraphs
    title, (first, second, third) = ARTICLES[2]
    body = f"{first}\n\nWas bedeutet das für Verbraucher?\n\n{second}\n\n{third}\n"
    copies = [f"{title} (Update {n})\n\n{body}" for n in range(4)]
    lines = count_recurring(copies)
    assert "was bedeutet das für verbraucher" not in lines
    result = textfix.clean(copies[1], replace(textfix.Options(), recurring=lines))
    assert "Was bedeutet das für Verbraucher?" in result.output


def test_two_documents_keep_the_lines_they_share(site: list[str]) -> None:
    lines = count_recurring(site[:2])
    assert (len(lines), lines.min_documents) == (0, 3)


def test_the_threshold_decides_how_many_documents_make_a_line_chrome(site: list[str]) -> None:
    assert len(count_recurring(site, 8)) == 4 and len(count_recurring(site, 9)) == 0
    assert len(count_recurring(site[:2], 2)) == 4  # asked for: two documents are enough
    assert (parse_threshold("auto"), parse_threshold("off"), parse_threshold("4")) == (None, 0, 4)
    for bad in ("1", "-2", "many"):
        with pytest.raises(OptionsError):
            parse_threshold(bad)
    with pytest.raises(OptionsError):
        BatchConfig(recurring=1)


def test_review_decisions_fingerprint_the_lines_by_a_short_digest(site: list[str]) -> None:
    lines = count_recurring(site)
    options = replace(textfix.Options(), recurring=lines)
    assert options_values(options)["recurring"] == lines.digest
    json.dumps(options_values(options))
    assert options_fingerprint(options) != options_fingerprint(textfix.Options())
    recounted = replace(textfix.Options(), recurring=count_recurring(site))
    assert options_fingerprint(options) == options_fingerprint(recounted)


# ------------------------------------------------------------------------------ corpus runs


def write_site(folder: Path, texts: list[str]) -> list[Path]:
    folder.mkdir(parents=True)
    paths = []
    for number, text in enumerate(texts):
        path = folder / f"artikel-{number}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def outputs(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("workers", [1, 2], ids=["1 worker", "2 workers"])
def test_a_folder_run_removes_the_chrome_and_reports_it(tmp_path: Path, site: list[str], workers: int) -> None:
    paths = write_site(tmp_path / "src", site)
    out, report = tmp_path / "out", tmp_path / "report.json"
    code, _, err = run("fix", "--no-translate", str(tmp_path / "src"), "-o", str(out), "--report", str(report),
                       "--workers", str(workers))
    assert code == 0, err
    assert "4 recurring lines (in at least 3 of 8 documents) removed as site chrome" in err
    options = replace(textfix.Options(), recurring=count_recurring(site))
    assert outputs(out) == {p.name: textfix.clean(p.read_text(encoding="utf-8"), options).output for p in paths}
    data = json.loads(report.read_text(encoding="utf-8"))
    assert {line["key"]: line["documents"] for line in data["recurring"]["lines"]} == dict.fromkeys(chrome_keys(), 8)
    for document in data["documents"]:
        reasons = [s["reason"] for s in document["segments"] if s["kind"] == "debris"]
        assert reasons.count("recurring") >= len(SITE_ONLY)


def test_a_rerun_sees_the_same_lines_and_redoes_only_what_is_missing(tmp_path: Path, site: list[str]) -> None:
    write_site(tmp_path / "src", site)
    out = tmp_path / "out"
    run_files([str(tmp_path / "src")], out, BatchConfig(workers=1))
    first = outputs(out)
    (out / "artikel-5.txt").unlink()
    again = run_files([str(tmp_path / "src")], out, BatchConfig(workers=1))
    assert (again.cleaned, again.skipped) == (1, 7)
    assert outputs(out) == first


def test_a_document_added_to_a_run_redoes_only_itself_while_the_lines_stay_the_same(
    tmp_path: Path, site: list[str]
) -> None:
    write_site(tmp_path / "src", site[:7])
    out = tmp_path / "out"
    run_files([str(tmp_path / "src")], out, BatchConfig(workers=1))
    (tmp_path / "src" / "artikel-7.txt").write_text(site[7], encoding="utf-8")
    again = run_files([str(tmp_path / "src")], out, BatchConfig(workers=1))
    assert (again.cleaned, again.skipped) == (1, 7)
    options = replace(textfix.Options(), recurring=count_recurring(site))
    assert outputs(out)["artikel-7.txt"] == textfix.clean(site[7], options).output


def test_off_and_a_threshold_above_the_run_keep_the_chrome(tmp_path: Path, site: list[str]) -> None:
    paths = write_site(tmp_path / "src", site)
    alone = {p.name: textfix.clean(p.read_text(encoding="utf-8")).output for p in paths}
    for value in ("off", "9"):
        out = tmp_path / f"out-{value}"
        code, _, err = run("fix", "--no-translate", str(tmp_path / "src"), "-o", str(out), "--workers", "1",
                           "--recurring", value)
        assert code == 0, err
        assert outputs(out) == alone
    code, _, err = run("fix", "--no-translate", str(tmp_path / "src"), "-o", str(tmp_path / "x"), "--recurring", "1")
    assert code == 2 and "at least 2 documents" in " ".join(err.replace("│", " ").split())


def test_a_json_lines_run_finds_the_same_chrome_as_a_folder_run(tmp_path: Path, site: list[str]) -> None:
    source, target = tmp_path / "site.jsonl", tmp_path / "clean.jsonl"
    source.write_text("".join(json.dumps({"id": n, "text": t}) + "\n" for n, t in enumerate(site)), encoding="utf-8")
    summary = run_jsonl(source, target, "text", BatchConfig(workers=2, report=tmp_path / "report.json"))
    assert summary.cleaned == 8 and summary.recurring is not None
    options = replace(textfix.Options(), recurring=count_recurring(site))
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["text_clean"] for r in records] == [textfix.clean(t, options).output for t in site]
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert options.recurring is not None and report["recurring"] == options.recurring.to_json()


def test_several_files_on_the_command_line_are_a_run_and_one_file_is_not(tmp_path: Path, site: list[str]) -> None:
    paths = [str(p) for p in write_site(tmp_path / "src", site)]
    code, out, _ = run("segment", "--json", *paths)
    assert code == 0
    reasons = [[s["reason"] for s in json.loads(line)["segments"]] for line in out.splitlines()]
    assert all(r.count("recurring") >= len(SITE_ONLY) for r in reasons)
    code, out, _ = run("segment", "--json", paths[0])
    assert code == 0 and "recurring" not in [s["reason"] for s in json.loads(out)["segments"]]
    code, out, _ = run("diff", "--width", "100", *paths)
    assert code == 0 and out.count("debris: recurring") >= len(paths)
    code, _, err = run("fix", "--no-translate", *paths[:3], "--recurring", "3", "-o", f"{tmp_path / 'fixed'}/")
    assert code == 0, err
    fixed = "".join(outputs(tmp_path / "fixed").values())
    assert "Ausgabe Süd" not in fixed and "Morgen-Newsletter" not in fixed and fixed.count(AGENCY) == 3


def test_a_dask_bag_removes_the_same_chrome_for_any_partitioning(tmp_path: Path, site: list[str]) -> None:
    db = pytest.importorskip("dask.bag")
    import dask

    from textfix.dask import clean_bag

    records = [{"id": n, "text": t} for n, t in enumerate(site)]
    paths = [str(p) for p in write_site(tmp_path / "src", site)]
    options = replace(textfix.Options(), recurring=count_recurring(site))
    expected = [textfix.clean(t, options).output for t in site]
    with dask.config.set(scheduler="sync"):
        for partitions in (1, 3):
            cleaned = clean_bag(db.from_sequence(records, npartitions=partitions)).compute()
            assert [r["text_clean"] for r in cleaned] == expected
        from_files = clean_bag(db.from_sequence(paths, npartitions=4)).compute()
        assert [r["text"] for r in from_files] == expected
        off = clean_bag(db.from_sequence(records, npartitions=2), recurring=0).compute()
        assert [r["text_clean"] for r in off] == [textfix.clean(t).output for t in site]


def site_page(text: str) -> str:
    """An article as its site's page: every paragraph a ``<p>`` of the article."""
    title, *paragraphs = [p for p in text.split("\n\n") if p.strip()]
    body = "".join(f"<p>{p.strip()}</p>\n" for p in paragraphs)
    return (f"<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>{title}</title></head>"
            f"<body><article><h1>{title}</h1>\n{body}</article></body></html>\n")


@pytest.mark.parametrize("workers", [1, 2], ids=["counted in the main process", "counted by 2 workers"])
def test_pages_are_counted_as_they_are_read_and_the_result_does_not_depend_on_the_workers(
    tmp_path: Path, site: list[str], workers: int
) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for number, text in enumerate(site):
        (src / f"seite-{number}.html").write_text(site_page(text), encoding="utf-8")
    summary = run_files([str(src)], tmp_path / "out", BatchConfig(workers=workers))
    assert summary.cleaned == 8 and summary.recurring is not None
    texts = [textfix.read_path(src / f"seite-{n}.html").text for n in range(8)]
    options = replace(textfix.Options(), recurring=count_recurring(texts))
    assert options.recurring is not None and chrome_keys() <= {line.key for line in options.recurring.lines}
    expected = {f"seite-{n}.txt": textfix.clean(texts[n], options).output for n in range(8)}
    assert outputs(tmp_path / "out") == expected
