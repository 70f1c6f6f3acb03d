"""PDF and CSV reports built with reportlab from the services (no Qt)."""
