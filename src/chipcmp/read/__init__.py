"""Reading: every byte chipcmp takes in. Files read bounded (regular files under a size
limit only), YAML with positions, damaged CSV row by row, the settings (config file and
environment) and the public datasets' importers (one registry).

May import: chipcmp.model.
"""
