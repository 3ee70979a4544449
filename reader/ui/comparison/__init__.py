"""The comparison table of sides × aspects, as a dock and its model."""
