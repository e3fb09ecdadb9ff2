"""Availability for meetings: blocked times and meeting preferences."""
