"""Storing what pollers saw: one round of results in one write transaction (``store``), with
its rules (``poll_eval``, ``health``, ``stale``, ``traps``), poller runs, maintenance windows,
the write fence, and the hand-over of alarms to work orders after the commit."""
