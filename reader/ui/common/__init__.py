"""What every part of the window shares: background threads and the names of settings."""
