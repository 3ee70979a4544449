"""Which copy of a repeated quote a note takes when none has all of its stored context."""

from __future__ import annotations

from reader.core.anchoring.reanchor import reanchor_target
from reader.core.anchoring.targets import AnchorStatus, make_target
from reader.core.notes.records import Target

FILLER = " ".join(f"Unrelated sentence number {n} about other things." for n in range(40))
ENTRY = "(string) The encoding strategy. Options are lossy or lossless. Default is lossy.\nhint\n"


def test_parallel_entries_the_copy_near_the_note_wins_over_more_matching_characters() -> None:
    """Two entries of a reference page share their context; the sentence after the note's
    quote was deleted in its own entry and reworded in the other, far away. The other copy
    now matches more characters of the context, but the note's own entry is where it was."""
    old = f"webp\n{ENTRY}(string) Webp hint.\n{FILLER}\navif\n{ENTRY}(string) The avif hint.\n"
    quote = "Options are lossy or lossless."
    at = old.rindex(quote)
    target = make_target(old, at, at + len(quote))
    new = old.replace(
        "lossless. Default is lossy.\nhint\n(string) Webp",
        "lossless. Default is lossy, instead animated.\nhint\n(string) Webp",
    )
    new = new.replace(
        "lossless. Default is lossy.\nhint\n(string) The avif", "lossless.\nhint\n(string) The avif"
    )
    anchor = reanchor_target(new, target).anchor
    assert anchor is not None
    assert (anchor.start, anchor.end) == (new.rindex(quote), new.rindex(quote) + len(quote))


def test_one_changed_character_beside_the_copy_does_not_outweigh_the_rest_of_its_context() -> None:
    """The character next to the note's quote changed (markup rendered differently); a
    parallel copy far away still has that character but differs in the rest of its context."""
    entry = "quality\n[new-in: 0.163.0]\n(int) The visual fidelity when using lossy compression."
    old = f"Defaults to text.\n{entry} Expressed as a number.\n{FILLER}\nDefault is 2.\n{entry}"
    old += " Expressed as a whole number from 1 to 100.\n"
    quote = "(int) The visual fidelity when using lossy compression."
    at = old.rindex(quote)
    target = make_target(old, at, at + len(quote))
    new = old.replace(
        "Default is 2.\nquality\n[new-in: 0.163.0]\n",
        "Default is 2.\nquality\n{{< new-in 0.163.0 />}}\n",
    )
    anchor = reanchor_target(new, target).anchor
    assert anchor is not None and anchor.start == new.rindex(quote)


def test_a_near_copy_whose_context_disagrees_does_not_take_a_note_edited_in_place() -> None:
    """The quote also stands nearby in another entry, with none of the note's context; the
    note's own place is still bracketed by its context, holding an edit of the quote."""
    old = (
        f"{FILLER}\nlanguages\n(map) Use locale instead.\nSee configure languages.\nlayoutDir\n"
        "(string) The designated layouts directory.\nlocale\n(string) For a multilingual "
        "project, specify this value each language key. See configure languages.\nmainSections"
        "\n(string or []string) The main sections of a site.\n"
    )
    quote = "See configure languages."
    at = old.rindex(quote)
    target = make_target(old, at, at + len(quote))
    new = old[:at] + "See [configure physical reflinkserrorlevel languages][]." + old[at + 24 :]
    result = reanchor_target(new, target)
    copy = new.index(quote)
    assert result.anchor is None or result.anchor.start != copy
    assert result.status is not AnchorStatus.MOVED


def _bare_found(text: str, quote: str) -> str | None:
    anchor = reanchor_target(text, Target(exact=quote)).anchor
    return None if anchor is None else text[anchor.start : anchor.end]


def test_an_exact_only_note_takes_a_passage_a_whole_edit_nearer_its_quote_than_any_other() -> None:
    """No context, no offsets, a letter changed in the quote; a parallel sentence elsewhere
    is nearly as like it (another word there), but three letters away instead of one."""
    quote = "Use the sites setting in the project config instead."
    other = quote.replace("sites", "roles")
    text = f"{FILLER}\nsites\n{quote}\n{FILLER}\nroles\n{other}\n"
    edited = text.replace(quote, quote.replace("setting", "settting"))
    assert _bare_found(edited, quote) == quote.replace("setting", "settting")


def test_an_exact_only_note_is_found_among_many_parallel_entries() -> None:
    """Entries of a reference page share all but a word; the note's own entry, with a letter
    changed, gets fewer exact pieces than the others, yet is the one most like the quote."""
    names = ("archetypes", "assets", "content", "data", "i18n", "layouts", "static", "themes")
    entries = [f"{name}Dir\n(string) The designated directory for {name}." for name in names]
    text = f"{FILLER}\n" + "\n".join(entries) + "\n"
    quote = "(string) The designated directory for themes."
    edited = text.replace(quote, "(string) The designated direatory for themes.")
    assert _bare_found(edited, quote) == "(string) The designated direatory for themes."


ENTRIES = (
    "buildDrafts\n(bool) Whether to include draft content when building a site. Default is "
    "false.\nbuildExpired\n(bool) Whether to include expired content when building a site. "
    "Default is false.\nbuildFuture\n(bool) Whether to include future content when building a "
    "site. Default is false.\ncacheDir\n(string) The designated cache directory.\n"
)


def test_a_deleted_entry_does_not_move_to_the_next_one_past_its_own_neighbour_line() -> None:
    """An entry of a reference page was deleted, its name line left: the next entry is as
    like it as the template makes it, but it stands after the line that followed the quote."""
    old = f"{FILLER}\n{ENTRIES}{FILLER}"
    quote = "(bool) Whether to include expired content when building a site."
    target = make_target(old, old.index(quote), old.index(quote) + len(quote))
    new = old.replace(f"{quote} Default is false.\n", "")
    assert reanchor_target(new, target).status is AnchorStatus.ORPHANED


def test_a_deleted_clause_does_not_move_to_an_earlier_entry_before_its_own_neighbour_line() -> None:
    old = f"{FILLER}\n{ENTRIES}{FILLER}"
    quote = "include future content when building"
    target = make_target(old, old.index(quote), old.index(quote) + len(quote))
    new = old.replace(
        "(bool) Whether to include future content when building a site. Default is false.\n", ""
    )
    assert reanchor_target(new, target).status is AnchorStatus.ORPHANED


def test_a_deleted_sentence_does_not_move_to_a_duplicate_whose_context_also_stayed_home() -> None:
    """The sentence and the one before it stood twice; the second copy of the quote was
    deleted. The first copy has the stored prefix whole beside it, but so has the note's own
    place, closed up on its suffix: that copy stood there before, the passage did not move."""
    pair = "A leaf bundle is at the end of a branch. It has no descendants."
    old = (
        f"Leaf bundles\n{pair}\n{FILLER}\nExample\n{pair}\ncontent/\n├── about\n│   └── index.md\n"
    )
    quote = "It has no descendants."
    at = old.rindex(quote)
    target = make_target(old, at, at + len(quote))
    new = old[: at - 1] + old[at + len(quote) :]
    assert reanchor_target(new, target).status is AnchorStatus.ORPHANED


def test_far_away_a_context_the_text_repeats_does_not_place_a_deleted_entry() -> None:
    """Entries share their template: the sentence after the quote stands whole beside every
    entry. The note's entry lost its description; another far away keeps the template
    context whole, which says nothing of which entry the note was on."""
    entry = (
        "{0}\nThe {0} method takes an ID (string) as argument. No slashes. It returns an "
        "OptionsSetter that can be used to set options for this {0}.\n"
    )
    group = (
        "Group\nThe Group method needs a name for the group. No slashes. It returns an "
        "OptionsSetter that can be used to set options for this Group.\n"
    )
    old = (
        f"{entry.format('Script')}{FILLER}\n{group}{FILLER}\n"
        f"Options passed to any runner, as JSON.\n{entry.format('Runner')}{FILLER}"
    )
    quote = "The Runner method takes an ID (string) as argument. No slashes."
    target = make_target(old, old.index(quote), old.index(quote) + len(quote))
    new = old.replace(entry.format("Runner"), "Runner\n")
    assert reanchor_target(new, target).status is AnchorStatus.ORPHANED


def test_an_edit_still_between_both_whole_contexts_beats_an_exact_copy_lacking_one() -> None:
    """The same sentence stood in two entries; the note's one gained words. The other copy is
    exact, with the stored prefix whole beside it, but only the note's place still has both
    stored contexts whole around it."""
    sentence = "This is used after a recent change and gradually increases towards polls.high."
    old = (
        f"polls.low\n(string) The minimum polling interval expressed as a duration. {sentence}"
        f" Default is 0s.\npolls.for.excludes\n([]string) A list.\n{FILLER}\npolls.high\n"
        f"(string) The maximum polling interval expressed as a duration. {sentence} Default is "
        "0s.\nWith polling enabled, Hugo watches the resources.\n"
    )
    at = old.rindex(sentence)
    target = make_target(old, at, at + len(sentence))
    edited = sentence.replace(
        "after a recent change", "busters content getremote pollconfig rebuilds"
    )
    new = old[:at] + edited + old[at + len(sentence) :]
    anchor = reanchor_target(new, target).anchor
    assert anchor is not None and (anchor.start, anchor.end) == (at, at + len(edited))


def test_a_line_moved_far_is_found_though_its_suffix_recurs_just_after_its_old_place() -> None:
    """The quote's line moved far away. Its old place is closed up (prefix meets suffix),
    and the suffix's start recurs a line later, which brackets some text by chance: the
    place is not "still there holding an edit", and the unique exact copy is the note's."""
    quote = "With permalinkable set to true for json in the same page.json.json template:"
    old = (
        f"Intro line about output formats.\n{FILLER}\nYou must set the permalinkable setting "
        f"to true for that format.\n{quote}\n{{{{ .RelPermalink }}}} → /that-page/index.json\n"
        "{{ with .Get }}\n{{ .RelPermalink }} → /that-page/\n{{ end }}\nTemplate lookup order\n"
    )
    target = make_target(old, old.index(quote), old.index(quote) + len(quote))
    new = old.replace(f"{quote}\n", "").replace("Intro line", f"Intro line\n{quote}\nAnd a line")
    anchor = reanchor_target(new, target).anchor
    assert anchor is not None and anchor.start == new.index(quote)


def test_an_exact_only_note_does_not_take_its_words_in_another_case_elsewhere() -> None:
    """No context, no offsets, a letter changed in the quote. Elsewhere the same words stand
    in lower case: keeping every word counts for a passage that grew (words inserted), not
    for one that differs only in case or punctuation, which is a parallel passage."""
    quote = "Ancestors and descendants"
    other = "List ancestors and descendants of a page."
    text = f"{FILLER}\n{quote}\nUse these methods.\n{FILLER}\n{other}\n"
    edited = text.replace(quote, "Ancestors and descendantts")
    found = _bare_found(edited, quote)
    assert found != "ancestors and descendants"


def test_an_exact_only_note_takes_a_passage_one_whole_edit_nearer_than_a_parallel_one() -> None:
    """A letter doubled in the quote (one edit); a parallel line elsewhere differs from the
    quote by a short word changed (two edits). A whole edit nearer is enough to choose."""
    quote = '{{ $pages := where .Site.RegularPages "Section" "eq" "books" }}'
    other = quote.replace('"eq"', '"ne"')
    text = f"{FILLER}\n{quote}\n{FILLER}\n{other}\n{FILLER}\n"
    edited = quote.replace("Pages", "Pagges")
    assert _bare_found(text.replace(quote, edited), quote) == edited


def test_an_exact_only_note_between_two_entries_as_like_it_is_orphaned() -> None:
    """A letter dropped makes the quote's entry exactly as many edits from it as its neighbour
    is: nothing in a bare quote can choose, so the note is orphaned, never guessed."""
    text = f"{FILLER}\nvercel-05.png shown\nvercel-06.png shown\n{FILLER}\n"
    quote = "vercel-06.png shown"
    edited = text.replace(quote, "verel-06.png shown")
    assert reanchor_target(edited, Target(exact=quote)).status is AnchorStatus.ORPHANED


def test_a_copy_moved_with_a_context_found_nowhere_else_wins_over_a_nearer_bare_copy() -> None:
    """The note's sentence moved far down with the sentence before it; another copy of the
    quote stands near where the note was made, among other lines: the copy beside the moved
    sentence (the text holds it only there) is the note's, whatever the distance."""
    quote = "See configure languages."
    entry = f"Specify this value independently for each language key. {quote}"
    old = f"languages\n{quote}\nlayoutDir\n(string) The layout folder.\n{entry}\nmainSections\n"
    target = make_target(
        old, old.index(entry) + len(entry) - len(quote), old.index(entry) + len(entry)
    )
    new = old.replace(f"{entry}\n", "") + f"{FILLER}\n{entry}\nSome settings differ per language."
    anchor = reanchor_target(new, target).anchor
    assert anchor is not None
    assert (anchor.start, anchor.status) == (new.rindex(quote), AnchorStatus.MOVED)
