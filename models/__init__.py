"""Model files (plain JSON), installed as the package analyzer.models."""
