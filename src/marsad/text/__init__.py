"""Arabic text layer: normalization with an offset map, tokens, sentences, numbers."""
