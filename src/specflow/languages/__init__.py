"""Languages: what ripples and no-op detection know of a language's source. Each module gives
the ripple stage the same `file_symbols(...)`, returning `Symbol`s and `FileFacts` (`base`):
`python` reads Python's syntax tree (parsed by `pysource`, whatever a repository holds),
`generic` reads any other language line by line."""
