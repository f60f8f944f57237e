"""Resident ID card reader (GA 467 SAM interface): frames, text block, driver."""
