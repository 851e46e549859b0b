"""A realistic folder of OPD T-C.29 workbooks for the benchmark.

Each file is one OPD: a program / kegiatan / sub kegiatan tree with unique kode (long form,
Kepmendagri 050-5889), budgets that add up, quarters that add up to the annual realisasi,
capaian rounded to two decimals, footers (rata-rata, predikat) and a signature block — and what
hand-typed files have: a share of rupiah written as ``Rp. 1.234.567,-``, capaian as ``98,82%``,
counts as ``12 Dokumen``, continuation indicator rows, a few planted mistakes, and text in the
penanggung-jawab column that starts with ``=``, ``+``, ``-`` or ``@``. Deterministic: the same
arguments give the same files.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.builders import write_tc29  # noqa: E402

OPD = ("Dinas Pendidikan", "Dinas Kesehatan", "Dinas Sosial", "Dinas Pekerjaan Umum dan "
       "Penataan Ruang", "Dinas Perhubungan", "Dinas Lingkungan Hidup", "Badan Perencanaan "
       "Pembangunan Daerah", "Dinas Pertanian", "Dinas Koperasi dan UKM", "Badan Kepegawaian "
       "dan Pengembangan SDM", "Dinas Kependudukan dan Pencatatan Sipil", "Satuan Polisi Pamong "
       "Praja")
UNITS = (("Dokumen", False), ("Orang", False), ("Unit", False), ("Laporan", False),
         ("Paket", False), ("Kegiatan", False), ("%", True), ("Persen", True))
WORDS = ("Penyediaan", "Pengelolaan", "Pembinaan", "Peningkatan", "Koordinasi", "Penyusunan",
         "Pelaksanaan", "Pengembangan", "Fasilitasi", "Pemeliharaan")
OBJECTS = ("Sarana dan Prasarana", "Data dan Informasi", "Kapasitas Aparatur", "Layanan Dasar",
           "Dokumen Perencanaan", "Kelompok Masyarakat", "Jaringan Irigasi", "Pasar Rakyat",
           "Administrasi Keuangan", "Sistem Informasi")
PREDIKAT = ((91, "Sangat Tinggi"), (76, "Tinggi"), (66, "Sedang"), (51, "Rendah"),
            (0, "Sangat Rendah"))
RP_KEYS = ("target_renstra_rp", "realisasi_lalu_rp", "target_rp", "tw1_rp", "tw2_rp", "tw3_rp",
           "tw4_rp", "realisasi_rp", "realisasi_renstra_rp")


def _rupiah(x: float) -> str:
    return "Rp. " + f"{round(x):,}".replace(",", ".") + ",-"


def _percent(x: float) -> str:
    return f"{x:.2f}".replace(".", ",") + "%"


def _predikat(x: float) -> str:
    return next(label for bound, label in PREDIKAT if x >= bound)


def _sub(rng: random.Random, kode: str) -> list[dict[str, Any]]:
    unit, pct = rng.choice(UNITS)
    name = f"{rng.choice(WORDS)} {rng.choice(OBJECTS)}"
    t_ren = rng.randint(60, 100) if pct else rng.randint(4, 400)
    t_k = rng.randint(50, 100) if pct else max(1, t_ren // rng.randint(3, 5))
    lalu_k = rng.randint(30, 90) if pct else rng.randint(0, t_ren - t_k)
    if pct:
        last = round(t_k * rng.uniform(0.6, 1.1), 2)
        qk = sorted(round(last * f, 2) for f in (rng.uniform(0.1, 0.4), rng.uniform(0.4, 0.7),
                                                 rng.uniform(0.7, 0.95)))
        qk.append(last)
        real_k, ren_k = last, last
    else:
        real = max(1, round(t_k * rng.uniform(0.6, 1.1)))
        cuts = sorted(rng.randint(0, real) for _ in range(3))
        qk = [cuts[0], cuts[1] - cuts[0], cuts[2] - cuts[1], real - cuts[2]]
        real_k, ren_k = real, lalu_k + real
    t_rp = rng.randint(20, 900) * 1_000_000 + rng.randint(0, 999) * 1000
    qrp = [round(t_rp * f, 0) for f in (rng.uniform(0.05, 0.2), rng.uniform(0.15, 0.3),
                                        rng.uniform(0.15, 0.3), rng.uniform(0.1, 0.3))]
    rp_ren = t_rp * rng.randint(4, 5)
    lalu_rp = t_rp * rng.randint(1, 3)
    real_rp = sum(qrp)
    row = {"kode": kode, "uraian": name, "indikator": f"Jumlah {name.lower()}" if not pct
           else f"Persentase {name.lower()} yang terlaksana", "satuan": unit,
           "target_renstra_k": t_ren, "target_renstra_rp": rp_ren,
           "realisasi_lalu_k": lalu_k, "realisasi_lalu_rp": lalu_rp, "target_k": t_k,
           "target_rp": t_rp, "realisasi_k": real_k, "realisasi_rp": real_rp,
           "realisasi_renstra_k": ren_k, "realisasi_renstra_rp": lalu_rp + real_rp,
           "capaian_k": round(real_k / t_k * 100, 2), "capaian_rp": round(real_rp / t_rp * 100, 2),
           "capaian_renstra_k": round(ren_k / t_ren * 100, 2),
           "capaian_renstra_rp": round((lalu_rp + real_rp) / rp_ren * 100, 2),
           "unit": rng.choice(("Sekretariat", "Bidang Program", "Bidang Layanan", "UPTD"))}
    for q in range(4):
        row[f"tw{q + 1}_k"] = qk[q]
        row[f"tw{q + 1}_rp"] = qrp[q]
    row["predikat"] = _predikat(row["capaian_k"])
    rows = [row]
    if rng.random() < 0.15:  # a second indicator on the next row (no kode, no name)
        t = rng.randint(4, 12)
        q = [rng.randint(0, t // 4) for _ in range(4)]
        rows.append({"indikator": f"Jumlah laporan {name.lower()}", "satuan": "Laporan",
                     "target_k": t, **{f"tw{i + 1}_k": q[i] for i in range(4)},
                     "realisasi_k": sum(q), "capaian_k": round(sum(q) / t * 100, 2)})
    return rows


def _parent(kode: str, uraian: str, children: list[dict[str, Any]]) -> dict[str, Any]:
    row: dict[str, Any] = {"kode": kode, "uraian": uraian}
    for key in RP_KEYS:
        row[key] = sum(c[key] for c in children if "kode" in c)
    row["capaian_rp"] = round(row["realisasi_rp"] / row["target_rp"] * 100, 2)
    row["capaian_renstra_rp"] = round(row["realisasi_renstra_rp"] / row["target_renstra_rp"]
                                      * 100, 2)
    return row


def _dress(rng: random.Random, row: dict[str, Any]) -> dict[str, Any]:
    """Write some values the way OPD staff type them."""
    out = dict(row)
    for key, value in row.items():
        if not isinstance(value, (int, float)):
            continue
        r = rng.random()
        if key.endswith("_rp") and not key.startswith("capaian") and r < 0.3:
            out[key] = _rupiah(value)
        elif key.startswith("capaian") and r < 0.4:
            out[key] = _percent(value)
        elif key.endswith("_k") and not key.startswith("capaian") and r < 0.1 and row.get(
                "satuan") not in ("%", "Persen"):
            out[key] = f"{int(value)} {row['satuan']}"
    if rng.random() < 0.02 and isinstance(out.get("unit"), str):
        out["unit"] = rng.choice(("=Bidang Program", "+UPTD", "-", "@Sekretariat"))
    return out


def _plant(rng: random.Random, row: dict[str, Any]) -> None:
    """The mistakes hand-typed files have: a quarter typed wrong, a capaian off."""
    r = rng.random()
    if r < 0.02 and isinstance(row.get("tw2_rp"), (int, float)):
        row["tw2_rp"] = row["tw2_rp"] + rng.choice((1_000_000, -500_000, 10_000_000))
        row["_planted"] = "tw2_rp"
    elif r < 0.04 and isinstance(row.get("capaian_k"), (int, float)):
        row["capaian_k"] = round(row["capaian_k"] + rng.choice((1.5, -2.0, 10.0)), 2)
        row["_planted"] = "capaian_k"


def opd_tree(index: int, rows: int) -> list[dict[str, Any]]:
    """The true rows of one OPD (planted mistakes included), then the JUMLAH row."""
    rng = random.Random(index)
    out: list[dict[str, Any]] = []
    programs: list[dict[str, Any]] = []
    p = 0
    while len(out) < rows - 1:
        p += 1
        prog_kode = f"{rng.randint(1, 2)}.{rng.randint(1, 20):02d}.{p:02d}"
        block: list[dict[str, Any]] = []
        kegiatan: list[dict[str, Any]] = []
        for k in range(1, rng.randint(2, 4) + 1):
            keg_kode = f"{prog_kode}.2.{k:02d}"
            subs: list[dict[str, Any]] = []
            for s in range(1, rng.randint(2, 6) + 1):
                subs += _sub(rng, f"{keg_kode}.{s:04d}")
            keg = _parent(keg_kode, f"{rng.choice(WORDS)} {rng.choice(OBJECTS)}", subs)
            kegiatan.append(keg)
            block += [keg, *subs]
        prog = _parent(prog_kode, f"PROGRAM {rng.choice(WORDS).upper()} "
                                  f"{rng.choice(OBJECTS).upper()}", kegiatan)
        t = rng.randint(70, 100)
        q = [*sorted(round(t * f, 2) for f in (0.3, 0.5, 0.8)),
             round(t * rng.uniform(0.8, 1.05), 2)]
        prog.update({"indikator": "Persentase capaian sasaran program", "satuan": "%",
                     "target_k": t, **{f"tw{i + 1}_k": q[i] for i in range(4)},
                     "realisasi_k": q[3], "capaian_k": round(q[3] / t * 100, 2)})
        prog["predikat"] = _predikat(prog["capaian_k"])
        programs.append(prog)
        out += [prog, *block]
    total = {"uraian": "JUMLAH", **{k: sum(p_[k] for p_ in programs) for k in RP_KEYS}}
    for row in out:
        _plant(rng, row)
    return [*out, total]


def opd_rows(index: int, rows: int) -> list[dict[str, Any]]:
    """The rows of one OPD as staff type them (some values as text)."""
    rng = random.Random(index + 1_000_003)
    *out, total = opd_tree(index, rows)
    return [_dress(rng, row) for row in out] + [total]


def build(folder: Path, files: int, rows: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(files):
        path = folder / f"opd-{i:03d}.xlsx"
        if not path.exists():
            data = opd_rows(i, rows)
            caps = [r["capaian_k"] for r in data if isinstance(r.get("capaian_k"), float)]
            mean = round(sum(caps) / len(caps), 2) if caps else 0
            write_tc29(path, data, title=(
                "TABEL T-C.29", "Evaluasi Hasil Pelaksanaan Renja Perangkat Daerah",
                f"{OPD[i % len(OPD)]} Kabupaten Contoh {i // len(OPD) + 1}",
                "Triwulan IV Tahun 2025"),
                footers=(("Rata-rata capaian kinerja (%)", {"capaian_k": mean}),
                         ("Predikat kinerja", {"capaian_k": _predikat(mean)})),
                formats={**{k: "#,##0" for k in RP_KEYS}, "capaian_k": "0.00",
                         "capaian_rp": "0.00"})
        paths.append(path)
    return paths
