"""Demo data: the reference department and its region as data files, demo accounts, synthetic provinces."""
