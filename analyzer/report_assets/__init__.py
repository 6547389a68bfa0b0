"""CSS and JavaScript inlined into the HTML report (package data, read with importlib.resources)."""
