"""Reads of the certification app."""
