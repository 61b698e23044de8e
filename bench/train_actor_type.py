"""Train kg's actor-type classifier on CoNLL-2003 train and write ``kg/assets/actor_type.npz``.

Usage: ``python bench/train_actor_type.py [--cache DIR] [--epochs N] [--output PATH]``.
Reproducible: fixed seed, fixed document order. 10% of the training articles (every tenth)
are held out first to report accuracy, then the shipped model is trained on all of them.
CoNLL-2003 dev and MEANTIME are never used here (``bench/measure_actor_type.py`` measures).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from actor_type_data import ROOT, actors, dataset, plain_model  # noqa: E402

from kg.extract.actor_type import (  # noqa: E402
    LABELS,
    N_BUCKETS,
    ActorTypeModel,
    actor_features,
    hashed,
    is_name_lexical,
)

SEED = 12
#: Share of training passes in which an example's name-lexical features are hidden, so the
#: model also learns to type a name it has never seen from the NER label, context and
#: gazetteers (CoNLL repeats the same teams and countries; news elsewhere does not).
NAME_DROPOUT = 0.5
Example = tuple[np.ndarray, np.ndarray, np.ndarray, int]


def examples_of(docs_mentions) -> list[list[Example]]:
    """Return per article the examples: one per gold mention, with its actor's vector."""
    out = []
    for _doc, mentions in docs_mentions:
        article = []
        for group in actors(mentions).values():
            features = actor_features([m.span for m in group])
            names = hashed({f: v for f, v in features.items() if is_name_lexical(f)})
            vector = hashed(features)
            index = np.fromiter(vector.keys(), dtype=np.int64, count=len(vector))
            values = np.fromiter(vector.values(), dtype=np.float32, count=len(vector))
            kept = np.array([i not in names for i in vector], dtype=np.float32)
            article += [(index, values, kept, LABELS.index(m.label)) for m in group]
        out.append(article)
    return out


def train(examples: list[Example], epochs: int, rate: float = 0.2, l2: float = 1e-6,
          dropout: float = NAME_DROPOUT) -> ActorTypeModel:
    """Return a softmax regression trained by AdaGrad SGD, examples shuffled with SEED."""
    rng = np.random.default_rng(SEED)
    n_labels = len(LABELS)
    weights = np.zeros((N_BUCKETS, n_labels), dtype=np.float32)
    bias = np.zeros(n_labels, dtype=np.float32)
    sq_w = np.full((N_BUCKETS, n_labels), 1e-8, dtype=np.float32)
    sq_b = np.full(n_labels, 1e-8, dtype=np.float32)
    eye = np.eye(n_labels, dtype=np.float32)
    for _ in range(epochs):
        for i in rng.permutation(len(examples)):
            index, values, kept, gold = examples[i]
            if rng.random() < dropout:
                values = values * kept
            rows = weights[index]
            scores = values @ rows + bias
            scores -= scores.max()
            probs = np.exp(scores)
            probs /= probs.sum()
            delta = probs - eye[gold]
            grad = np.outer(values, delta) + l2 * rows
            sq_w[index] += grad * grad
            weights[index] = rows - rate * grad / np.sqrt(sq_w[index])
            sq_b += delta * delta
            bias -= rate * delta / np.sqrt(sq_b)
    return ActorTypeModel(weights, bias)


def accuracy(model: ActorTypeModel, examples: list[Example]) -> float:
    """Return the share of examples whose most probable class is the gold one."""
    right = 0
    for index, values, _kept, gold in examples:
        right += int(np.argmax(values @ model.weights[index] + model.bias) == gold)
    return right / max(len(examples), 1)


def main(argv: list[str] | None = None) -> int:
    """Train, report held-out accuracy, write the weights."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=None, help="folder for parsed articles")
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--l2", type=float, default=1e-6)
    parser.add_argument("--name-dropout", type=float, default=NAME_DROPOUT)
    parser.add_argument("--output", type=Path, default=ROOT / "kg" / "assets" / "actor_type.npz")
    args = parser.parse_args(argv)
    started = time.time()
    articles = examples_of(dataset("conll2003_train", plain_model(), args.cache))
    held = [ex for i, a in enumerate(articles) if i % 10 == 9 for ex in a]
    fit = [ex for i, a in enumerate(articles) if i % 10 != 9 for ex in a]
    print(f"{len(articles)} articles, {len(fit)} training / {len(held)} held-out mentions "
          f"({time.time() - started:.0f}s to parse and featurise)")
    settings = {"l2": args.l2, "dropout": args.name_dropout}
    model = train(fit, args.epochs, **settings)
    print(f"held-out accuracy (every 10th train article): {accuracy(model, held):.3f}; "
          f"on its own training part: {accuracy(model, fit):.3f}")
    final = train(fit + held, args.epochs, **settings)
    final.save(args.output)
    size = args.output.stat().st_size / 1e6
    print(f"wrote {args.output} ({size:.1f} MB) in {time.time() - started:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
