"""The Qt layer, grouped by the same jobs as reader.core; it holds no domain logic.

Imports run one way:
common ← library, reading ← annotating ← comparison, export, search ← window."""
