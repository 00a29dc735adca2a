"""kg: a knowledge-graph builder for Arabic news (officials, posts, meetings, calls, visits)."""
from kg.api import build, evaluate, stats, validate

__all__ = ["build", "evaluate", "stats", "validate"]
__version__ = "0.1.0"
