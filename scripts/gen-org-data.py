#!/usr/bin/env python3
"""Generates the organisation data committed under data/orgs/ (baocao-org/1 JSON).

Run by developers, not at build time; the outputs are committed so the product never reads
/work/shared at run time. Standard library only.

    python3 scripts/gen-org-data.py [--src /work/shared/data/admin-units] [--out data/orgs]

Outputs:
  vn-2025.json    the whole country: 34 provinces + 3,321 communes in force since 2025-07-01,
                  the pre-2025 tree (63 provinces, 696 districts, 10,035 communes) as historic
                  units (valid_to 2025-06-30) and successor links old -> new.
  demo-hcmc.json  Ho Chi Minh City after 2025-07-01 with its agencies, divisions, public-service
                  units, vertical agencies, 168 communes, and as historic units the pre-2025
                  HCMC, Binh Duong and Ba Ria - Vung Tau trees with successor links.
  LICENSE-*       the source licences.

Code rule (codes are globally unique in the product): a unit in force keeps its official GSO
code; a historic unit gets "H" + its official code (H00004, H760, H74), except an old province
that continues under the same code and the same name (01 Ha Noi, 79 Ho Chi Minh City...), which
IS the current unit. Every administrative unit of demo-hcmc.json is identical to the one in
vn-2025.json, so both files can be imported into one database.

See docs/data-sources.md for sources, decisions and known discrepancies.
"""

import argparse
import json
import os
import re
import shutil
import sys
import unicodedata

CUTOVER_FROM = "2025-07-01"
CUTOVER_TO = "2025-06-30"

# Commune codes where the sources disagree; see docs/data-sources.md.
#  - Xã Ba Chẽ (Quảng Ninh): 1027/CTK-CSCL says 06970; the thanglequoc build we copy says 06978,
#    which upstream later reverted to 06970 (thanglequoc/vietnamese-provinces-database#197, #202).
#  - Xã Ia Mơ (Gia Lai): 1027/CTK-CSCL says 23737, which is the code of the old Xã Ia Mơ Nông
#    (merged into Xã Ia Ly); the new Xã Ia Mơ is formed only from the old Xã Ia Mơ 23938 and the
#    thanglequoc data (following 19/2025/QĐ-TTg) uses 23938. We use 23938.
CURRENT_CODE_FIX = {"06978": "06970"}          # thanglequoc code -> code used here
MERGES_NEW_ID_FIX = {"23737": "23938"}         # merges.json level2_id -> code used here


def nfc(s):
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", s).strip())


def tone_key(s):
    """Name comparison key that ignores old/new tone placement (Hoà/Hòa) and case."""
    s = nfc(s)
    for a, b in (("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"),
                 ("uỳ", "ùy"), ("uý", "úy"), ("uỷ", "ủy"), ("uỹ", "ũy"), ("uỵ", "ụy")):
        s = s.replace(a, b)
    return s.lower()


def cap_first(s):
    return s[:1].upper() + s[1:]


def unit(code, name, typ, parent, valid_from=None, valid_to=None):
    return {"code": code, "name": nfc(name), "type": typ, "parent_code": parent,
            "valid_from": valid_from, "valid_to": valid_to}


def link(frm, to, kind, share):
    return {"from_code": frm, "to_code": to, "kind": kind, "share": share,
            "effective": CUTOVER_FROM}


def load_sources(src):
    with open(os.path.join(src, "current/vn_units_full.json"), encoding="utf-8") as f:
        current = json.load(f)
    with open(os.path.join(src, "pre-2025/vn_units_simplified_v2.4.1.json"), encoding="utf-8") as f:
        pre = json.load(f)
    with open(os.path.join(src, "mapping-2025/merges.json"), encoding="utf-8") as f:
        merges = json.load(f)["data"]
    official = {}
    with open(os.path.join(src, "mapping-2025/1027_CTK-CSCL.md"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\|\s*(\d+)\s*\|\s*(\d{5})\s*\|\s*(.*?)\s*\|\s*(.*?)\s*\|", line)
            if m:
                official[m.group(2)] = (nfc(re.sub(r"<br>", " ", m.group(3))),
                                        nfc(re.sub(r"<br>", " ", m.group(4))))
    return current, pre, merges, official


class Builder:
    def __init__(self, current, pre, merges, official, report):
        self.report = report
        self.official = official
        # --- current (in force since 2025-07-01) ---
        self.cur_provinces = []          # unit dicts
        self.cur_communes = {}           # code -> unit dict
        self.cur_communes_by_prov = {}   # province code -> [codes]
        for p in current:
            pc = p["Code"]
            self.cur_provinces.append((pc, p))
            lst = []
            for w in p["Wards"]:
                code = CURRENT_CODE_FIX.get(w["Code"], w["Code"])
                name = cap_first(nfc(w["FullName"]))
                self.cur_communes[code] = unit(code, name, "commune", pc, CUTOVER_FROM, None)
                lst.append(code)
            self.cur_communes_by_prov[pc] = lst
        # --- pre-2025 ---
        self.old_prov = {p["Code"]: p for p in pre}
        self.old_dist = {}     # code -> (district, province code)
        self.old_comm = {}     # code -> (ward, district code, province code)
        for p in pre:
            for d in p["District"]:
                self.old_dist[d["Code"]] = (d, p["Code"])
                for w in d["Ward"] or []:
                    self.old_comm[w["Code"]] = (w, d["Code"], p["Code"])
        cur_prov = dict(self.cur_provinces)
        # An old province continues as the current unit when code and name are the same.
        self.continuing = {c for c, p in self.old_prov.items()
                           if c in cur_prov and tone_key(p["Name"]) == tone_key(cur_prov[c]["Name"])}
        self.merges = merges
        self._build_links()

    # Codes of historic units.
    def prov_code(self, old_code):
        return old_code if old_code in self.continuing else "H" + old_code

    @staticmethod
    def hist_code(old_code):
        return "H" + old_code

    def _build_links(self):
        self.prov_links = []   # (from, to)
        self.comm_links = []   # link dicts
        refs = []              # (new code, old id, old name, type)
        for x in self.merges:
            for m in x["merges"]:
                if m["old_id"] not in self.continuing or m["old_id"] != x["level1_id"]:
                    self.prov_links.append(link(self.prov_code(m["old_id"]), x["level1_id"],
                                                "merge", 1.0))
            for y in x["level2s"]:
                new = MERGES_NEW_ID_FIX.get(y["level2_id"], y["level2_id"])
                if new not in self.cur_communes:
                    self.report.append(f"merges.json: new unit {new} {y['name']} not in current data")
                    continue
                off = self.official.get(y["level2_id"])
                if off and tone_key(off[0]) != tone_key(y["name"]):
                    self.report.append(f"merges.json: {y['level2_id']} named '{y['name']}', "
                                       f"1027/CTK-CSCL says '{off[0]}'")
                for m in y["merges"]:
                    refs.append((new, m["old_id"], nfc(m["name"]), m["type"]))
        dest = {}
        for new, old, _, _ in refs:
            dest.setdefault(old, set()).add(new)
        self.skipped_refs = []
        self.name_diffs = []
        seen = set()
        for new, old, name, typ in refs:
            if (old, new) in seen:
                continue
            seen.add((old, new))
            if old in self.old_comm:
                frm = self.hist_code(old)
                real = nfc(self.old_comm[old][0]["FullName"])
            elif old in self.old_dist:   # island districts without communes -> special zones
                frm = self.hist_code(old)
                real = nfc(self.old_dist[old][0]["FullName"])
            else:
                self.skipped_refs.append((new, old, name, typ))
                continue
            if tone_key(real) != tone_key(name):
                self.name_diffs.append((new, old, name, real))
            n = len(dest[old])
            if typ == "full":
                if n != 1:
                    self.report.append(f"merges.json: {old} 'full' but goes to {sorted(dest[old])}")
                self.comm_links.append(link(frm, new, "merge", 1.0))
            else:
                if n == 1:
                    self.report.append(f"merges.json: {old} 'partial' but goes only to {new}")
                self.comm_links.append(link(frm, new, "split", round(1.0 / n, 6)))

    # ---- unit lists ----
    def current_units(self, provinces=None):
        out = []
        for pc, p in self.cur_provinces:
            if provinces and pc not in provinces:
                continue
            vf = None if pc in self.continuing else CUTOVER_FROM
            out.append(unit(pc, p["FullName"], "province", None, vf, None))
        for pc, _ in self.cur_provinces:
            if provinces and pc not in provinces:
                continue
            out.extend(self.cur_communes[c] for c in self.cur_communes_by_prov[pc])
        return out

    def historic_units(self, provinces=None):
        """Old provinces (H-code unless continuing), their districts and communes, parent first."""
        sel = [c for c in self.old_prov if not provinces or c in provinces]
        out = []
        for c in sel:
            if c not in self.continuing:
                out.append(unit(self.prov_code(c), self.old_prov[c]["FullName"], "province", None,
                                None, CUTOVER_TO))
        for c in sel:
            for d in self.old_prov[c]["District"]:
                out.append(unit(self.hist_code(d["Code"]), d["FullName"], "district",
                                self.prov_code(c), None, CUTOVER_TO))
        for c in sel:
            for d in self.old_prov[c]["District"]:
                for w in d["Ward"] or []:
                    out.append(unit(self.hist_code(w["Code"]), w["FullName"], "commune",
                                    self.hist_code(d["Code"]), None, CUTOVER_TO))
        return out


# ---- Ho Chi Minh City agencies (sources in docs/data-sources.md) ----
HCMC_AGENCIES = [
    # code, name, type, parent, valid_from
    ("79.VP", "Văn phòng Ủy ban nhân dân Thành phố", "department", "79", CUTOVER_FROM),
    ("79.SNV", "Sở Nội vụ", "department", "79", CUTOVER_FROM),
    ("79.STP", "Sở Tư pháp", "department", "79", CUTOVER_FROM),
    ("79.STC", "Sở Tài chính", "department", "79", CUTOVER_FROM),
    ("79.TTR", "Thanh tra Thành phố", "department", "79", CUTOVER_FROM),
    ("79.SXD", "Sở Xây dựng", "department", "79", CUTOVER_FROM),
    ("79.SNNMT", "Sở Nông nghiệp và Môi trường", "department", "79", CUTOVER_FROM),
    ("79.SGDDT", "Sở Giáo dục và Đào tạo", "department", "79", CUTOVER_FROM),
    ("79.SYT", "Sở Y tế", "department", "79", CUTOVER_FROM),
    ("79.SATTP", "Sở An toàn thực phẩm", "department", "79", CUTOVER_FROM),
    ("79.SCT", "Sở Công Thương", "department", "79", CUTOVER_FROM),
    ("79.SKHCN", "Sở Khoa học và Công nghệ", "department", "79", CUTOVER_FROM),
    ("79.SVHTT", "Sở Văn hóa và Thể thao", "department", "79", CUTOVER_FROM),
    ("79.SDL", "Sở Du lịch", "department", "79", CUTOVER_FROM),
    ("79.SDTTG", "Sở Dân tộc và Tôn giáo", "department", "79", CUTOVER_FROM),
    ("79.BQLKCN", "Ban Quản lý các Khu chế xuất và công nghiệp Thành phố Hồ Chí Minh",
     "department", "79", "2025-07-28"),
    # divisions
    ("79.VP.TH", "Phòng Tổng hợp", "division", "79.VP", CUTOVER_FROM),
    ("79.VP.KT", "Phòng Kinh tế", "division", "79.VP", CUTOVER_FROM),
    ("79.VP.DT", "Phòng Đô thị", "division", "79.VP", CUTOVER_FROM),
    ("79.VP.VX", "Phòng Văn xã", "division", "79.VP", CUTOVER_FROM),
    ("79.STC.VP", "Văn phòng Sở", "division", "79.STC", CUTOVER_FROM),
    ("79.STC.QLNS", "Phòng Quản lý ngân sách", "division", "79.STC", CUTOVER_FROM),
    ("79.STC.TCDT", "Phòng Tài chính đầu tư", "division", "79.STC", CUTOVER_FROM),
    ("79.STC.GCS", "Phòng Quản lý giá và công sản", "division", "79.STC", CUTOVER_FROM),
    ("79.STC.DKKD", "Phòng Đăng ký kinh doanh", "division", "79.STC", CUTOVER_FROM),
    # public-service units
    ("79.VP.TTHCC", "Trung tâm Phục vụ hành chính công Thành phố", "public_service", "79.VP",
     CUTOVER_FROM),
    ("79.SYT.HCDC", "Trung tâm Kiểm soát bệnh tật Thành phố", "public_service", "79.SYT", None),
    ("79.SYT.BV115", "Bệnh viện Nhân dân 115", "public_service", "79.SYT", None),
    ("79.SYT.BVGD", "Bệnh viện Nhân dân Gia Định", "public_service", "79.SYT", None),
    ("79.SGDDT.LHP", "Trường Trung học phổ thông chuyên Lê Hồng Phong", "public_service",
     "79.SGDDT", None),
    # vertically-managed central agencies
    ("79.TK", "Thống kê Thành phố Hồ Chí Minh", "vertical", "79", CUTOVER_FROM),
    ("79.KBNN", "Kho bạc Nhà nước Khu vực II", "vertical", "79", None),
    ("79.BHXH", "Bảo hiểm xã hội Thành phố Hồ Chí Minh", "vertical", "79", CUTOVER_FROM),
    ("79.BHXH.TD", "Bảo hiểm xã hội cơ sở Thủ Đức", "vertical", "79.BHXH", "2025-10-01"),
    ("79.BHXH.NB", "Bảo hiểm xã hội cơ sở Nhà Bè", "vertical", "79.BHXH", "2025-10-01"),
    ("79.NHNN", "Ngân hàng Nhà nước Chi nhánh Khu vực 2", "vertical", "79", None),
    ("79.THUE", "Thuế Thành phố Hồ Chí Minh", "vertical", "79", CUTOVER_FROM),
]


def dump(path, units, links):
    codes = set()
    for u in units:
        assert u["code"] not in codes, u["code"]
        assert u["parent_code"] is None or u["parent_code"] in codes, u
        codes.add(u["code"])
    for l in links:
        assert l["from_code"] in codes and l["to_code"] in codes, l
    # One unit / link per line: small diffs when the data changes.
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write('{"format":"baocao-org/1",\n"units":[\n')
        f.write(",\n".join(json.dumps(u, ensure_ascii=False, separators=(",", ":")) for u in units))
        f.write('\n],\n"links":[\n')
        f.write(",\n".join(json.dumps(l, ensure_ascii=False, separators=(",", ":")) for l in links))
        f.write("\n]}\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", default="/work/shared/data/admin-units")
    ap.add_argument("--out", default=os.path.join(here, "..", "data", "orgs"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    report = []
    b = Builder(*load_sources(args.src), report=report)

    # ---- national file ----
    units = b.current_units() + b.historic_units()
    links = b.prov_links + b.comm_links
    dump(os.path.join(args.out, "vn-2025.json"), units, links)

    # ---- demo: Ho Chi Minh City ----
    old_hcm = {"74", "77", "79"}
    demo_units = b.current_units({"79"})
    agencies = [unit(c, n, t, p, vf, None) for c, n, t, p, vf in HCMC_AGENCIES]
    demo_units = demo_units[:1] + agencies + demo_units[1:] + b.historic_units(old_hcm)
    codes = {u["code"] for u in demo_units}
    demo_links = [l for l in links if l["to_code"] in codes and l["from_code"] in codes]
    # Spot-check: every old HCMC/BD/BR-VT unit goes into HCMC and nothing else comes in.
    for l in links:
        if (l["to_code"] in codes) != (l["from_code"] in codes):
            report.append(f"HCMC mapping crosses the city boundary: {l}")
    dump(os.path.join(args.out, "demo-hcmc.json"), demo_units, demo_links)

    for lic in ("LICENSE-dvhcvn-20250701", "LICENSE-thanglequoc-vietnamese-provinces-database"):
        shutil.copyfile(os.path.join(args.src, lic), os.path.join(args.out, lic))

    # ---- summary ----
    def count(us, typ, hist):
        return sum(1 for u in us if u["type"] == typ and (u["valid_to"] is not None) == hist)
    print(f"vn-2025.json: {len(units)} units, {len(links)} links")
    print(f"  current: {count(units, 'province', False)} provinces, "
          f"{count(units, 'commune', False)} communes")
    print(f"  historic: {count(units, 'province', True)} provinces (+{len(b.continuing)} continuing "
          f"under the same code), {count(units, 'district', True)} districts, "
          f"{count(units, 'commune', True)} communes")
    print(f"  links: {len(b.prov_links)} province merges, "
          f"{sum(1 for l in b.comm_links if l['kind'] == 'merge')} merge, "
          f"{sum(1 for l in b.comm_links if l['kind'] == 'split')} split")
    print(f"demo-hcmc.json: {len(demo_units)} units, {len(demo_links)} links")
    print(f"merges.json rows skipped (old unit not in the pre-2025 data): {len(b.skipped_refs)}")
    for r in b.skipped_refs:
        print(f"  new {r[0]} <- old {r[1]} {r[2]} ({r[3]})")
    print(f"merges.json old-unit names differing from the pre-2025 data: {len(b.name_diffs)}")
    for new, old, name, real in b.name_diffs:
        hcm = " [HCMC]" if new in codes else ""
        print(f"  {old}: merges.json '{name}' vs pre-2025 '{real}'{hcm}")
    hcm_diffs = [(c, b.cur_communes[c]["name"], b.official[c][0])
                 for c in b.cur_communes_by_prov["79"]
                 if c in b.official and tone_key(b.cur_communes[c]["name"]) != tone_key(b.official[c][0])]
    print(f"HCMC communes whose name differs from 1027/CTK-CSCL: {len(hcm_diffs)}")
    for d in hcm_diffs:
        print("  ", d)
    print(f"other findings: {len(report)}")
    for r in report:
        print("  " + r)
    return 0


if __name__ == "__main__":
    sys.exit(main())
