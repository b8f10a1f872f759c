"""stanceline: who said what, who did what, and who stands where on which issue — and when that changed."""

__version__ = "0.1.0"
