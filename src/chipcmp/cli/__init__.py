"""The command line: the only package that prints, reads the terminal or exits. `app`
declares the commands over the API, `console` is the entry point.

May import: chipcmp.api and every layer below it.
"""
