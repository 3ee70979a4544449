"""The `reader` command: the window by default, one module per headless sub-command.
Imports core, and ui only to open the window."""
