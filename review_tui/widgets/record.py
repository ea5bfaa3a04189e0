"""The current record: flags first (what to check), then every field with its evidence."""

from __future__ import annotations

from textual.markup import escape
from textual.widgets import Static

from summariser.review.model import ReviewItem, State, changed_fields
from summariser.schema import AgreementRecord, MatchKind

FLAG_TEXT = {
    "ungrounded": ("UNGROUNDED QUOTE", "error"),
    "fuzzy": ("FUZZY QUOTE", "warning"),
    "no_date": ("NO DATE", "warning"),
    "party_not_in_text": ("PARTY NOT IN TEXT", "error"),
}
MATCH_MARK = {
    MatchKind.exact: ("=", "success"),
    MatchKind.normalised: ("≈", "success"),
    MatchKind.fuzzy: ("~", "warning"),
    MatchKind.ungrounded: ("✗", "error"),
}
STATE_STYLE = {State.accepted: "success", State.edited: "accent", State.rejected: "error", State.skipped: "warning"}


def flag_badges(flags: tuple[str, ...] | list[str]) -> str:
    if not flags:
        return "[$success]no flags[/]"
    return " ".join(f"[$text-{FLAG_TEXT[f][1]} on $background-lighten-1 b] {FLAG_TEXT[f][0]} [/]" for f in flags if f in FLAG_TEXT)


def record_markup(item: ReviewItem, position: int, total: int) -> str:
    rec: AgreementRecord = item.shown
    lines = []
    head = f"[b]{position + 1}/{total}[/] {escape(item.document.path.rsplit('/', 1)[-1])} #{item.queue_item.idx}"
    if item.decision:
        d = item.decision
        head += f"  [$text-{STATE_STYLE[d.state]} b]{d.state.upper()}[/] by {escape(d.reviewer)}"
        if d.reason:
            head += f" ({escape(d.reason)})"
    else:
        head += "  [dim]undecided[/]"
    lines.append(head)
    lines.append(flag_badges(item.flags))
    date = rec.date_signed.isoformat() if rec.date_signed else "[dim]no date[/]"
    if rec.date_text:
        date += f" [dim]“{escape(rec.date_text)}”[/]"
    lines.append(f"[b]{rec.agreement_type.value}[/] · {rec.status.value} · {date}")
    text = item.document.text
    parties = []
    for p in rec.parties:
        missing = p.name.casefold() not in text.casefold() and "party_not_in_text" in item.flags
        parties.append(f"[$text-error]{escape(p.name)}?[/]" if missing else escape(p.name))
    lines.append("[b]Parties[/] " + " · ".join(parties))
    if rec.location:
        lines.append(f"[b]Where[/] {escape(rec.location)}")
    if rec.signatories:
        sig = "; ".join(escape(", ".join(x for x in (s.name, s.title, s.organisation) if x)) for s in rec.signatories)
        lines.append(f"[b]Signed by[/] {sig}")
    for line in rec.scope:
        lines.append(f"[b]Scope[/] {escape(line)}")
    if rec.summary:
        lines.append(f"[b]Summary[/] {escape(rec.summary)}")
    for ev in rec.evidence:
        mark, style = MATCH_MARK[ev.match]
        score = f" {ev.score:.0f}" if ev.match is MatchKind.fuzzy and ev.score is not None else ""
        lines.append(f"[$text-{style}]{mark}{score}[/] [dim]{','.join(ev.fields)}[/] “{escape(ev.quote)}”")
    if item.decision and item.decision.state is State.edited:
        # The suggestion stays next to the reviewer's version, one changed field per line.
        for name in changed_fields(item.suggested, rec):
            lines.append(f"[dim]model's {name}: {escape(_short(getattr(item.suggested, name)))}[/]")
    return "\n".join(lines)


def _short(value: object, limit: int = 120) -> str:
    if isinstance(value, list):
        value = "; ".join(getattr(v, "quote", None) or getattr(v, "name", None) or str(v) for v in value)
    text = "" if value is None else str(getattr(value, "value", value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


class RecordPanel(Static):
    """A fixed-height panel: updating it repaints only itself, never the screen's layout (keeps next-record fast).
    What does not fit is cut; the edit form and the history view show every field."""

    def show(self, item: ReviewItem | None, position: int, total: int) -> None:
        self.update(record_markup(item, position, total) if item else "[dim]No records match this filter.[/]", layout=False)
