"""Importing notes made elsewhere: reader's own W3C JSON export and Hypothesis's JSON, matched
to the library's posts and re-anchored in their text. Imports library, render, notes and
anchoring."""
