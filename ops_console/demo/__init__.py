"""The demo community: its generator (``generate``, the standard library and ``domain`` only),
its loader (``loader``, through the product's own services) and its simulated SNMP agent
(``agent`` and ``simulation``, started beside the demo's poller by ``poller``). Import the one
you need: this ``__init__`` imports none, so the generator runs without the services'
dependencies."""
