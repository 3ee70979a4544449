"""Approximate re-anchoring: edited quotes are found, deleted ones never land elsewhere."""

from __future__ import annotations

from reader.core.anchoring.fuzzy import find_fuzzy, max_errors
from reader.core.anchoring.targets import Anchor, AnchorStatus, find_anchor, make_target
from reader.core.notes.records import Target

TEXT = (
    "Roles in delivery.\n"
    "The program manager reports to the steering board every month. "
    "Budgets are reviewed in the same meeting. "
    "The project manager reports to the steering board every week. "
    "Risks are tracked in a shared register that everyone can read.\n"
    "Closing thoughts follow here."
)
QUOTE = "The program manager reports to the steering board every month."
FILLER_FAR = " ".join(f"Filler sentence {n} on another matter entirely." for n in range(20)) + "\n"


def _target(quote: str = QUOTE, text: str = TEXT) -> Target:
    start = text.index(quote)
    return make_target(text, start, start + len(quote))


def _found(text: str, target: Target) -> str | None:
    match = find_fuzzy(text, target)
    return None if match is None else text[match.start : match.end]


def test_a_typo_fix_inside_the_quote_is_found_with_its_new_extent() -> None:
    edited = TEXT.replace("steering board every month", "steering bord every month")
    assert _found(edited, _target()) == QUOTE.replace("board", "bord")


def test_words_inserted_inside_the_quote_are_part_of_the_match() -> None:
    new_quote = "The program manager usually reports in person to the steering board every month."
    edited = TEXT.replace(QUOTE, new_quote)
    assert _found(edited, _target()) == new_quote


def test_a_third_of_the_quote_rewritten_is_still_found_between_its_context() -> None:
    new_quote = "The programme head answers to the steering group each month."
    edited = TEXT.replace(QUOTE, new_quote)
    match = find_fuzzy(edited, _target())
    assert match is not None and edited[match.start : match.end] == new_quote
    assert match.prefix == 1.0 and match.suffix == 1.0 and 0.5 <= match.quote < 0.7


def test_a_deleted_passage_does_not_land_on_its_near_duplicate() -> None:
    edited = TEXT.replace(QUOTE + " ", "")
    twin = "The project manager reports to the steering board every week."
    assert twin in edited
    assert find_fuzzy(edited, _target()) is None
    assert find_anchor(edited, _target()) is None


def test_a_deleted_line_whose_neighbours_start_alike_is_orphaned() -> None:
    # The stored suffix starts like the next line and the one after: its first match
    # closes up on the prefix (the line was deleted), the second would wrap a look-alike.
    text = (
        "Intro line here.\nThe life of the product\nThe life of the project\n"
        "The life of the program\nSuccess at last."
    )
    target = _target("The life of the product", text)
    edited = text.replace("The life of the product\n", "")
    assert find_fuzzy(edited, target) is None


def test_context_probe_matching_the_quote_itself_is_not_a_deletion() -> None:
    text = "Intro line here.\nThe life of the product\nThe life of the project\nSuccess at last."
    target = _target("The life of the product", text)
    edited = text.replace("of the product", "of the prodcut")
    assert _found(edited, target) == "The life of the prodcut"


def test_a_deleted_passage_with_its_context_damaged_is_orphaned() -> None:
    # The whole sentence around a clause goes: no context brackets remain, and the
    # similar sentence elsewhere has a different context, so the note is orphaned.
    target = _target("reports to the steering board every month")
    edited = TEXT.replace(QUOTE + " ", "")
    assert find_fuzzy(edited, target) is None


def test_edited_quote_with_one_context_side_changed_is_found() -> None:
    edited = TEXT.replace("Budgets are reviewed in the same meeting.", "Budgets move elsewhere.")
    edited = edited.replace("every month.", "every mnth.")
    assert _found(edited, _target()) == QUOTE.replace("month", "mnth")


def test_quote_at_the_start_of_the_text_is_found_after_a_typo_fix() -> None:
    target = _target("Roles in delivery.")
    assert target.prefix == ""
    assert _found(TEXT.replace("Roles in", "Roels in"), target) == "Roels in delivery."


def test_rewritten_beyond_recognition_is_orphaned() -> None:
    edited = TEXT.replace(QUOTE, "Nothing about that remains; this text is new.")
    assert find_fuzzy(edited, _target()) is None


def test_hand_written_quote_without_context_needs_a_near_exact_match() -> None:
    assert _found(TEXT, Target("Risks are trackd in a shared register")) == (
        "Risks are tracked in a shared register"
    )
    assert find_fuzzy(TEXT, Target("Risks live in some other register entirely")) is None


def test_fuzzy_stage_is_part_of_find_anchor() -> None:
    edited = TEXT.replace("steering board every month", "steering bord every month")
    start = edited.index("The program")
    anchor = find_anchor(edited, _target())
    assert anchor == Anchor(start, start + len(QUOTE) - 1, AnchorStatus.FUZZY)


def test_words_added_after_an_exact_prefix_of_the_passage_grow_the_match() -> None:
    text = "When a date forces an order, say so out loud. Then move on."
    target = _target("forces an order, say so", text)
    edited = text.replace("say so", "say something else so")
    anchor = find_anchor(edited, target)
    assert anchor is not None and anchor.status is AnchorStatus.FUZZY
    assert edited[anchor.start : anchor.end] == "forces an order, say something else so"


def test_error_allowance_follows_hypothesis() -> None:
    assert max_errors(10) == 5
    assert max_errors(2000) == 256


def test_a_quote_spanning_the_whole_text_is_bracketed_by_the_text_edges() -> None:
    text = "Body of the first post."
    target = make_target(text, 0, len(text))
    assert (target.prefix, target.suffix) == ("", "")
    edited = "Body of the very first blog post, now longer."
    assert _found(edited, target) == edited
    assert find_fuzzy("Something else entirely, with nothing in common.", target) is None


def test_near_its_place_a_reworded_quote_is_found_when_its_context_partly_agrees() -> None:
    # No tier of agreeing context applies (the suffix changed a word, the quote a quarter of
    # its letters), but near where the note was, quote and context add up.
    old = (
        "Roles in delivery and how they report.\nEach quarter the board meets. The program "
        "manager reports to the steering board every month on the budget. Risks are tracked "
        "in a shared register.\nClosing thoughts follow here."
    )
    target = _target(
        "The program manager reports to the steering board every month on the budget.", old
    )
    new = old.replace(
        "Each quarter the board meets. The program manager reports to the steering board every "
        "month on the budget. Risks are",
        "Every quarter, the full board meets. The programme manager reports to the board each "
        "month about the budget. Risks get",
    )
    found = "The programme manager reports to the board each month about the budget."
    assert _found(new, target) == found
    # The same evidence far from where the note was is not enough.
    assert _found(FILLER_FAR + new, target) is None


def test_a_neighbouring_line_the_context_shows_is_not_the_quote() -> None:
    text = (
        "Intro line here.\nThe Scrum Master: responsible for how the team works\n"
        "The Scrum Master does not own the backlog.\nMore."
    )
    start = text.index("The Scrum Master: responsible for")
    target = make_target(text, start, start + len("The Scrum Master: responsible for"))
    edited = text.replace("The Scrum Master: responsible for how the team works\n", "")
    assert find_fuzzy(edited, target) is None


def test_a_deleted_entry_between_two_parallel_ones_is_orphaned() -> None:
    # Reference pages list entries cut from one pattern; with the note's entry gone, its
    # neighbours fit about equally well and nothing says which one the note was on.
    entry = "{0}\n(bool) Whether to disable the sync of file {1}. Default is false.\n"
    text = (
        entry.format("noChmod", "modes")
        + entry.format("noOwner", "owners")
        + entry.format("noTimes", "times")
    )
    quote = "Whether to disable the sync of file owners."
    start = text.index(quote)
    target = make_target(text, start, start + len(quote))
    edited = text.replace(entry.format("noOwner", "owners"), "")
    assert find_fuzzy(edited, target) is None
