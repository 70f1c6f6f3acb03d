"""Queries, one module per area: services call these instead of building SQL.

What a query returns to the services is an ORM object, a plain value or a named row (a
``NamedTuple`` defined beside the query), never an untyped ``Row``.
"""
