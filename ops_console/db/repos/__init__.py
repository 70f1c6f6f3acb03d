"""Queries, one module per area: services call these instead of building SQL."""
