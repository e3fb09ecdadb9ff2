"""A crowd of phones against one server on this machine: bounded, timed, and reported."""
