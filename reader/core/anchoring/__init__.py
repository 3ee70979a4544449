"""Anchoring: making a note's target from a selection, and finding it again (exact, near the
old position, fuzzy) when the post has changed. Imports library, render and notes."""
