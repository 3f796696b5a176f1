"""chipcmp: compare AI accelerators from a curated, sourced catalog.

The Python API (api.py), imported on first use so that `import chipcmp` stays cheap:

    import chipcmp
    catalog = chipcmp.load()                    # or chipcmp.load("@bundled", "laics.yaml")
    catalog.rank("tops-per-watt").records       # the rows `chipcmp rank` prints
    catalog.product("nvidia-t4").peak("int8").quantity.to("POPS")

Errors are chipcmp.ChipcmpError, carrying the located problems in `.problems`.
"""

__version__ = "0.1.0"
__all__ = ["load", "update", "Catalog", "Product", "Figure", "Answer", "ChipcmpError",
           "__version__"]

_API = ("load", "update", "Catalog", "Product", "Figure", "Answer")


def __getattr__(name: str):
    if name in _API:
        from chipcmp import api

        return getattr(api, name)
    if name == "ChipcmpError":
        from chipcmp.model.problems import ChipcmpError

        return ChipcmpError
    raise AttributeError(f"module 'chipcmp' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
