"""Use cases: each rule of the product lives in exactly one function here."""
