"""Pure rules of the product: standard library only, time passed in."""
