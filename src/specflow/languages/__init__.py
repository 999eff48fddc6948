"""Languages: what ripples and no-op detection know of a language's source. Each module gives
the ripple stage the same `file_symbols(...)`, returning `Symbol`s and `FileFacts` (`base`):
`python` reads Python's syntax tree (parsed by `pysource`, whatever a repository holds, and
spelled one way for no-op detection by `pyshape`, `pyformat` and `pyrename`), `generic` reads
any other language line by line."""
