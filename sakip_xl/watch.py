"""The drop folder: check and annotate every workbook that appears or changes.

Polling (no extra dependency, works on network shares): a file is taken once its size and
modification time have stayed the same for one interval, i.e. it is completely written. Each
result is one line in the log; Ctrl-C stops cleanly.
"""

from __future__ import annotations

import os
import time
from datetime import datetime

from .annotate import annotate_file, dropped_note
from .messages import file_message, ui
from .pipeline import iter_inputs
from .settings import Settings


def _snapshot(folder: str, skip: str) -> dict[str, tuple[int, float]]:
    out = {}
    for path, ok in iter_inputs([folder]):
        if not ok or os.path.abspath(path).startswith(skip):
            continue
        try:
            st = os.stat(path)
        except OSError:
            continue
        out[path] = (st.st_size, st.st_mtime)
    return out


def log_line(path: str, outcome, lang: str) -> str:
    res = outcome.result
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    name = os.path.basename(path)
    if res.status == "error":
        return f"{stamp} {name}: GAGAL — {file_message(res.error or '', res.error_params, lang)}"
    if res.status == "skipped":  # sakip-xl's own rekap dropped in the folder
        return f"{stamp} {name}: DILEWATI — {file_message(res.error or '', res.error_params, lang)}"
    status = "PERLU DIPERBAIKI" if res.errors else "OK"
    written = f" → {os.path.basename(outcome.written)}" if outcome.written else ""
    failure = f" (salinan gagal: {outcome.failure})" if outcome.failure else ""
    # what the copy lacks (shapes, a merged range over the whole sheet, …), as the console says
    lacks = f" {dropped_note(outcome.dropped, lang)}" if outcome.dropped else ""
    return (f"{stamp} {name}: {status} — {res.errors} kesalahan, {res.warnings} peringatan"
            f"{written}{failure}{lacks}")


def watch_folder(folder: str, out_dir: str | None, log: str | None, interval: float,
                 once: bool, settings: Settings, lang: str) -> None:
    out_dir = out_dir or os.path.join(folder, "diperiksa")
    os.makedirs(out_dir, exist_ok=True)
    log = log or os.path.join(folder, "sakip-xl.log")
    print(ui("watch-start", lang, folder=folder, log=log), flush=True)
    done: dict[str, tuple[int, float]] = {}
    pending: dict[str, tuple[int, float]] = {}
    skip = os.path.abspath(out_dir)
    try:
        while True:
            now = _snapshot(folder, skip)
            ready = []
            for path, sig in now.items():
                if done.get(path) == sig:
                    continue
                if pending.get(path) == sig or once:
                    ready.append(path)  # unchanged for one interval: completely written
                pending[path] = sig
            for path in ready:
                outcome = annotate_file(path, settings, out_dir, lang)
                line = log_line(path, outcome, lang)
                print(line, flush=True)
                with open(log, "a", encoding="utf-8") as fh:
                    fh.write(line + "\n")
                done[path] = now[path]
                pending.pop(path, None)
            if once:
                break
            time.sleep(interval)
    except KeyboardInterrupt:
        print(ui("watch-stop", lang), flush=True)
