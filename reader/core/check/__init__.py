"""`reader check`'s passes that need the layers below: notes files and orphaned notes.
Imports library, render, notes and anchoring."""
