"""Rendering a post: Markdown to HTML, site markup (shortcodes, Liquid), sanitising, the
article text that notes count in, the view-to-text position map and the article's theme CSS.
Imports only the library."""
