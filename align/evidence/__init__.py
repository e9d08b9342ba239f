"""What can match across the two languages: typed keys, the lexicon, names, number words,
per-word units and their coverage between sentences."""
