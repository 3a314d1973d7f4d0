"""How well the importer reads the shared corpus: the scorer's summary line per folder.

    .venv/bin/python benchmarks/importer_accuracy.py                 # seed, dev and real
    .venv/bin/python benchmarks/importer_accuracy.py ../shared/corpus/real --half odd --verbose

Each article goes through what ``manage.py import_article --dry-run --format json``
runs (``read_article`` then ``article_import(dry_run=True).as_dict()``), in this
process, and is matched with the scorer's own functions (``../shared/corpus/score.py``,
loaded from beside the project), so the figures are the scorer's, about fifty
times faster than one command per article. ``--half odd`` scores the articles
with odd numbers only (the half rules are designed on), ``--half even`` the
others (the half they are checked on); ``--verbose`` prints each article's
misses as the scorer does.
"""

import argparse
import importlib.util
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")
os.environ.setdefault("DEBUG", "true")  # a development tool, as the Makefile's commands
CORPUS = ROOT.parent / "shared" / "corpus"


def load_scorer():
    path = CORPUS / "score.py"
    if not path.exists():
        sys.exit(f"the scorer is not at {path}")
    spec = importlib.util.spec_from_file_location("corpus_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def in_half(path: Path, half: str | None) -> bool:
    if half is None:
        return True
    try:
        number = int(path.stem)
    except ValueError:
        return True
    return number % 2 == (1 if half == "odd" else 0)


def importer_json(path: Path) -> dict:
    """The JSON the import command prints for one file (dry run)."""
    from awards.importer.reading import read_article
    from awards.importer.saving import article_import

    text = read_article(path.read_bytes(), filename=str(path))
    return json.loads(json.dumps(article_import(text=text, dry_run=True).as_dict(), default=str))


def score(folder: Path, scorer, *, half: str | None = None, verbose: bool = False) -> str:
    """Score every annotated article in the folder; return the scorer's summary line."""
    tp = fp = fn = ltp = lfp = lfn = fh = ft = neg_fp = errors = articles = 0
    for gold_file in sorted(folder.glob("*.json")):
        article = gold_file.with_suffix(".txt")
        if not article.exists() or not in_half(article, half):
            continue
        articles += 1
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        try:
            got = importer_json(article)
        except Exception as exc:  # a crash scores as an empty answer, as in the scorer
            errors += 1
            print(f"{article.name}: ERROR {exc}")
            got = {}
        hits, missed, wrong = scorer.match(
            scorer.nomination_pairs(gold), scorer.nomination_pairs(got)
        )
        tp, fp, fn = tp + hits, fp + len(wrong), fn + len(missed)
        if gold.get("negative"):
            neg_fp += len(scorer.nomination_pairs(got))
        lhits, lmissed, lwrong = scorer.match(
            scorer.leader_triples(gold), scorer.leader_triples(got)
        )
        ltp, lfp, lfn = ltp + lhits, lfp + len(lwrong), lfn + len(lmissed)
        h, t = scorer.field_hits(gold, got)
        fh, ft = fh + h, ft + t
        if verbose and (wrong or missed or lwrong or lmissed or h < t):
            print(
                f"{article.name}: missed {missed + lmissed} wrong {wrong + lwrong} fields {h}/{t}"
            )
    if not articles:
        return f"no annotated articles in {folder}"
    ratio = scorer.ratio
    p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return (
        f"{articles} articles | nominations P={p:.3f} R={r:.3f} F1={f1:.3f} | leaders "
        f"P={ratio(ltp, ltp + lfp):.3f} R={ratio(ltp, ltp + lfn):.3f} | fields {ratio(fh, ft):.3f} "
        f"| negatives_fp={neg_fp} | errors={errors}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "folders", nargs="*", type=Path, help="annotated folders (default: seed, dev, real)"
    )
    parser.add_argument(
        "--half", choices=["odd", "even"], help="only odd- or even-numbered articles"
    )
    parser.add_argument("--verbose", action="store_true", help="print each article's misses")
    args = parser.parse_args()

    import django

    django.setup()
    scorer = load_scorer()
    folders = args.folders or [CORPUS / "seed", CORPUS / "dev", CORPUS / "real"]
    for folder in folders:
        line = score(folder, scorer, half=args.half, verbose=args.verbose)
        print(f"{folder.name:>6}: {line}", flush=True)


if __name__ == "__main__":
    main()
