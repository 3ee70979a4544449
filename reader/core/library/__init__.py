"""The library: which files are posts, their front matter and fields, the scan and its cache,
tags, and where a post's references point inside the library. Imports nothing else of reader."""
