"""The evaluation corpus (tests/readiness/corpus/) is third-party Lambda code used as scanner input, not tests."""

collect_ignore = ["corpus", "corpus_heldout2"]
