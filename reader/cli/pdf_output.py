"""The annotated post as a PDF, for the command line (`reader render POST --format pdf -o FILE`).

The sub-command's argument handling lives with `reader render`; this is the work it calls: find
the post, read its notes without changing them, lay it out with Qt on the offscreen platform and
write the PDF atomically. Errors are CommandErrors, worded for the terminal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from reader.cli.common import CommandError, load_library
from reader.core.export.collect import ScopeError, posts_in_scope
from reader.core.export.printable import printable_post
from reader.core.importing.plan import existing_notes
from reader.core.notes.records import NotesDocument
from reader.core.notes.store import NotesStore, NotesStoreError
from reader.core.notes.yaml_load import NotesFileError


def write_post_pdf(
    library_root: Path | None,
    post_rel: str,
    notes_dir: Path | None,
    out_path: Path,
    notes_at: Literal["end", "beside"] = "end",
) -> int:
    """Write `post_rel` of the library, with its notes, as a PDF at `out_path`; the page count.

    A notes file that cannot be read is reported, not repaired: the PDF is not made.
    """
    library = load_library(library_root)
    try:
        (post,) = posts_in_scope(library, post=post_rel)
    except ScopeError as err:
        raise CommandError(str(err)) from None
    store = NotesStore(library.root, notes_dir)
    try:
        document = existing_notes(store, post)
    except (NotesFileError, NotesStoreError) as err:
        raise CommandError(f"the notes of {post.path} cannot be read: {err}") from None
    document = NotesDocument(
        article=document.article, sides=document.sides, annotations=document.annotations
    )
    printable = printable_post(library.root, post, document)

    from reader.ui.common.headless import gui_application
    from reader.ui.export.pdf import PrintError, write_pdf
    from reader.ui.export.print_document import build_print_document

    gui_application()
    try:
        return write_pdf(build_print_document(printable, library.root, notes_at), out_path)
    except PrintError as err:
        raise CommandError(str(err)) from None
