"""Browsing the library: the tag and posts panes, their models, thumbnails, the scan in the
background and the watcher that notices changes on disk."""
