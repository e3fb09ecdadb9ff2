"""Meeting follow-ups: how a meeting went and what comes next, recorded by each person."""
