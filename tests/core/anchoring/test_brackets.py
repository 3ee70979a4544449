"""The bracketed path: the stored contexts around the quote's home, and whether it still holds
an edit of the quote."""

from __future__ import annotations

from reader.core.anchoring.brackets import bracket_pairs, bracketed_edit_outscores, home_still_there
from reader.core.anchoring.targets import make_target
from reader.core.notes.records import Target

FILLER = " ".join(f"Unrelated sentence number {n} about other things." for n in range(12))
QUOTE = "the parser now reads every file in the folder at once"
OLD = f"{FILLER} Since this release, {QUOTE}, which helps big sites a lot. {FILLER}"


def _target() -> Target:
    start = OLD.index(QUOTE)
    return make_target(OLD, start, start + len(QUOTE))


def test_the_stored_contexts_bracket_the_edited_quote() -> None:
    new = OLD.replace("every file", "each file")
    (left, right), *_ = bracket_pairs(new, _target())
    assert new[left:right].strip() == "the parser now reads each file in the folder at once"


def test_the_home_holds_an_edit_until_the_passage_goes() -> None:
    assert home_still_there(OLD.replace("every file", "each file"), _target())
    assert not home_still_there(OLD.replace(f"{QUOTE}, which", "which"), _target())


def test_an_edit_in_place_outscores_a_bare_copy_elsewhere_only_when_nearer() -> None:
    new = OLD.replace("every file", "each file") + f" Elsewhere: {QUOTE}. The end."
    copy = new.rindex(QUOTE)
    assert bracketed_edit_outscores(new, _target(), copy, copy + len(QUOTE))
    home = new.index("the parser now reads each")
    assert not bracketed_edit_outscores(new, _target(), home, home + len(QUOTE))
