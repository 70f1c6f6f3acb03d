"""Dialogs: opened with open(), reporting through finished."""
