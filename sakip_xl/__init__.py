"""sakip-xl: check, normalise and consolidate SAKIP workbooks of Indonesian local government."""

__version__ = "0.1.0"
