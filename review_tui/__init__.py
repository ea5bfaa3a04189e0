"""The Textual review app over a summariser store (`summarise review`)."""

from review_tui.app import ReviewApp

__all__ = ["ReviewApp"]
