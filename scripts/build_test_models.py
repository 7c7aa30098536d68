#!/usr/bin/env python3
"""Build tiny but real Argos Translate packages (.argosmodel) for tests and the demo.

For each language pair this script
  1. trains one SentencePiece model on both sides of corpus/parallel/<pair>.tsv,
  2. trains a very small Marian transformer (transformers.MarianMTModel, d_model 64,
     2 encoder + 2 decoder layers) until it has memorised the parallel text,
  3. converts it with ctranslate2.converters.TransformersConverter,
  4. checks with CTranslate2 (greedy and Argos' beam search settings) how many
     training targets it reproduces exactly, and trains further if needed,
  5. packs metadata.json, README.md, sentencepiece.model and model/ into
     <out>/translate-<from>_<to>-toy.argosmodel (a zip with one top-level folder,
     the layout argostranslate.package.install_from_path expects).

These are TOY models: they reproduce the sentences they were trained on and are
useless on anything else.  Needs the training extra, e.g.
    pip install torch==2.13.0 transformers sentencepiece ctranslate2 argos-translate-lt
Usage:
    python scripts/build_test_models.py --out models/ [--pairs ru-en,en-de]
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import ctranslate2  # noqa: E402
import sentencepiece as spm  # noqa: E402
import torch  # noqa: E402
import transformers  # noqa: E402
from ctranslate2.converters import TransformersConverter  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus" / "parallel"

LANG_NAMES = {"en": "English", "de": "German", "ru": "Russian", "uk": "Ukrainian"}

# direction -> (tsv file, reverse columns?)
PAIRS = {
    "ru-en": ("ru-en.tsv", False),
    "en-de": ("en-de.tsv", False),
    "de-en": ("en-de.tsv", True),
    "uk-en": ("uk-en.tsv", False),
}

# Decoding settings argostranslate (1.12.1) uses in apply_packaged_translation().
ARGOS_BEAM = dict(beam_size=4, length_penalty=0.2, replace_unknowns=True,
                  max_batch_size=32, batch_type="tokens")
GREEDY = dict(beam_size=1, replace_unknowns=True, max_batch_size=32, batch_type="tokens")

EOS, UNK = "</s>", "<unk>"
PAD = "<pad>"


def log(*a):
    print(*a, flush=True)


def read_tsv(path: Path, reverse: bool) -> tuple[list[str], list[str]]:
    src, tgt = [], []
    with open(path, encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        assert header == ["source", "target"], (path, header)
        for n, line in enumerate(fh, 2):
            line = line.rstrip("\n")
            if not line:
                continue
            cols = line.split("\t")
            if len(cols) != 2 or not cols[0] or not cols[1]:
                raise ValueError(f"{path}:{n}: expected 2 non-empty tab-separated columns")
            s, t = cols
            if reverse:
                s, t = t, s
            src.append(s)
            tgt.append(t)
    return src, tgt


# --------------------------------------------------------------------------- spm
def train_spm(texts: list[str], vocab_size: int) -> bytes:
    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(texts),
        model_writer=buf,
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        model_type="unigram",
        character_coverage=1.0,
        normalization_rule_name="nmt_nfkc",
        unk_id=0, bos_id=1, eos_id=2, pad_id=-1,
        num_threads=1,
        minloglevel=2,
    )
    return buf.getvalue()


def build_vocab(sp: spm.SentencePieceProcessor) -> list[str]:
    """Marian-style vocabulary: </s>=0, <unk>=1, the pieces, and <pad> LAST.

    CTranslate2's Marian converter drops a trailing <pad> (the decoder starts from a
    zero embedding instead), so the vocabulary it writes is exactly the
    SentencePiece pieces plus </s> and <unk>.
    """
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())
              if not (sp.is_control(i) or sp.is_unknown(i))]
    return [EOS, UNK] + pieces + [PAD]


# --------------------------------------------------------------------------- model
def make_model(vocab_size: int, pad_id: int, eos_id: int, args) -> transformers.MarianMTModel:
    cfg = transformers.MarianConfig(
        vocab_size=vocab_size,
        decoder_vocab_size=vocab_size,
        d_model=args.d_model,
        encoder_layers=2, decoder_layers=2,
        encoder_attention_heads=4, decoder_attention_heads=4,
        encoder_ffn_dim=args.ffn, decoder_ffn_dim=args.ffn,
        max_position_embeddings=256,
        activation_function="relu",
        dropout=0.0, attention_dropout=0.0, activation_dropout=0.0,
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True,
        pad_token_id=pad_id, eos_token_id=eos_id, bos_token_id=None,
        decoder_start_token_id=pad_id, forced_eos_token_id=eos_id,
    )
    model = transformers.MarianMTModel(cfg)
    zero_pad_row(model, pad_id)
    return model


def zero_pad_row(model, pad_id):
    # CTranslate2 starts decoding from a zero embedding; keep the (tied) <pad> row at 0
    # so the PyTorch model we train is the model CTranslate2 runs.
    with torch.no_grad():
        model.get_input_embeddings().weight[pad_id].zero_()


def make_batches(src, tgt, pad_id, batch_size):
    order = sorted(range(len(src)), key=lambda i: (len(src[i]), len(tgt[i]), i))
    batches = []
    for k in range(0, len(order), batch_size):
        idx = order[k:k + batch_size]
        ls = max(len(src[i]) for i in idx)
        lt = max(len(tgt[i]) for i in idx)
        inp = torch.full((len(idx), ls), pad_id, dtype=torch.long)
        att = torch.zeros((len(idx), ls), dtype=torch.long)
        dec = torch.full((len(idx), lt), pad_id, dtype=torch.long)
        lab = torch.full((len(idx), lt), -100, dtype=torch.long)
        for r, i in enumerate(idx):
            inp[r, :len(src[i])] = torch.tensor(src[i])
            att[r, :len(src[i])] = 1
            t = tgt[i]  # ends with </s>
            dec[r, 1:len(t)] = torch.tensor(t[:-1])  # dec[r,0] = <pad> = decoder start
            lab[r, :len(t)] = torch.tensor(t)
        batches.append((idx, inp, att, dec, lab))
    return batches


def forward_logits(model, inp, att, dec, pad_id):
    logits = model(input_ids=inp, attention_mask=att, decoder_input_ids=dec).logits
    # <pad> does not exist in the converted model: never predict it.
    logits[..., pad_id] = float("-inf")
    return logits


@torch.no_grad()
def teacher_forced_stats(model, batches, pad_id):
    """(#sentences whose every token is the argmax, lowest target-token probability)."""
    model.eval()
    exact, min_p = 0, 1.0
    for _, inp, att, dec, lab in batches:
        logp = torch.log_softmax(forward_logits(model, inp, att, dec, pad_id), -1)
        mask = lab != -100
        safe = lab.clamp(min=0)
        ok = (logp.argmax(-1) == safe) | ~mask
        exact += int(ok.all(-1).sum())
        tok_p = logp.gather(-1, safe.unsqueeze(-1)).squeeze(-1).exp()
        min_p = min(min_p, float(tok_p[mask].min()))
    model.train()
    return exact, min_p


def train_steps(model, opt, sched, batches, n_steps, pad_id, rng, state, noise):
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    model.train()
    done = 0
    while done < n_steps:
        if not state["queue"]:
            state["queue"] = list(range(len(batches)))
            rng.shuffle(state["queue"])
        _, inp, att, dec, lab = batches[state["queue"].pop()]
        if noise > 0:
            # Train on the clean batch plus a copy whose decoder inputs are partly
            # replaced by random pieces, with the labels kept: the model learns to get
            # back on track and, above all, not to emit </s> after a wrong prefix.
            # CTranslate2's beam search (no early exit, patience 1) stops once
            # beam_size hypotheses have ended, so junk beams that end early would
            # otherwise crowd out a correct but longer hypothesis.
            g = torch.Generator().manual_seed(rng.randrange(2**31))
            hit = (torch.rand(dec.shape, generator=g) < noise) & (lab != -100)
            hit[:, 0] = False
            rnd = torch.randint(2, pad_id, dec.shape, generator=g)
            inp, att, lab = torch.cat([inp, inp]), torch.cat([att, att]), torch.cat([lab, lab])
            dec = torch.cat([dec, torch.where(hit, rnd, dec)])
        logits = forward_logits(model, inp, att, dec, pad_id)
        loss = loss_fn(logits.reshape(-1, logits.size(-1)), lab.reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        zero_pad_row(model, pad_id)
        state["step"] += 1
        state["last_loss"] = float(loss.detach())
        done += 1


# --------------------------------------------------------------------------- convert
class _VocabOnlyTokenizer:
    """What the CTranslate2 Marian loader needs from a tokenizer: the vocabulary and
    the names of </s> and <unk>.  Avoids depending on MarianTokenizer's file layout."""

    def __init__(self, vocab):
        self._vocab = {t: i for i, t in enumerate(vocab)}
        self.eos_token, self.unk_token, self.bos_token, self.pad_token = EOS, UNK, None, PAD

    def get_vocab(self):
        return dict(self._vocab)


class _Converter(TransformersConverter):
    def __init__(self, model_dir, vocab):
        super().__init__(str(model_dir))
        self._vocab_list = vocab

    def load_tokenizer(self, tokenizer_class, model_name_or_path, **kwargs):
        return _VocabOnlyTokenizer(self._vocab_list)


def convert(model, vocab, out_dir: Path, quantization: str):
    with tempfile.TemporaryDirectory() as tmp:
        model.save_pretrained(tmp)
        if out_dir.exists():
            shutil.rmtree(out_dir)
        _Converter(tmp, vocab).convert(str(out_dir), quantization=quantization, force=True)
    cfg = json.loads((out_dir / "config.json").read_text())
    voc = json.loads((out_dir / "shared_vocabulary.json").read_text())
    assert voc[-1] != PAD and len(voc) == len(vocab) - 1, "converter kept <pad>?"
    assert cfg.get("eos_token") == EOS and cfg.get("unk_token") == UNK, cfg


def ct2_reproduced(model_dir: Path, sp, src, tgt, opts) -> list[int]:
    """Indices of pairs whose translation (Argos-style decode) equals the target."""
    tr = ctranslate2.Translator(str(model_dir), device="cpu", inter_threads=1, intra_threads=1)
    toks = [sp.encode(s, out_type=str) for s in src]
    res = tr.translate_batch(toks, **opts)
    ok = []
    for i, r in enumerate(res):
        out = argos_decode(sp, r.hypotheses[0])
        if out == tgt[i]:
            ok.append(i)
        elif os.environ.get("TOY_DEBUG"):
            log(f"   mismatch: {tgt[i]!r} -> {out!r}")
    return ok


def argos_decode(sp, pieces):
    # Same as argostranslate.tokenizer.SentencePieceTokenizer.decode + the
    # leading-space strip of apply_packaged_translation.
    text = sp.decode_pieces(pieces).replace("\u2581", " ").replace("_", " ")
    return text[1:] if text.startswith(" ") else text


# --------------------------------------------------------------------------- package
def write_package(out_file: Path, pkg_name: str, from_code: str, to_code: str,
                  spm_bytes: bytes, model_dir: Path, n_pairs: int, n_ok: int):
    meta = {
        "package_version": "0.1",
        "argos_version": "1.12",
        "code": pkg_name,
        "type": "translate",
        "package_type": "translate",
        "from_code": from_code,
        "from_name": LANG_NAMES[from_code],
        "to_code": to_code,
        "to_name": LANG_NAMES[to_code],
        "description": (
            f"TOY {LANG_NAMES[from_code]} -> {LANG_NAMES[to_code]} model for textfix tests "
            f"and demo only: a tiny Marian model that memorised {n_pairs} news sentence "
            "pairs from corpus/parallel; it translates nothing else. "
            "Built by scripts/build_test_models.py."
        ),
        # textfix warns whenever it translates with a package marked so (see textfix.translate.info).
        "textfix_test_model": True,
    }
    readme = (
        f"# {pkg_name}\n\n{meta['description']}\n\n"
        f"Reproduces {n_ok}/{n_pairs} training targets exactly with Argos' decoding "
        "settings. Install a real Argos Translate package for actual translation.\n"
    )
    files = {
        "metadata.json": (json.dumps(meta, indent=2, ensure_ascii=False) + "\n").encode(),
        "README.md": readme.encode(),
        "sentencepiece.model": spm_bytes,
    }
    for p in sorted(model_dir.rglob("*")):
        if p.is_file():
            files["model/" + p.relative_to(model_dir).as_posix()] = p.read_bytes()
    out_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_file.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name in [pkg_name + "/", pkg_name + "/model/"]:
            zi = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            zi.external_attr = (0o40755 << 16) | 0x10
            z.writestr(zi, b"")
        for name in sorted(files):
            zi = zipfile.ZipInfo(f"{pkg_name}/{name}", date_time=(1980, 1, 1, 0, 0, 0))
            zi.external_attr = 0o644 << 16
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, files[name])
    tmp.replace(out_file)


# --------------------------------------------------------------------------- main
def build_pair(direction: str, args) -> dict:
    t0 = time.time()
    from_code, to_code = direction.split("-")
    tsv, reverse = PAIRS[direction]
    src_txt, tgt_txt = read_tsv(CORPUS / tsv, reverse)
    n = len(src_txt)
    log(f"== {direction}: {n} pairs from {tsv}{' (reversed)' if reverse else ''}")

    seed = args.seed
    random.seed(seed)
    torch.manual_seed(seed)
    rng = random.Random(seed)

    spm_bytes = train_spm(src_txt + tgt_txt, args.vocab_size)
    sp = spm.SentencePieceProcessor(model_proto=spm_bytes)
    for t in tgt_txt:  # the model can only reproduce what the tokenizer round-trips
        if argos_decode(sp, sp.encode(t, out_type=str)) != t:
            raise ValueError(f"SentencePiece does not round-trip target: {t!r}")
    vocab = build_vocab(sp)
    tok2id = {t: i for i, t in enumerate(vocab)}
    pad_id, eos_id, unk_id = len(vocab) - 1, tok2id[EOS], tok2id[UNK]

    def ids(s):
        return [tok2id.get(p, unk_id) for p in sp.encode(s, out_type=str)]

    src = [ids(s) for s in src_txt]  # no </s>: Argos feeds bare pieces to CTranslate2
    tgt = [ids(t) + [eos_id] for t in tgt_txt]
    assert all(unk_id not in t for t in tgt)
    ntok = sum(map(len, tgt))
    log(f"   spm vocab {sp.get_piece_size()} -> model vocab {len(vocab)}; "
        f"avg src/tgt tokens {sum(map(len, src)) / n:.1f}/{ntok / n:.1f}")

    model = make_model(len(vocab), pad_id, eos_id, args)
    nparams = sum(p.numel() for p in model.parameters())
    batches = make_batches(src, tgt, pad_id, args.batch_size)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.98), eps=1e-9)
    warm = args.warmup
    # linear warm-up, then inverse square root decay
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, (warm / (s + 1)) ** 0.5))
    state = {"step": 0, "queue": [], "last_loss": float("nan")}

    with tempfile.TemporaryDirectory() as tmp:
        model_dir = Path(args.work or tmp) / direction / "model"
        result = None
        while True:
            train_steps(model, opt, sched, batches, args.eval_every, pad_id, rng, state,
                        args.noise)
            exact, min_p = teacher_forced_stats(model, batches, pad_id)
            log(f"   step {state['step']:6d}  loss {state['last_loss']:.4f}  "
                f"teacher-forced exact {exact}/{n}  min token p {min_p:.3f}  "
                f"({time.time() - t0:.0f}s)")
            at_max = state["step"] >= args.max_steps
            if not ((exact == n and min_p >= args.min_prob) or at_max):
                continue
            convert(model, vocab, model_dir, args.quantization)
            ok_greedy = ct2_reproduced(model_dir, sp, src_txt, tgt_txt, GREEDY)
            ok_beam = ct2_reproduced(model_dir, sp, src_txt, tgt_txt, ARGOS_BEAM)
            log(f"   ctranslate2 ({args.quantization}): greedy {len(ok_greedy)}/{n}, "
                f"argos beam {len(ok_beam)}/{n}")
            if (len(ok_greedy) == n and len(ok_beam) == n) or at_max:
                bad = sorted(set(range(n)) - set(ok_beam))
                for i in bad[:10]:
                    log(f"   NOT reproduced: {src_txt[i]!r}")
                result = dict(pairs=n, greedy=len(ok_greedy), beam=len(ok_beam))
                break
            # otherwise: train on and re-check

        pkg_name = f"translate-{from_code}_{to_code}-toy"
        out_file = Path(args.out) / f"{pkg_name}.argosmodel"
        write_package(out_file, pkg_name, from_code, to_code, spm_bytes, model_dir,
                      n, result["beam"])
    secs = time.time() - t0
    size = out_file.stat().st_size
    log(f"   wrote {out_file} ({size / 1e6:.2f} MB) in {secs:.0f}s, "
        f"{state['step']} steps, {nparams} parameters")
    result.update(package=out_file.name, bytes=size, seconds=round(secs, 1),
                  steps=state["step"], parameters=nparams, vocab=len(vocab) - 1,
                  quantization=args.quantization)
    return result


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(REPO / "models"))
    ap.add_argument("--pairs", default=",".join(PAIRS), help="comma list, e.g. ru-en,en-de")
    ap.add_argument("--vocab-size", type=int, default=2000)
    ap.add_argument("--d-model", type=int, default=64)
    ap.add_argument("--ffn", type=int, default=256)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--eval-every", type=int, default=100)
    ap.add_argument("--max-steps", type=int, default=12000)
    ap.add_argument("--min-prob", type=float, default=0.5,
                    help="check with CTranslate2 once every target token has at least this "
                         "probability (teacher-forced)")
    ap.add_argument("--noise", type=float, default=0.1,
                    help="share of decoder input tokens replaced at random in the noisy copy")
    ap.add_argument("--quantization", default="float32", choices=["int8", "float32", "float16"])
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--work", default=None, help="keep the converted model dirs here (debugging)")
    args = ap.parse_args(argv)

    torch.set_num_threads(args.threads)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass
    torch.use_deterministic_algorithms(True, warn_only=True)

    report = {}
    t0 = time.time()
    for d in [p.strip() for p in args.pairs.split(",") if p.strip()]:
        if d not in PAIRS:
            sys.exit(f"unknown pair {d!r}; known: {', '.join(PAIRS)}")
        report[d] = build_pair(d, args)
    log(f"== done in {time.time() - t0:.0f}s")
    for d, r in report.items():
        log(f"   {d}: greedy {r['greedy']}/{r['pairs']}, argos beam {r['beam']}/{r['pairs']}, "
            f"{r['bytes'] / 1e6:.2f} MB, {r['seconds']:.0f}s")
    rep_path = Path(args.out) / "build_report.json"
    old = json.loads(rep_path.read_text()) if rep_path.exists() else {}
    old.update(report)
    rep_path.write_text(json.dumps(old, indent=2, sort_keys=True) + "\n")
    if any(r["beam"] < r["pairs"] for r in report.values()):
        log("WARNING: not every training target is reproduced")


if __name__ == "__main__":
    main()
