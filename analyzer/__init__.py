"""analyzer: tells an analyst which copies of a news story can be trusted."""

from analyzer.article import Article, Evidence

__all__ = ["Article", "Evidence", "__version__"]
__version__ = "0.1.0"
