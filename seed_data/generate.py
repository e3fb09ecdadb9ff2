"""Write a large synthetic expo as a people import CSV (organization columns appended).

Usage: python -m seed_data.generate --people 10000 [--seed 7] [--out FILE.csv]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import TextIO, TypeVar

from seed_data.formats import DEMO_DIR, GENERATED_PEOPLE_COLUMNS, LIST_SEPARATOR

T = TypeVar("T")

FIRST_NAMES = (
    "Aaliyah", "Aaron", "Adaeze", "Aiden", "Alejandro", "Amara", "Ana", "Andre", "Anjali", "Ben",
    "Bianca", "Brandon", "Carmen", "Chen", "Chloe", "Daniel", "Daria", "Darnell", "Deepa", "Diego",
    "Dmitri", "Elena", "Eli", "Emeka", "Emily", "Esperanza", "Ethan", "Fatima", "Felix",
    "Gabriela", "Grace", "Hamid", "Hana", "Ian", "Imani", "Isaac", "Ivy", "Jamal", "Jasmine",
    "Javier", "Jenna", "Jin", "Joaquin", "Julia", "Kai", "Kareem", "Katya", "Keanu", "Kenji",
    "Lakshmi", "Leah", "Leon", "Lina", "Lucas", "Luz", "Malik", "Maria", "Mateo", "Maya", "Mei",
    "Mohammed", "Nadia", "Naomi", "Nikhil", "Noah", "Nia", "Olga", "Omar", "Paige", "Pedro",
    "Priya", "Quinn", "Rashid", "Rebecca", "Ricardo", "Rosa", "Ryan", "Sakura", "Samir", "Sara",
    "Sean", "Shira", "Sofia", "Tariq", "Tessa", "Theo", "Trinh", "Uma", "Valentina", "Victor",
    "Wen", "Will", "Ximena", "Yara", "Yusuf", "Zoe",
)  # fmt: skip
LAST_NAMES = (
    "Abbott", "Acheampong", "Aguilar", "Alvarez", "Anand", "Baker", "Banerjee", "Bauer", "Bennett",
    "Brooks", "Campbell", "Castro", "Chavez", "Cohen", "Coleman", "Dang", "Diaz", "Duarte",
    "Ellis", "Eze", "Farah", "Fernandes", "Fischer", "Flores", "Gallo", "Garcia", "Goldstein",
    "Gupta", "Hayes", "Hernandez", "Hoang", "Hughes", "Ibrahim", "Ivanova", "Jackson", "Jimenez",
    "Johansson", "Kang", "Kaplan", "Khan", "Kowalski", "Kumar", "Larsen", "Le", "Lopez", "Mahmoud",
    "Martin", "Mendoza", "Mitchell", "Morales", "Murphy", "Nakamura", "Nash", "Nguyen", "Novak",
    "Obi", "Okafor", "Olsen", "Ortiz", "Park", "Patel", "Perez", "Petrova", "Price", "Quinn",
    "Ramirez", "Reddy", "Reyes", "Rivera", "Romero", "Rossi", "Russo", "Saito", "Sanchez",
    "Schmidt", "Shah", "Silva", "Singh", "Sokolov", "Suzuki", "Tanaka", "Taylor", "Thompson",
    "Torres", "Tran", "Vargas", "Vega", "Wagner", "Walker", "Wang", "Watts", "Wu", "Yamamoto",
    "Young", "Zhang",
)  # fmt: skip

SECTOR_WEIGHTS = {
    "VENDOR": 30, "PROVIDER": 28, "SERVICE_ORGANIZATION": 15, "PRIVATE_PRACTICE": 6,
    "ACADEMIC": 5, "EDUCATION": 4, "NONPROFIT": 4, "GOVERNMENT": 3, "PAYER": 2, "OTHER": 3,
}  # fmt: skip
# Segments each sector works in; vendors and service organizations draw from small pools on
# purpose, so that many of them share a segment (they compete).
SEGMENTS = {
    "VENDOR": ("imaging-equipment", "patient-monitoring", "infusion-systems", "respiratory",
               "cmms-software", "rtls", "analytics", "cybersecurity", "replacement-parts",
               "refurbished-equipment", "sterilization", "test-equipment", "probe-repair"),
    "SERVICE_ORGANIZATION": ("imaging-service", "ultrasound-service", "multi-vendor-service",
                             "depot-repair", "sterilization", "endoscope-reprocessing",
                             "patient-monitoring"),
    "PROVIDER": ("acute-care", "pediatrics", "trauma", "cardiology", "ambulatory-care",
                 "rural-health"),
    "PRIVATE_PRACTICE": ("outpatient-imaging", "cardiology", "ambulatory-surgery"),
    "ACADEMIC": ("biomedical-engineering-research", "htm-degree-programs"),
    "EDUCATION": ("training", "certification-prep", "continuing-education"),
    "NONPROFIT": ("professional-society", "patient-advocacy"),
    "GOVERNMENT": ("device-surveillance", "facility-licensing"),
    "PAYER": ("health-plan",),
    "OTHER": ("group-purchasing", "htm-consulting"),
}  # fmt: skip
SIZE = {"PROVIDER": 2.0, "GOVERNMENT": 0.5, "PAYER": 0.5, "NONPROFIT": 0.7, "OTHER": 0.7}
EXHIBITING = frozenset({"VENDOR", "SERVICE_ORGANIZATION", "EDUCATION"})

BRANDS = (
    "Aster", "Basalt", "Bristlecone", "Cinder", "Cobalt", "Corvid", "Dunmore", "Ember", "Fennec",
    "Galena", "Halden", "Ironwood", "Kestrel", "Larkspur", "Lodestar", "Mesquite", "Norrow",
    "Obsidian", "Palisade", "Quarry", "Saltgrass", "Sextant", "Tamarack", "Tessel", "Umbra",
    "Verdant", "Wayfarer", "Yarrow", "Zephyr", "Alder", "Brightwater", "Caldera", "Drummond",
)  # fmt: skip
PLACES = (
    "Desert Willow", "Cedar Basin", "Silver Creek", "Red Mesa", "Lone Pine", "High Desert",
    "Granite Falls", "Copper Canyon", "Sagebrush", "Eagle Valley", "Juniper Ridge", "Clearwater",
    "Sun Valley", "Owens River", "Pinyon Hills", "Mesa Verde", "Coyote Springs", "Sierra Point",
    "Blue Diamond", "Amargosa", "Painted Rock", "Quail Hollow", "Snow Mountain", "Canyon Lake",
)  # fmt: skip
NAME_PATTERNS = {
    "VENDOR": ("{brand} Medical", "{brand} Imaging Systems", "{brand} Health Software",
               "{brand} Device Security", "{brand} Medical Parts", "{brand} Clinical Systems",
               "{brand} Test Instruments", "{brand} Analytics"),
    "SERVICE_ORGANIZATION": ("{brand} Biomedical Services", "{brand} Imaging Service",
                             "{brand} Clinical Engineering", "{brand} Equipment Repair"),
    "PROVIDER": ("{place} Medical Center", "{place} Regional Hospital", "{place} Health",
                 "{place} Community Hospital", "{place} Children's Hospital"),
    "PRIVATE_PRACTICE": ("{place} Imaging Associates", "{place} Cardiology Group",
                         "{place} Surgery Center"),
    "ACADEMIC": ("University of {place}", "{place} Institute of Technology"),
    "EDUCATION": ("{brand} HTM Academy", "{place} Technical Institute"),
    "NONPROFIT": ("{place} Healthcare Technology Society", "{place} Patient Safety Coalition"),
    "GOVERNMENT": ("{place} Device Safety Office", "{place} Bureau of Health Facilities"),
    "PAYER": ("{place} Health Plan", "{place} Mutual"),
    "OTHER": ("{brand} Purchasing Alliance", "{brand} Advisory"),
}  # fmt: skip
TITLES = {
    "VENDOR": ("Field service engineer", "Account executive", "Product manager",
               "Clinical specialist", "Solutions engineer", "Service director",
               "Applications engineer", "Customer success manager"),
    "SERVICE_ORGANIZATION": ("Field service engineer", "Imaging engineer", "BMET II",
                             "Service contracts manager", "Regional service manager",
                             "Depot repair technician"),
    "PROVIDER": ("BMET I", "BMET II", "BMET III", "Imaging engineer",
                 "Clinical engineering manager", "Director of clinical engineering",
                 "CMMS administrator", "Supply chain analyst", "Nurse informaticist",
                 "Facilities engineer", "Device security analyst"),
    "PRIVATE_PRACTICE": ("Practice administrator", "Lead technologist", "Physician partner"),
    "ACADEMIC": ("Professor of biomedical engineering", "Research engineer", "Graduate student"),
    "EDUCATION": ("Instructor", "Curriculum designer", "Program director"),
    "NONPROFIT": ("Program manager", "Policy analyst", "Member services lead"),
    "GOVERNMENT": ("Surveyor", "Policy specialist", "Safety analyst"),
    "PAYER": ("Medical economics analyst", "Network programs director"),
    "OTHER": ("Consultant", "Category manager", "Contract analyst"),
}  # fmt: skip
INTENT_WEIGHTS = {
    "SHARE_INFORMATION": 10, "CROSS_REFERRAL": 6, "PARTNERSHIP": 6, "EDUCATION_TRAINING": 6,
    "MENTORSHIP": 5, "PROCUREMENT": 4, "JOINT_PROJECT": 4, "JOINT_RESEARCH": 2,
    "CARE_HANDOFF": 1, "PATIENT_RECRUITMENT": 1,
}  # fmt: skip
INTENT_COUNTS = (0, 1, 1, 2, 2, 3)  # how many kinds one person seeks (or offers)
PEOPLE_PER_ORGANIZATION = 25
INTEREST_ZIPF_EXPONENT = 1.1
COMMUNITY_SHARE = 0.08


@dataclass(frozen=True)
class Organization:
    name: str
    sector: str
    segments: tuple[str, ...]
    booth: str
    domain: str


def read_column(path: Path, column: str) -> list[str]:
    with path.open(encoding="utf-8", newline="") as file:
        return [row[column] for row in csv.DictReader(file)]


def ascii_slug(text: str, separator: str = "") -> str:
    folded = unicodedata.normalize("NFKD", text.replace("'", "")).encode("ascii", "ignore").decode()
    words = "".join(c if c.isalnum() else " " for c in folded.lower()).split()
    return separator.join(words)


def weighted_sample(
    rng: random.Random, items: Sequence[T], cum: Sequence[float], k: int
) -> list[T]:
    """`k` distinct items (fewer if there are fewer), drawn by the cumulative weights `cum`."""
    k = min(k, len(items))
    chosen: dict[T, None] = {}
    while len(chosen) < k:
        for item in rng.choices(items, cum_weights=cum, k=k - len(chosen)):
            chosen.setdefault(item, None)
    return list(chosen)


def make_organizations(rng: random.Random, count: int) -> list[Organization]:
    sectors = list(SECTOR_WEIGHTS)
    sector_cum = list(accumulate(SECTOR_WEIGHTS.values()))
    used: set[str] = set()
    organizations = []
    for number in range(count):
        sector = rng.choices(sectors, cum_weights=sector_cum)[0]
        pattern = rng.choice(NAME_PATTERNS[sector])
        base = pattern.format(brand=rng.choice(BRANDS), place=rng.choice(PLACES))
        name, suffix = base, 1
        while name.casefold() in used:
            suffix += 1
            name = f"{base} {suffix}"
        used.add(name.casefold())
        pool = SEGMENTS[sector]
        segments = tuple(rng.sample(pool, rng.randint(1, min(3, len(pool)))))
        booth = f"{'ABC'[number % 3]}{100 + number}" if sector in EXHIBITING else ""
        organizations.append(
            Organization(name, sector, segments, booth, ascii_slug(name, "-") + ".example")
        )
    return organizations


def pick_role(rng: random.Random, organization: Organization | None) -> str:
    draw = rng.random()
    sector = organization.sector if organization else ""
    if sector == "NONPROFIT" and draw < 0.15:
        return "ORGANIZER"
    if draw > (0.9 if sector in {"ACADEMIC", "GOVERNMENT", "NONPROFIT"} else 0.98):
        return "SPEAKER"
    if organization is not None and organization.booth and draw < 0.55:
        return "EXHIBITOR"
    return "ATTENDEE"


def generate_rows(
    people: int, seed: int, interests: Sequence[str], communities: Sequence[str]
) -> Iterator[list[str]]:
    """Rows in GENERATED_PEOPLE_COLUMNS order, the same for the same arguments."""
    rng = random.Random(seed)
    organizations = make_organizations(rng, max(1, people // PEOPLE_PER_ORGANIZATION))
    # Organization sizes vary (log-normal), hospitals send more people than a regulator.
    org_cum = list(
        accumulate(rng.lognormvariate(0, 0.6) * SIZE.get(org.sector, 1.0) for org in organizations)
    )
    ranked = list(interests)
    rng.shuffle(ranked)  # which interests are popular depends on the seed
    interest_cum = list(
        accumulate(1 / rank**INTEREST_ZIPF_EXPONENT for rank in range(1, len(ranked) + 1))
    )
    intents = list(INTENT_WEIGHTS)
    intent_cum = list(accumulate(INTENT_WEIGHTS.values()))
    taken: dict[str, int] = {}
    for _ in range(people):
        organization = (
            None if rng.random() < 0.01 else rng.choices(organizations, cum_weights=org_cum)[0]
        )
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        local = f"{ascii_slug(first)}.{ascii_slug(last)}"
        domain = organization.domain if organization else "mail.example"
        base = f"{local}@{domain}"
        taken[base] = taken.get(base, 0) + 1
        email = base if taken[base] == 1 else f"{local}{taken[base]}@{domain}"
        chosen = weighted_sample(rng, ranked, interest_cum, rng.randint(3, 10))
        title = rng.choice(TITLES[organization.sector if organization else "OTHER"])
        member_of = [name for name in communities if rng.random() < COMMUNITY_SHARE]
        yield [
            email,
            f"{first} {last}",
            pick_role(rng, organization),
            organization.name if organization else "",
            f"{title}, {chosen[0]}",
            LIST_SEPARATOR.join(chosen),
            LIST_SEPARATOR.join(
                weighted_sample(rng, intents, intent_cum, rng.choice(INTENT_COUNTS))
            ),
            LIST_SEPARATOR.join(
                weighted_sample(rng, intents, intent_cum, rng.choice(INTENT_COUNTS))
            ),
            "true" if rng.random() < 0.85 else "false",
            "true" if rng.random() < 0.92 else "false",
            LIST_SEPARATOR.join(member_of),
            "",
            organization.sector if organization else "",
            LIST_SEPARATOR.join(organization.segments) if organization else "",
            organization.booth if organization else "",
        ]


def write_csv(out: TextIO, rows: Iterator[list[str]]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(GENERATED_PEOPLE_COLUMNS)
    writer.writerows(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m seed_data.generate", description=__doc__)
    parser.add_argument("--people", type=int, required=True, help="number of people rows")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, help="CSV file to write (default: stdout)")
    args = parser.parse_args(argv)
    if args.people < 0:
        parser.error("--people must not be negative")
    interests = read_column(DEMO_DIR / "interests.csv", "label")
    communities = read_column(DEMO_DIR / "communities.csv", "name")
    rows = generate_rows(args.people, args.seed, interests, communities)
    if args.out is None:
        write_csv(sys.stdout, rows)
    else:
        with args.out.open("w", encoding="utf-8", newline="") as file:
            write_csv(file, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
