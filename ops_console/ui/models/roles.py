"""Item roles shared by the console's table models."""

from PySide6.QtCore import Qt

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # native values (dates, numbers) for sorting
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's frozen dataclass; survives the proxy
