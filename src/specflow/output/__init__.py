"""Output formats: everything specflow prints or writes. `render` writes to the console;
`serialize` is the one JSON serialiser; `github` the GitHub annotations and SARIF;
`escape` makes untrusted text inert in Markdown and HTML."""
