"""Terminal rendering of one scored article with its evidence highlighted (rich)."""

from __future__ import annotations

from typing import Any

from analyzer.article import Article

# One colour per signal, reused by the legend.
SIGNAL_STYLES = {
    "translation": "bold white on red",
    "boilerplate": "grey50 strike",
    "attribution": "black on green",
    "hedging": "black on yellow",
    "language": "black on magenta",
}


def render(article: Article, console: Any) -> None:
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    body = Text(article.text)
    for ev in article.evidence:
        body.stylize(SIGNAL_STYLES.get(ev.signal, "underline"), ev.start, ev.end)
    s = article.scores
    header = (f"{article.id}  source: {article.source}  language: {article.language}  label: {article.label}\n"
              f"trust {s['trust']:.2f} · translation {s['translation']:.2f} · boilerplate {s['boilerplate']:.2f}"
              f" · attribution {s['attribution']:.2f} · hedging {s['hedging']:.2f} · readability {s['readability']:.1f}")
    legend = Text("  ".join(f"[{name}]" for name in SIGNAL_STYLES))
    for name, style in SIGNAL_STYLES.items():
        start = legend.plain.find(f"[{name}]")
        legend.stylize(style, start, start + len(name) + 2)
    console.print(Panel(body, title=header, subtitle=legend))
    table = Table(title="evidence")
    for col in ("#", "signal", "kind", "text", "suggestion", "reason"):
        table.add_column(col)
    for n, ev in enumerate(sorted(article.evidence, key=lambda e: (e.start, e.end)), start=1):
        table.add_row(str(n), ev.signal, ev.kind, ev.text[:60], ev.suggestion or "", ev.reason,
                      style=None)
    console.print(table)
