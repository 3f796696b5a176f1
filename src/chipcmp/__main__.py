from chipcmp.cli.console import run

run()
