"""`summarise report`: the register as one self-contained HTML page (no network, no CDN)."""

from summariser.report.page import build_report, render_page, write_report

__all__ = ["build_report", "render_page", "write_report"]
