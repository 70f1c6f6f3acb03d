"""The demo community: its generator (``generate``, the standard library and ``domain`` only) and
its loader (``loader``, through the product's own services). Import the one you need: this
``__init__`` imports neither, so the generator runs without the services' dependencies."""
