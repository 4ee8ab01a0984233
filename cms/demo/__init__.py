"""Demo content of the programme and its loader."""
