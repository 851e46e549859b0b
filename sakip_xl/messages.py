"""What users read: Bahasa Indonesia by default, English with ``--lang en``."""

from __future__ import annotations

from functools import lru_cache

from .model import Finding

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Any

FINDINGS: dict[str, tuple[str, str]] = {
    "unparseable": (
        "Isi sel «{actual}» tidak dapat dibaca sebagai angka; perbaiki penulisannya.",
        "Cell text «{actual}» cannot be read as a number; fix how it is written.",
    ),
    "number-format": (
        "Penulisan angka «{actual}» tidak baku (pemisah ribuan tidak teratur); dibaca sebagai "
        "{expected}.",
        "Number «{actual}» has irregular digit grouping; read as {expected}.",
    ),
    "sum-mismatch": (
        "Jumlah tidak sesuai: tertulis {actual}, seharusnya {expected} ({formula}).",
        "Sum does not match: stated {actual}, expected {expected} ({formula}).",
    ),
    "cumulative-mismatch": (
        "Realisasi kumulatif tidak sesuai: tertulis {actual}, seharusnya {expected} ({formula}).",
        "Cumulative realisation does not match: stated {actual}, expected {expected} "
        "({formula}).",
    ),
    "capaian-mismatch": (
        "Capaian tidak sesuai: tertulis {actual}, hasil hitung {expected} ({formula}).",
        "Achievement does not match: stated {actual}, recomputed {expected} ({formula}).",
    ),
    "total-mismatch": (
        "Nilai {level} tidak sama dengan jumlah {children} baris di bawahnya: tertulis {actual}, "
        "jumlahnya {expected}.",
        "The {level} value is not the sum of its {children} child rows: stated {actual}, "
        "sum {expected}.",
    ),
    "predikat-mismatch": (
        "Predikat «{actual}» tidak sesuai untuk capaian {value}; seharusnya «{expected}».",
        "Rating «{actual}» does not fit achievement {value}; expected «{expected}».",
    ),
    "predikat-unknown": (
        "Predikat «{actual}» tidak dikenal pada skala {scale}; atur skalanya di sakip-xl.yaml.",
        "Rating «{actual}» is not on the {scale} scale; configure the scale in sakip-xl.yaml.",
    ),
    "realisasi-exceeds-target": (
        "Realisasi anggaran {actual} melebihi target/pagu {expected}.",
        "Budget realisation {actual} exceeds the target/ceiling {expected}.",
    ),
    "target-zero": (
        "Target bernilai 0 padahal realisasinya {realisasi}; periksa targetnya.",
        "Target is 0 while realisation is {realisasi}; check the target.",
    ),
    "missing-value": (
        "Sel wajib ({field}) kosong.",
        "A required cell ({field}) is empty.",
    ),
    "duplicate-code": (
        "Kode {actual} sudah dipakai di baris {first_row}.",
        "Code {actual} is already used in row {first_row}.",
    ),
    "code-hierarchy": (
        "Kode {actual} tidak punya induk {expected} di atasnya.",
        "Code {actual} has no parent {expected} above it.",
    ),
    "unit-mismatch": (
        "Satuan berubah dalam satu baris: «{actual}», sebelumnya «{expected}».",
        "Unit changes within the row: «{actual}», earlier «{expected}».",
    ),
    "capaian-outlier": (
        "Capaian {actual}% di luar kewajaran (di atas {bound}% atau di bawah 0%); target mungkin "
        "keliru.",
        "Achievement {actual}% is implausible (above {bound}% or below 0%); the target may be "
        "wrong.",
    ),
    "computed": (
        "Sel kosong diisi sakip-xl: {expected} ({formula}).",
        "Empty cell filled in by sakip-xl: {expected} ({formula}).",
    ),
    "formula-not-evaluated": (
        "Rumus «{actual}» tidak punya nilai tersimpan dan tidak dapat dihitung; dianggap kosong. "
        "Buka dan simpan ulang file di Excel.",
        "Formula «{actual}» has no saved value and cannot be evaluated; treated as empty. Open "
        "and save the file in Excel.",
    ),
    "polarity-inferred": (
        "Capaian dihitung dengan rumus polaritas negatif ({expected}); isi kolom polaritas agar "
        "jelas.",
        "Achievement follows the negative-polarity formula ({expected}); add a polarity column.",
    ),
    "quarter-target-mismatch": (
        "Target tahunan {actual} tidak sama dengan jumlah target triwulan {expected}.",
        "Annual target {actual} is not the sum of the quarterly targets {expected}.",
    ),
    "efisiensi-mismatch": (
        "Tingkat efisiensi tidak sesuai rumus yang dipakai baris lain tabel ini: tertulis "
        "{actual}, hasil hitung {expected} ({formula}).",
        "Efficiency does not follow the formula the table's other rows use: stated {actual}, "
        "recomputed {expected} ({formula}).",
    ),
    "grade-capaian": (
        "Capaian {actual}% padahal nilai {realisasi} belum mencapai target {target}.",
        "Achievement {actual}% although grade {realisasi} did not reach target {target}.",
    ),
}

FILE_ERRORS: dict[str, tuple[str, str]] = {
    "encrypted": (
        "File dilindungi kata sandi. Buka di Excel, pilih File > Info > Protect Workbook > "
        "Encrypt with Password, kosongkan kata sandinya, simpan, lalu periksa lagi.",
        "The file is password-protected. Open it in Excel, File > Info > Protect Workbook > "
        "Encrypt with Password, clear the password, save, and check again.",
    ),
    "corrupt": (
        "File rusak atau terpotong dan tidak dapat dibaca ({detail}). Simpan ulang dari Excel.",
        "The file is damaged or truncated and cannot be read ({detail}). Save it again from "
        "Excel.",
    ),
    "crashed": (
        "Pembaca berhenti mendadak pada file ini (kemungkinan rusak). Simpan ulang dari Excel; "
        "file lain tetap diperiksa.",
        "The reader stopped abruptly on this file (it is probably damaged). Save it again from "
        "Excel; the other files are still checked.",
    ),
    "sheet-too-large": (
        "Ada lembar yang terlalu luas untuk dibaca: sel berisi jauh di luar tabel (mis. "
        "di kolom XFD atau baris 1.048.576). Hapus sel-sel itu (Ctrl+End menunjukkan sel "
        "terakhir), simpan, lalu periksa lagi.",
        "A sheet is too wide to read: a filled cell lies far outside the table (e.g. "
        "in column XFD or row 1,048,576). Delete those cells (Ctrl+End shows the last one), "
        "save, and check again.",
    ),
    "own-rekap": ("Rekap buatan sakip-xl, bukan workbook OPD: tidak diperiksa dan tidak ikut "
                  "direkap.",
                  "A rekap made by sakip-xl, not an OPD workbook: not checked, not consolidated."),
    "empty-file": ("File kosong (0 byte).", "The file is empty (0 bytes)."),
    "empty-workbook": (
        "Workbook tidak berisi data pada lembar yang terlihat.",
        "The workbook holds no data on its visible sheets.",
    ),
    "no-table": (
        "Tidak ditemukan tabel yang dikenal. Yang dicari: {layouts}. Pastikan baris judul "
        "kolom (mis. «Indikator», «Target», «Realisasi», «Triwulan») ada.",
        "No known table found. Looked for: {layouts}. Make sure the column header row (e.g. "
        "«Indikator», «Target», «Realisasi», «Triwulan») is there.",
    ),
    "not-spreadsheet": (
        "Bukan file spreadsheet (xlsx, xls, ods).",
        "Not a spreadsheet file (xlsx, xls, ods).",
    ),
    "unreadable": ("File tidak dapat dibuka: {detail}.", "The file cannot be opened: {detail}."),
    "zip-too-large": (
        "File ditolak: isinya membengkak menjadi {size_mb} MB, melebihi batas {cap_mb} MB "
        "(perlindungan dari zip bomb).",
        "File refused: it inflates to {size_mb} MB, above the {cap_mb} MB cap (zip-bomb "
        "protection).",
    ),
    "zip-bomb": (
        "File ditolak: bagian {part} mengembang tidak wajar (zip bomb); batas total {cap_mb} MB.",
        "File refused: part {part} inflates abnormally (zip bomb); total cap {cap_mb} MB.",
    ),
    "zip-too-many-parts": (
        "File ditolak: berisi {parts} bagian, melebihi batas {cap}.",
        "File refused: it has {parts} parts, above the cap of {cap}.",
    ),
    "unsafe-xml": (
        "File ditolak: XML di dalamnya memuat deklarasi entitas ({detail}) yang dapat dipakai "
        "untuk serangan. Simpan ulang file dari Excel.",
        "File refused: its XML declares entities ({detail}), which can be used for attacks. "
        "Save the file again from Excel.",
    ),
    "too-large": (
        "File terlalu besar untuk dibaca.",
        "The file is too large to read.",
    ),
}

UI: dict[str, tuple[str, str]] = {
    "summary": ("{files} file diperiksa: {errors} kesalahan, {warnings} peringatan.",
                "{files} files checked: {errors} errors, {warnings} warnings."),
    "no-findings": ("Tidak ada temuan.", "No findings."),
    "file-ok": ("tabel: {tables}", "tables: {tables}"),
    "table-desc": ("{sheet}: {layout} ({rows} baris)", "{sheet}: {layout} ({rows} rows)"),
    "error": ("kesalahan", "error"),
    "warning": ("peringatan", "warning"),
    "info": ("info", "info"),
    "col-cell": ("Sel", "Cell"),
    "col-sheet": ("Lembar", "Sheet"),
    "col-code": ("Kode", "Code"),
    "col-severity": ("Tingkat", "Severity"),
    "col-message": ("Pesan", "Message"),
    "col-file": ("File", "File"),
    "col-actual": ("Tertulis", "Stated"),
    "col-expected": ("Seharusnya", "Expected"),
    "col-formula": ("Rumus", "Formula"),
    "annotated": ("Salinan bertanda ditulis: {path}", "Annotated copy written: {path}"),
    "annotate-xls": (
        "{path} berformat lama (.{fmt}); salinan bertanda ditulis sebagai .xlsx: {out}",
        "{path} is a legacy .{fmt} file; the annotated copy is written as .xlsx: {out}",
    ),
    "annotate-failed": ("Gagal menulis salinan untuk {path}: {detail}",
                        "Could not write the copy for {path}: {detail}"),
    "annotate-unopenable": (
        "file tidak dapat dibuka untuk ditandai ({detail}); temuan di atas tetap berlaku. "
        "Simpan ulang dari Excel lalu ulangi.",
        "the file cannot be opened for marking ({detail}); the findings above still hold. "
        "Save it again from Excel and retry.",
    ),
    "annotate-dropped": (
        "Catatan: salinan ini tidak memuat {features}; file aslinya tetap utuh.",
        "Note: this copy does not carry {features}; the original file keeps them.",
    ),
    "dropped-validation": ("daftar pilihan (validasi data) versi Excel 2010 ke atas",
                           "Excel 2010+ data validation lists"),
    "dropped-conditional": ("format bersyarat versi Excel 2010 ke atas (data bar, ikon)",
                            "Excel 2010+ conditional formats (data bars, icons)"),
    "dropped-extension": ("fitur Excel lain yang tidak didukung (mis. sparkline, slicer)",
                          "other Excel features it does not support (e.g. sparklines, slicers)"),
    "dropped-merge": ("sel gabungan yang sangat luas (lebih dari 2 juta sel, mis. selebar "
                      "seluruh lembar)", "merged ranges of more than 2 million cells (e.g. "
                      "a whole sheet)"),
    "dropped-chart": ("grafik yang tidak dapat dibaca", "a chart it could not read"),
    "dropped-shapes": ("bentuk dan kotak teks (gambar dan grafik tetap ada)",
                       "shapes and text boxes (pictures and charts are kept)"),
    "dropped-sheet": ("sheet yang datanya di workbook.xml tidak lengkap",
                      "a sheet whose entry in workbook.xml is incomplete"),
    "rekap-written": ("Rekap ditulis: {path}", "Consolidated workbook written: {path}"),
    "data-written": ("Data ditulis: {path}", "Data written: {path}"),
    "rekap-unreadable": (
        "{count} file tidak dapat dibaca; tercantum di Ringkasan dan Temuan dengan sebabnya: "
        "{files}",
        "{count} file(s) could not be read; Ringkasan and Temuan list them with the reason: "
        "{files}",
    ),
    "template-written": ("Templat ditulis: {path}", "Template written: {path}"),
    "no-input": ("Tidak ada file spreadsheet pada {paths}.", "No spreadsheet files in {paths}."),
    "bad-config": ("Berkas konfigurasi {path} tidak valid: {detail}",
                   "Configuration file {path} is invalid: {detail}"),
    "not-found": ("Tidak ditemukan: {path}", "Not found: {path}"),
    "output-locked": (
        "{path} tidak dapat ditimpa: file itu sedang terbuka (mis. di Excel) atau terkunci. "
        "Tutup file itu lalu jalankan lagi.",
        "{path} cannot be replaced: it is open (e.g. in Excel) or locked. Close it and run "
        "again.",
    ),
    "folder-not-writable": ("folder tidak dapat ditulisi ({detail})",
                            "the folder cannot be written to ({detail})"),
    "parquet-missing": ("--data .parquet memerlukan pyarrow, yang belum terpasang: "
                        "pip install pyarrow (atau tulis .csv)",
                        "--data .parquet needs pyarrow, which is not installed: "
                        "pip install pyarrow (or write .csv)"),
    "dask-missing": ("--executor dask memerlukan Dask, yang belum terpasang: "
                     "pip install \"sakip-xl[dask]\"",
                     "--executor dask needs Dask, which is not installed: "
                     "pip install \"sakip-xl[dask]\""),
    "dask-unreachable": ("Scheduler Dask {address} tidak dapat dihubungi: {detail}",
                         "The Dask scheduler {address} cannot be reached: {detail}"),
    "output-failed": ("Keluaran tidak dapat ditulis: {detail}",
                      "The output could not be written: {detail}"),
    "watch-start": (
        "Memantau folder {folder} (tekan Ctrl-C untuk berhenti). Log: {log}",
        "Watching {folder} (press Ctrl-C to stop). Log: {log}",
    ),
    "watch-stop": ("Pemantauan dihentikan.", "Watching stopped."),
}


def _lang_index(lang: str) -> int:
    return 1 if lang == "en" else 0


SHOWN_TEXT = 120  # characters of an input text a message quotes


def _fmt(value: Any) -> str:
    """A value as a finding says it: 1.234.567 and 1.234.567,89 for amounts, 98,82 and 0,5
    below a thousand, "–" for none."""
    if isinstance(value, float):
        if abs(value) >= 1000:
            if value.is_integer():
                return _grouped(str(int(value)))
            whole, frac = f"{value:.2f}".split(".")
            return _grouped(whole) + "," + frac
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return text.replace(".", ",")
    if value is None:
        return "–"
    text = str(value)  # a cell's text or a formula, cut for reading (the JSON keeps it whole)
    return text if len(text) <= SHOWN_TEXT else text[:SHOWN_TEXT - 1] + "…"


def _grouped(digits: str) -> str:
    """Whole digits (a "-" before them allowed) with a dot between each three: what
    ``f"{x:,}".replace(",", ".")`` gives, cut by hand (cheaper than formatting with grouping
    and replacing, for each amount of thousands of findings)."""
    sign = ""
    if digits.startswith("-"):
        sign, digits = "-", digits[1:]
    head = len(digits) % 3 or 3
    parts = [digits[:head]]
    for i in range(head, len(digits), 3):
        parts.append(digits[i:i + 3])
    return sign + ".".join(parts)


_LEVEL_NAMES = {"subkegiatan": "sub kegiatan", "total": "jumlah"}  # how Indonesian says them


@lru_cache(maxsize=256)
def _template(code: str, lang: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A finding code's message template cut at its fields: the texts around them and the
    names they fill in, one more text than names (worked out once: a report of thousands of
    findings writes each; joining the pieces costs a tenth of ``str.format_map`` parsing the
    template again every time). The templates hold plain ``{name}`` fields only."""
    template = FINDINGS.get(code, (code, code))[_lang_index(lang)]
    parts = template.split("{")
    texts, names = [parts[0]], []
    for part in parts[1:]:
        name, _, text = part.partition("}")
        names.append(name)
        texts.append(text)
    return tuple(texts), tuple(names)


def finding_message(f: Finding, lang: str = "id") -> str:
    """The finding in words: its template filled with the stated and expected values and its
    params, each written the Indonesian way (``_fmt``); a name the finding does not give is
    left blank."""
    texts, names = _template(f.code, lang)
    given = dict(f.params)
    out = [texts[0]]
    for i, name in enumerate(names):
        if name in given:
            value = given[name]
            if name == "level" and lang != "en" and value:
                out.append(str(_LEVEL_NAMES.get(value, value)))
                out.append(texts[i + 1])
                continue
        elif name == "expected":
            value = f.expected
        elif name == "actual":
            value = f.actual
        else:
            out.append(texts[i + 1])  # blank
            continue
        out.append(_fmt(value))
        out.append(texts[i + 1])
    return "".join(out)


def file_message(key: str, params: dict[str, Any], lang: str = "id") -> str:
    template = FILE_ERRORS.get(key, (key, key))[_lang_index(lang)]
    safe = {k: _fmt(v) for k, v in params.items()}
    try:
        return template.format(**safe)
    except (KeyError, IndexError):
        return template


def ui(key: str, lang: str = "id", **params: Any) -> str:
    return UI[key][_lang_index(lang)].format(**params)


def severity_label(severity: str, lang: str = "id") -> str:
    return ui(severity, lang)
