"""Cases from real revision histories (issue 14): edited quotes found, deleted ones not moved."""

from __future__ import annotations

from reader.core.anchoring.evidence import Scorer
from reader.core.anchoring.reanchor import reanchor_target, suggestion
from reader.core.anchoring.targets import AnchorStatus, make_target
from reader.core.notes.records import Target

FILLER = " ".join(f"Unrelated sentence number {n} about other things." for n in range(12))


def _note(text: str, quote: str) -> Target:
    start = text.index(quote)
    return make_target(text, start, start + len(quote))


def _found(text: str, target: Target) -> str | None:
    anchor = reanchor_target(text, target).anchor
    return None if anchor is None else text[anchor.start : anchor.end]


def test_a_quote_whose_sentence_grew_at_its_end_is_found() -> None:
    old = (
        "GitHub Pages can host your site. The site can be stored in a specially named "
        "gh-pages branch.\nNext, pick a theme for it."
    )
    new = old.replace(
        "gh-pages branch.", "gh-pages branch or in a docs folder on the master branch."
    )
    quote = "The site can be stored in a specially named gh-pages branch."
    result = reanchor_target(new, _note(old, quote))
    assert result.status is AnchorStatus.FUZZY
    assert _found(new, _note(old, quote)) == (
        "The site can be stored in a specially named gh-pages branch or in a docs folder on "
        "the master branch."
    )


def test_words_inserted_and_both_neighbours_reworded_still_found_by_one_intact_side() -> None:
    old = (
        f"{FILLER}\nWhat steps you take to prepare a fix and publish a disclosure\n"
        "How you notify the affected users of your project, if needed\n"
        "Coordinated disclosure works best when there's a clear plan."
    )
    new = old.replace("and publish a disclosure", "and coordinate the disclosure").replace(
        "affected users of", "affected users, contributors or downstream consumers of"
    )
    found = _found(new, _note(old, "How you notify the affected users of your project, if needed"))
    assert found == (
        "How you notify the affected users, contributors or downstream consumers of your "
        "project, if needed"
    )


def test_a_deleted_sentence_does_not_move_to_a_similar_one_elsewhere() -> None:
    old = (
        "The rls is not yet at the quality of a version 1.0 release. Try it anyway.\n"
        f"{FILLER}\nThe clippy tool is not yet at the quality of a version 1.0 release, sadly."
    )
    new = old.replace("The rls is not yet at the quality of a version 1.0 release. ", "")
    target = _note(old, "The rls is not yet at the quality of a version 1.0 release.")
    assert reanchor_target(new, target).status is AnchorStatus.ORPHANED


def test_a_rewritten_passage_is_not_taken_by_its_copy_far_away() -> None:
    quote = "Please give it a try and let us know how it goes!"
    old = (
        f"Release notes for the new parser. {quote} Thanks to every tester.\n{FILLER}\n"
        f"Another section about the formatter here. {quote} It ships next month."
    )
    new = old.replace(
        f"parser. {quote} Thanks", "parser. We would love to hear what you think of it. Thanks"
    )
    target = _note(old, quote)
    assert reanchor_target(new, target).status is AnchorStatus.ORPHANED


def test_an_exact_only_note_finds_its_quote_with_a_word_inserted() -> None:
    text = f"{FILLER} Help people get to know each other at the meetup. {FILLER}"
    new = text.replace("get to know each", "get to know one each")
    found = _found(new, Target(exact="Help people get to know each other at the meetup."))
    assert found == "Help people get to know one each other at the meetup."


def test_an_orphan_is_offered_the_sentence_most_like_it() -> None:
    text = f"{FILLER} A project manager essentially acts as the owner of a specific project. Then."
    orphan = Target(exact="A project lead was once basically the owner of one specific project.")
    assert reanchor_target(text, orphan).status is AnchorStatus.ORPHANED
    offered = suggestion(text, orphan)
    assert offered is not None
    assert text[offered.start : offered.end] == (
        "A project manager essentially acts as the owner of a specific project."
    )
    assert (
        suggestion(FILLER, Target(exact="Nothing here resembles this quote at all, xyzzy.")) is None
    )


def test_a_deleted_sentence_does_not_move_to_a_copy_whose_context_shares_nothing() -> None:
    quote = "Please give it a try and let us know how it goes!"
    old = (
        f"Release notes for the new parser. {quote} Thanks to every tester.\n{FILLER}\n"
        f"Another section about the formatter here. {quote} It ships next month."
    )
    new = old.replace(f" {quote} Thanks to every tester.", " Thanks to every tester.", 1)
    assert reanchor_target(new, _note(old, quote)).status is AnchorStatus.ORPHANED
    # ... while a copy that kept some of the stored context is the passage moved
    kept_context = new.replace("formatter here.", "new parser.")
    assert reanchor_target(kept_context, _note(old, quote)).status is AnchorStatus.MOVED


def test_a_whole_paragraph_moved_among_new_neighbours_is_followed() -> None:
    paragraph = "Please give it a try and let us know how it goes!"
    old = f"First paragraph here.\n{paragraph}\nSecond paragraph here.\n{FILLER}\nLast one."
    new = f"First paragraph here.\nSecond paragraph here.\n{FILLER}\n{paragraph}\nLast one."
    found = reanchor_target(new, _note(old, paragraph))
    assert found.status is AnchorStatus.MOVED
    assert found.anchor is not None and new[found.anchor.start : found.anchor.end] == paragraph


def test_a_passage_edited_in_place_is_not_taken_by_a_copy_far_away_with_other_context() -> None:
    quote = "the parser now reads every file in the folder at once"
    old = (
        f"{FILLER} Since this release, {quote}, which helps big sites a lot.\n{FILLER}\n"
        f"Elsewhere in the notes: {quote}. And more here too."
    )
    new = old.replace(
        f"{quote}, which helps",
        "the parser now reads every file in a folder at once, which helps",
        1,
    )
    found = _found(new, _note(old, quote))
    assert found == "the parser now reads every file in a folder at once"


def test_an_exact_only_short_quote_with_a_word_inserted_keeps_all_its_words() -> None:
    text = f"{FILLER} It expands your contributor base. {FILLER}"
    new = text.replace("It expands", "It quietly expands")
    found = _found(new, Target(exact="It expands your contributor base."))
    assert found == "It quietly expands your contributor base."


def test_an_exact_only_note_prefers_its_words_with_one_added_to_a_sentence_that_changed_one() -> (
    None
):
    quote = "Go where your project's audience is (online)"
    text = f"{FILLER}\n{quote}\n{FILLER}\nGo where your project's audience is (offline)\nEnd."
    new = text.replace("is (online)", "is (popular online)")
    assert (
        _found(new, Target(exact=quote)) == "Go where your project's audience is (popular online)"
    )


def test_a_typo_fixed_in_the_note_passage_is_not_left_for_its_parallel_copy() -> None:
    # Reference pages repeat sentences: the note's copy was edited in place, the other one
    # (another entry, other context) still reads as the stored quote.
    entry = "When one or more {} are defined, this value must match one of the defined {} names."
    old = (
        f"{FILLER}\nroles\n{entry.format('roles', 'role')}\n"
        f"languages\n{entry.format('languages', 'language')}\nEnd."
    )
    quote = "this value must match one of"
    start = old.rindex(quote)
    target = make_target(old, start, start + len(quote))
    new = old[:start] + "this velue must match one of" + old[start + len(quote) :]
    found = reanchor_target(new, target)
    assert found.anchor is not None and found.anchor.start == start
    assert new[found.anchor.start : found.anchor.end] == "this velue must match one of"


def test_an_edit_beside_an_intact_context_keeps_the_note_from_a_copy_with_another_one() -> None:
    # The note's sentence was edited and what followed it rewritten, so no bracket remains;
    # its whole prefix still leads into the edited quote. The exact copy far away, with a
    # context only somewhat alike, is the other release's sentence.
    quote = "the parser now reads every file in the folder at once"
    old = (
        f"{FILLER}\nRelease notes for version two: {quote}, which helps big sites.\n{FILLER}\n"
        f"Release notes for version one: {quote}, so it is fast.\nEnd."
    )
    new = old.replace(
        f"{quote}, which helps big sites.",
        "the parser now reads each file in the folder at once; big sites benefit.",
        1,
    )
    found = reanchor_target(new, _note(old, quote))
    assert found.status is AnchorStatus.FUZZY
    assert _found(new, _note(old, quote)) == "the parser now reads each file in the folder at once"


def test_a_reference_entry_that_gained_words_like_the_one_above_it_is_found_whole() -> None:
    # Issue 14: "(float64) Returns the GPS longitude in degrees." gained "from Exif metadata",
    # and so did the line above it.
    old = (
        "GPSLatitude\n(float64) Returns the GPS latitude in degrees.\n"
        "GPSLongitude\n(float64) Returns the GPS longitude in degrees.\n"
        "Tags\n(map) Returns a collection of the available Exif fields.\n"
    )
    new = old.replace("in degrees.", "in degrees from Exif metadata.")
    found = _found(new, _note(old, "(float64) Returns the GPS longitude in degrees."))
    assert found == "(float64) Returns the GPS longitude in degrees from Exif metadata."


def test_a_quote_rewritten_with_both_neighbours_is_found_where_it_was() -> None:
    """The sentence and both of its neighbours were reworded: no context agrees enough, but
    right where the note was made stands a passage still much like the quote."""
    old = (
        f"{FILLER}\nIf that sounds like you, don't worry! Open source work is like any other "
        "creative activity, such as writing or painting. It might feel scary to share your "
        f"work with the world.\n{FILLER}"
    )
    new = (
        old.replace(
            "If that sounds like you, don't worry!", "If it sounds like you, you're not alone!"
        )
        .replace("such as writing", "whether it's writing")
        .replace("It might feel scary", "It can feel scary")
    )
    quote = "Open source work is like any other creative activity, such as writing or painting."
    assert _found(new, _note(old, quote)) == (
        "Open source work is like any other creative activity, whether it's writing or painting."
    )


def test_a_passage_right_where_the_note_was_but_cut_inside_words_is_not_taken() -> None:
    """Rewritten around the note's place, a range cut inside words where the quote had whole
    ones is pieces of other sentences, however like the quote; the same words whole are not."""
    old = f"{FILLER}\nNew here? You can write a fix for a good first issue. It helps.\n{FILLER}"
    new = old.replace(
        "New here? You can write a fix for a good first issue. It helps.",
        "Beginners welcome. Documentation: you can write fixes for a good first issue, too.",
    )
    target = _note(old, "You can write a fix for a good first issue.")
    scorer = Scorer(new, target)
    whole = new.index("you can write fixes for a good first issue")
    cut = scorer.score(whole + 1, whole + len("you can write fixes for a good first issu"))
    assert cut.quote >= 0.75 and scorer.near(cut)
    assert not scorer.acceptable(cut)
    assert scorer.acceptable(
        scorer.score(whole, whole + len("you can write fixes for a good first issue,"))
    )


def test_an_exact_only_note_finds_a_short_quote_with_one_long_word_inserted() -> None:
    text = f"{FILLER} See configure Markup. {FILLER}"
    new = text.replace("See configure Markup.", "See description configure Markup.")
    anchor = reanchor_target(new, Target(exact="See configure Markup.")).anchor
    assert anchor is not None
    assert new[anchor.start : anchor.end] == "See description configure Markup."


def test_two_sentences_merged_into_the_quote_are_not_a_deleted_passage() -> None:
    """The sentence before the quote was merged into it, so the new passage ends with the
    stored prefix's words, right where the stored suffix starts: the contexts meet, yet the
    passage is there, ending at that point."""
    old = (
        f"{FILLER}\nThis part will help you spread the word about your project and grow your "
        "initial community of users and contributors. If you're looking for feedback on your "
        "project, or want people to use and share your work, this part is for you.\nRemember, "
        "reaching your audience takes time."
    )
    new = (
        f"{FILLER}\nIf you're looking for feedback on your project, or want people to use and "
        "share your work, then it's time to spread the word and grow your initial community "
        "of users and contributors.\nRemember, reaching your audience takes time."
    )
    quote = (
        "If you're looking for feedback on your project, or want people to use and share your "
        "work, this part is for you."
    )
    assert _found(new, _note(old, quote)) == new[len(FILLER) + 1 : new.index("\nRemember")]


def test_a_line_added_before_an_edited_line_stays_out_though_its_end_aligns_short() -> None:
    """A line was added before the quote's line and the quote gained words at its end: the
    alignment's end falls short of the quote's last word, which must not keep the added line
    in the passage."""
    old = (
        f"{FILLER}\nProvide clear instructions if appropriate.\nAdd an accessibility checklist "
        "to PRs\nFor projects with UI changes, include a screenshot."
    )
    new = old.replace(
        "appropriate.\nAdd an accessibility checklist to PRs",
        "appropriate.\nRefer to this accessibility issue template example.\nAdd an accessibility "
        "checklist to pull requests (PRs)",
    )
    found = _found(new, _note(old, "Add an accessibility checklist to PRs"))
    assert found == "Add an accessibility checklist to pull requests (PRs)"


REFERENCE = (
    "caches\nSee configure file caches.\ncanonifyURLs\n(bool) See details url before enabling "
    "this feature. Default is false.\ncapitalizeListTitles\n(bool) Whether to capitalize "
    f"automatic list titles.\n{FILLER}\nrelativeURLs\n(bool) See details before enabling this "
    "feature. Default is false.\nremovePathAccents\n(bool) Whether to remove accents."
)


def test_a_deleted_entry_text_does_not_move_to_a_like_entry_whose_lines_disagree() -> None:
    """An entry's description was deleted, its name line kept: the name line now stands right
    before the next entry's name line, so the note's lines are gone; a like description far
    away belongs to another entry."""
    deleted = "(bool) See details url before enabling this feature. Default is false.\n"
    new = REFERENCE.replace(deleted, "")
    for quote in (
        "url before enabling this feature.",
        "(bool) See details url before enabling this",
    ):
        result = reanchor_target(new, _note(REFERENCE, quote))
        assert result.status is AnchorStatus.ORPHANED, quote


def test_neighbour_lines_alike_the_quote_own_lines_are_no_sign_they_closed_up() -> None:
    """Entries share their template: the line after the quote's begins as the quote does, so
    the line before it followed by "(bool) Reports whether" is the quote's own line, edited."""
    old = (
        f"{FILLER}\nintersect\n(bool) Reports whether the given field value (a slice) contains "
        "one or more elements in common with VALUE.\nlike\n(bool) Reports whether the given "
        "field value matches the regular expression."
    )
    new = old.replace("one or more", "one member or more")
    quote = (
        "(bool) Reports whether the given field value (a slice) contains one or more elements "
        "in common with VALUE.\nlike"
    )
    assert _found(new, _note(old, quote)) == quote.replace("one or", "one member or")


def test_the_one_gap_between_both_whole_contexts_is_the_note_place_not_a_like_entry() -> None:
    """The quote was rewritten in its own entry; another entry of the same template, far
    away, holds nearly the old words between context pieces like the stored ones. Only the
    note's own entry has the whole stored contexts around a gap that still holds the quote."""
    old = (
        "capitalizeListTitles\n(bool) Whether to capitalize automatic list titles. Applicable "
        f"to section, taxonomy, and term pages.\n{FILLER}\npluralizeListTitles\n(bool) Whether "
        "to pluralize automatic list titles. Applicable to section pages, rendered lists."
    )
    new = old.replace("to pluralize automatic", "advanced are unable automatic")
    found = _found(new, _note(old, "to pluralize automatic list titles."))
    assert found == "advanced are unable automatic list titles."
