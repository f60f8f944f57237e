"""Voice guidance without Qt: screen text to speakable words, and words to cached WAV files."""
