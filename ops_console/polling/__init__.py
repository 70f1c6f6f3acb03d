"""Polling: SNMP, probes, traps and discovery; the only package that imports pysnmp.

It knows nothing about the database or Qt: targets go in, frozen dataclasses come out.
"""
