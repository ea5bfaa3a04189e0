"""summariser: grounded extraction of agreement records from news articles (headless; never imports textual)."""

__version__ = "0.1.0"
