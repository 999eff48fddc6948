"""Languages: what ripples and no-op detection know of a language's source. `pysource`
parses Python whatever a repository holds; the generic reading of any other language is
in `specflow.ripple`."""
