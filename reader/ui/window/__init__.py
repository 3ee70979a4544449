"""The main window that puts the parts together: menus and keys, navigation between places,
the status bar, the theme, saved window state and the off-screen screenshot."""
