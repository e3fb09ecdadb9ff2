"""Three people who registered at the door: the organizer imports them during the demo, each
with a fresh sign-in code so that a later run can sign them in again."""

from __future__ import annotations

import csv
import io
import secrets

from mobile_client_stub.phone import Credentials

COLUMNS = (
    "email", "name", "role", "organization", "organization_sector", "organization_segments",
    "headline", "interests", "seeking", "offering", "listed", "badge_code",
)  # fmt: skip
WALK_INS = (
    ("marisol.vega@desertsun.example", "Marisol Vega", "ATTENDEE", "Desert Sun Medical Center",
     "PROVIDER", "acute-care", "Biomed supervisor, critical care",
     "Patient monitors;Alarm management;Medical device cybersecurity",
     "SHARE_INFORMATION;CROSS_REFERRAL", "MENTORSHIP"),
    ("kwame.mensah@sierraimaging.example", "Kwame Mensah", "ATTENDEE", "Sierra Imaging Services",
     "SERVICE_ORGANIZATION", "imaging-service;patient-monitoring", "Field engineer, monitoring",
     "Patient monitors;Medical device cybersecurity;Patch management",
     "MENTORSHIP", "CROSS_REFERRAL;SHARE_INFORMATION"),
    ("helen.park@basincollege.example", "Helen Park", "ATTENDEE", "Basin College", "EDUCATION",
     "training", "BMET program lead", "Alarm management;Patch management",
     "PARTNERSHIP", "EDUCATION_TRAINING"),
)  # fmt: skip


def walk_ins_csv() -> tuple[str, list[Credentials]]:
    """The import file, and each walk-in's email and new sign-in code."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    credentials = []
    for row in WALK_INS:
        code = f"WALKIN-{secrets.token_hex(4).upper()}"
        writer.writerow([*row, "true", code])
        credentials.append(Credentials(email=row[0], code=code))
    return buffer.getvalue(), credentials
