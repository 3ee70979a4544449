"""reader: an offline reader and annotator for folders of Markdown posts."""

__version__ = "0.1.0"
