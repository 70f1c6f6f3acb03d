"""Services: one call is one unit of work; they return frozen dataclasses, never ORM objects."""
