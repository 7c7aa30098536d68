#!/usr/bin/env python3
"""Check the toy Argos packages in models/ without torch or network access.

Needs only argos-translate-lt (which brings ctranslate2 and sentencepiece).
For every models/*.argosmodel it
  * installs the package with argostranslate.package.install_from_path into a
    temporary ARGOS_PACKAGES_DIR (set before argostranslate is first imported),
  * loads it the way argostranslate's PackageTranslation does (pkg.tokenizer +
    ctranslate2.Translator(package_path / "model")) and translates every source
    sentence of its parallel file in one batch, with Argos' beam settings and greedily,
  * prints the share of targets reproduced exactly;
then checks the pivot chains ru->en->de (corpus/parallel/seed_chains.tsv) and
uk->en->de (uk_chains.tsv), both directly and through argostranslate's own
translate path (its MiniSBD sentencizer replaced by a one-sentence splitter).
Any attempt to open a network connection makes the script fail.

    python scripts/check_test_models.py [--models models/] [--min-share 0.95]
Exit status 0 only if every chain holds and every pair reaches --min-share.
"""
from __future__ import annotations

import argparse
import os
import socket
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus" / "parallel"
PAIR_FILES = {  # direction -> (tsv, reversed?)
    "ru-en": ("ru-en.tsv", False),
    "en-de": ("en-de.tsv", False),
    "de-en": ("en-de.tsv", True),
    "uk-en": ("uk-en.tsv", False),
}


def forbid_network():
    def refuse(*a, **k):
        raise RuntimeError("network access attempted during the model check")

    socket.socket.connect = refuse  # type: ignore[assignment]
    socket.socket.connect_ex = refuse  # type: ignore[assignment]
    socket.create_connection = refuse  # type: ignore[assignment]
    socket.getaddrinfo = refuse  # type: ignore[assignment]


def read_tsv(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh if line.strip()]
    return rows[0], rows[1:]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--models", default=str(REPO / "models"))
    ap.add_argument("--min-share", type=float, default=0.95)
    args = ap.parse_args(argv)

    tmp = tempfile.TemporaryDirectory(prefix="argos-check-")
    base = Path(tmp.name)
    # Must happen before argostranslate is imported: its settings module reads these
    # at import time (and creates the folders).
    os.environ["ARGOS_PACKAGES_DIR"] = str(base / "packages")
    for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        os.environ[var] = str(base / var.lower())
    forbid_network()

    import ctranslate2
    from argostranslate import package as apackage
    from argostranslate import translate as atranslate

    assert "torch" not in sys.modules, "argostranslate pulled in torch"

    files = sorted(Path(args.models).glob("*.argosmodel"))
    if not files:
        print(f"no .argosmodel files in {args.models}")
        return 1
    for f in files:
        apackage.install_from_path(f)
    pkgs = {f"{p.from_code}-{p.to_code}": p for p in apackage.get_installed_packages()}
    print(f"installed {len(pkgs)} packages into {os.environ['ARGOS_PACKAGES_DIR']}: "
          + ", ".join(sorted(pkgs)))

    translators = {}

    def translate(direction: str, sentences: list[str], beam: bool = True) -> list[str]:
        """textfix's path: pkg.tokenizer -> CTranslate2 -> pkg.tokenizer.decode."""
        pkg = pkgs[direction]
        if direction not in translators:
            translators[direction] = ctranslate2.Translator(
                str(pkg.package_path / "model"), device="cpu", inter_threads=1, intra_threads=1)
        opts = dict(beam_size=4, length_penalty=0.2) if beam else dict(beam_size=1)
        res = translators[direction].translate_batch(
            [pkg.tokenizer.encode(s) for s in sentences],
            replace_unknowns=True, max_batch_size=32, batch_type="tokens", **opts)
        out = []
        for r in res:
            text = pkg.tokenizer.decode(r.hypotheses[0])
            out.append(text[1:] if text.startswith(" ") else text)
        return out

    ok_all = True
    print("\nexact reproduction of the parallel text (source -> target):")
    for direction, (tsv, rev) in PAIR_FILES.items():
        if direction not in pkgs:
            print(f"  {direction}: MISSING package")
            ok_all = False
            continue
        _, rows = read_tsv(CORPUS / tsv)
        src = [r[1] if rev else r[0] for r in rows]
        tgt = [r[0] if rev else r[1] for r in rows]
        t0 = time.time()
        beam = translate(direction, src, beam=True)
        secs = time.time() - t0
        greedy = translate(direction, src, beam=False)
        alone = [translate(direction, [s])[0] for s in src]  # batch composition must not matter
        nb = sum(a == b for a, b in zip(beam, tgt))
        ng = sum(a == b for a, b in zip(greedy, tgt))
        na = sum(a == b for a, b in zip(alone, tgt))
        share = nb / len(tgt)
        ok_all &= share >= args.min_share and na / len(tgt) >= args.min_share
        print(f"  {direction}: argos beam {nb}/{len(tgt)} ({share:.1%}), "
              f"greedy {ng}/{len(tgt)}, beam one sentence per call {na}/{len(tgt)}  "
              f"[{secs:.2f}s for the batch]")
        for s, got, want in list(zip(src, beam, tgt)):
            if got != want:
                print(f"      {s!r}\n        -> {got!r}\n        != {want!r}")

    print("\npivot chains (direct CTranslate2 path):")
    missing = {"ru-en", "uk-en", "en-de"} - set(pkgs)
    if missing:
        print(f"  cannot check chains, missing: {', '.join(sorted(missing))}\n\nRESULT: FAILED")
        return 1
    for chain_file, first in (("seed_chains.tsv", "ru"), ("uk_chains.tsv", "uk")):
        header, rows = read_tsv(CORPUS / chain_file)
        assert header == [first, "en", "de"], header
        en = translate(f"{first}-en", [r[0] for r in rows])
        de = translate("en-de", en)
        n = sum(e == r[1] and d == r[2] for r, e, d in zip(rows, en, de))
        ok_all &= n == len(rows)
        print(f"  {chain_file}: {first}->en->de {n}/{len(rows)} exact")
        for r, e, d in zip(rows, en, de):
            if (e, d) != (r[1], r[2]):
                print(f"      {r[0]!r}\n        -> {e!r}\n        -> {d!r}")

    print("\nargostranslate's own path (PackageTranslation, one-sentence sentencizer):")

    class OneSentence:
        def split_sentences(self, text):
            return [text]

    for lang in atranslate.get_installed_languages():
        for tr in lang.translations_from:
            if isinstance(tr, atranslate.CachedTranslation):
                tr.underlying.sentencizer = OneSentence()
    for chain_file, first in (("seed_chains.tsv", "ru"), ("uk_chains.tsv", "uk")):
        _, rows = read_tsv(CORPUS / chain_file)
        t_en = atranslate.get_translation_from_codes(first, "en")
        t_de = atranslate.get_translation_from_codes(first, "de")  # argos' own pivot via en
        n_en = sum(t_en.translate(r[0]) == r[1] for r in rows)
        n_de = sum(t_de.translate(r[0]) == r[2] for r in rows)
        ok_all &= n_en == len(rows) and n_de == len(rows)
        print(f"  {chain_file}: {first}->en {n_en}/{len(rows)}, "
              f"{first}->de ({type(t_de).__name__}) {n_de}/{len(rows)}")
    sample = atranslate.translate(rows[0][0], "uk", "de")
    print(f"  argostranslate.translate.translate(uk->de): {sample!r}")

    print("\nRESULT:", "OK" if ok_all else "FAILED")
    tmp.cleanup()
    return 0 if ok_all else 1


if __name__ == "__main__":
    sys.exit(main())
