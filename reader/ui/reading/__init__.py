"""Reading a post: the article view, its images, highlights painted in it, find, outline, and
rendering off the GUI thread."""
