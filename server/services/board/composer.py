"""What a post's body may be: plain text of bounded length, and nothing that looks like patient
information unless the author confirms it is not."""

from __future__ import annotations

import re
import unicodedata

from server.errors import BadUserInput

MAX_BODY_LENGTH = 2000
# control characters, zero-width and bidirectional-override characters (used to spoof text)
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_BLANK_LINES = re.compile(r"\n{3,}")

# What looks like it could identify a patient. Deliberately broad: a false alarm costs one tap
# ("this is not patient data"), a miss costs a privacy incident.
PATIENT_DATA_SIGNS: dict[str, tuple[str, re.Pattern[str]]] = {
    "PHONE_NUMBER": (
        "a phone number",
        re.compile(r"(?<![\w.])(?:\+?1[\s.-]?)?\(?[2-9]\d{2}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?!\w)"),
    ),
    "EMAIL_ADDRESS": ("an email address", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    "MEDICAL_RECORD_NUMBER": (
        "a medical record number",
        re.compile(r"\bMRN\b|\bmedical\s+record\s*(?:number|no\b|#)|\bMR\s*#", re.IGNORECASE),
    ),
}


def plain_text(value: str, field: str = "body", max_length: int = MAX_BODY_LENGTH) -> str:
    """The text as stored: normalised (NFC), invisible characters removed, line breaks kept
    (at most one blank line in a row), trailing spaces trimmed. Never markup: clients show it
    escaped, as typed."""
    text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text.replace("\t", " "))
    text = _BLANK_LINES.sub("\n\n", "\n".join(line.rstrip() for line in text.split("\n")))
    text = text.strip()
    if not text:
        raise BadUserInput(f"{field} must not be empty.", field=field)
    if len(text) > max_length:
        raise BadUserInput(f"{field} must be at most {max_length} characters.", field=field)
    return text


def patient_data_signs(text: str) -> list[str]:
    """The kinds of identifying detail the text seems to hold (empty when none)."""
    return [code for code, (_, pattern) in PATIENT_DATA_SIGNS.items() if pattern.search(text)]


def check_patient_data(text: str, confirmed: bool) -> None:
    """Refuse a body that looks like it holds patient information, unless the author confirmed
    (`confirmNoPatientData`) that it does not."""
    found = patient_data_signs(text)
    if not found or confirmed:
        return
    what = " and ".join(PATIENT_DATA_SIGNS[code][0] for code in found)
    raise BadUserInput(
        f"This post seems to contain {what}. Never share patient information here. If it is "
        "not about a patient, confirm that and post again.",
        field="body",
        reason="MAY_CONTAIN_PATIENT_DATA",
        found=found,
    )
