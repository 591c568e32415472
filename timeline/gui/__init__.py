"""The desktop window: the only package that imports PySide6 and pyqtgraph.

This ``__init__`` imports nothing from Qt, so Qt-free helpers here
(``wording``, ``filters``) can be used and tested without a display.
"""
