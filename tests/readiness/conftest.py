"""The evaluation corpora (tests/readiness/corpus/, tests/readiness/corpus_heldout/) are third-party Lambda code used
as scanner input, not tests."""

collect_ignore = ["corpus", "corpus_heldout"]
