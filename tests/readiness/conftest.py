"""The evaluation corpora (tests/readiness/corpus/, corpus_heldout/, corpus_heldout2/) are third-party Lambda code used
as scanner input, not tests."""

collect_ignore = ["corpus", "corpus_heldout", "corpus_heldout2", "corpus_heldout3", "corpus_heldout4",
                  "corpus_heldout5", "corpus_heldout6", "corpus_heldout7",
                  "corpus_heldout8",
                  "corpus_heldout9",
                  "corpus_heldout10"]
