"""Reading articles from files and writing results."""
