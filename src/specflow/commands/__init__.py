"""The commands: one module per command (or pair of commands), each a plain function that
takes what the command line parsed and returns plain data; `specflow.cli` only parses
options, calls one of them, renders the result and picks the exit code. A new command is
a module here and a few lines in cli.py."""
