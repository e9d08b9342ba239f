"""Reading, web clutter, sentence splitting and normalisation: text in, sentences with
offsets out."""
