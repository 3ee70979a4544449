"""Export: the model every format reads, collecting a scope's posts and notes, the formats
(Markdown, W3C JSON, CSV, HTML, the comparison table). Imports everything below but search."""
