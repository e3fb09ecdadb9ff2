"""The swarm's people: a synthetic event from `seed_data.generate`, one phone per row, with
fresh sign-in codes, imported through the organizer's import, plus an organizer to run it."""

from __future__ import annotations

import csv
import io
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from mobile_client_stub.importer import import_people
from mobile_client_stub.phone import Credentials
from seed_data.formats import DEMO_DIR, GENERATED_PEOPLE_COLUMNS
from seed_data.generate import generate_rows, read_column

EMAIL = GENERATED_PEOPLE_COLUMNS.index("email")
BADGE_CODE = GENERATED_PEOPLE_COLUMNS.index("badge_code")
ORGANIZER_EMAIL = "swarm-organizer@swarm.example"


@dataclass(frozen=True)
class Crowd:
    phones: list[Credentials]
    organizer: Credentials


def crowd_csv(phones: int, seed: int) -> tuple[str, Crowd]:
    interests = read_column(DEMO_DIR / "interests.csv", "label")
    communities = read_column(DEMO_DIR / "communities.csv", "name")
    run_code = secrets.token_hex(3).upper()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(GENERATED_PEOPLE_COLUMNS)
    credentials = []
    for number, row in enumerate(generate_rows(phones, seed, interests, communities), start=1):
        row[EMAIL] = f"phone-{number:05}@swarm.example"
        row[BADGE_CODE] = f"SWARM-{run_code}-{number:05}"
        writer.writerow(row)
        credentials.append(Credentials(row[EMAIL], row[BADGE_CODE]))
    organizer = Credentials(ORGANIZER_EMAIL, f"SWARM-{run_code}-ORGANIZER")
    organizer_row = dict.fromkeys(GENERATED_PEOPLE_COLUMNS, "")
    organizer_row |= {"email": organizer.email, "name": "Swarm Organizer", "role": "ORGANIZER",
                      "badge_code": organizer.code}  # fmt: skip
    writer.writerow(organizer_row.values())
    return buffer.getvalue(), Crowd(credentials, organizer)


async def enrol(phones: int, seed: int, server_env: Mapping[str, str] | None) -> Crowd:
    """Imports the crowd into the server's database; returns how each phone signs in."""
    text, crowd = crowd_csv(phones, seed)
    await import_people(text, server_env)
    return crowd
