"""The desktop console: the only package that imports PySide6."""
