"""HTTP fetching: politeness, validators, limits, charset."""
