"""Writes of the certification app: decisions, issuance, lifecycle, rendering."""
