"""The signals, in the order the pipeline runs them.

Later signals may read what earlier ones left on the article (boilerplate sets the content
lines that attribution, hedging and readability look at).
"""

from __future__ import annotations

from analyzer.signals.attribution import attribution_signal
from analyzer.signals.base import RunContext, Signal, SignalResult
from analyzer.signals.boilerplate import boilerplate_signal
from analyzer.signals.hedging import hedging_signal
from analyzer.signals.language import language_signal
from analyzer.signals.readability import readability_signal
from analyzer.signals.translation import translation_signal

REGISTRY: dict[str, Signal] = {
    "language": language_signal,
    "boilerplate": boilerplate_signal,
    "translation": translation_signal,
    "attribution": attribution_signal,
    "hedging": hedging_signal,
    "readability": readability_signal,
}

__all__ = ["REGISTRY", "RunContext", "Signal", "SignalResult"]
