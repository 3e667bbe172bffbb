"""Translation quality with sacrebleu (the field's reference implementation) and exact match.

>>> scores = translation_scores(["3. März 2021", "4. Mai 1999"], ["3. März 2021", "5. Mai 1999"])
>>> scores["exact_match"], round(scores["bleu"], 1) > 50
(50.0, True)
"""

from __future__ import annotations

from collections.abc import Sequence

from qcog.exceptions import QcogValueError


def translation_scores(hypotheses: Sequence[str], references: Sequence[str]) -> dict[str, float]:
    """Corpus BLEU and chrF (sacrebleu defaults, 0-100) and exact match (% of sentences).

    Raises:
        QcogValueError: no sentences, different numbers of hypotheses and references, or
            sacrebleu missing.
    """
    if len(hypotheses) != len(references) or not references:
        raise QcogValueError(
            f"need one hypothesis per reference and at least one sentence; got "
            f"{len(hypotheses)} hypotheses and {len(references)} references"
        )
    try:
        import sacrebleu
    except ImportError as exc:
        raise QcogValueError(
            "translation scores need sacrebleu: pip install 'qcog[text]' (or sacrebleu)"
        ) from exc
    hyps, refs = list(hypotheses), [list(references)]
    exact = sum(h == r for h, r in zip(hypotheses, references)) / len(references)
    return {
        "bleu": float(sacrebleu.corpus_bleu(hyps, refs).score),
        "chrf": float(sacrebleu.corpus_chrf(hyps, refs).score),
        "exact_match": 100.0 * exact,
    }
