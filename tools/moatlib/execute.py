# execute.py: run the suite's jobs in parallel; report progress, totals, times, JUnit XML.
import concurrent.futures
import json
import shlex
import os
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET

import mkiso

from . import paths, suite

LAST_RUN = os.path.join(paths.LOGS, "last-run.json")


def last_failed():
    """The names of the jobs that failed in the previous run, or None if none is recorded."""
    try:
        with open(LAST_RUN) as f:
            return set(json.load(f)["failed"])
    except (OSError, ValueError, KeyError):
        return None


def suite_iso(jobs):
    """One GRUB ISO with an entry for each GRUB boot among jobs (None if there is none): both
    widths' kernels, each case's entry under its suite.iso_key."""
    entries = {suite.iso_key(j.case): (j.kernel, j.case.elf, shlex.split(j.case.append),
                                       j.case.args)
               for j in jobs if j.kind == "iso" and j.case and j.kernel}
    if not entries:
        return None
    os.makedirs(paths.TMP, exist_ok=True)
    fd, path = tempfile.mkstemp(prefix="suite-", suffix=".iso", dir=paths.TMP)
    os.close(fd)                       # several runs may share build/ (meson test)
    mkiso.make_suite_iso(path, entries, paths.TMP)
    return path


class Report:
    """Prints one line per finished job with a [n/N] count; keeps what JUnit needs."""

    def __init__(self, total):
        self.total, self.done = total, 0
        self.lock = threading.Lock()
        self.results = []              # (job, verdict)

    def add(self, job, verdict):
        with self.lock:
            self.done += 1
            self.results.append((job, verdict))
            head = f"[{self.done}/{self.total}]"
            if verdict.skipped:
                print(f"{head} SKIP {job.name}: {verdict.skipped}")
            elif not verdict.reasons:
                print(f"{head} PASS {job.name} ({verdict.seconds:.1f}s)")
            else:
                print(f"{head} FAIL {job.name}: " + "; ".join(verdict.reasons))
                for block in verdict.details:
                    print(block)
            sys.stdout.flush()

    def counts(self):
        skipped = sum(1 for _, v in self.results if v.skipped)
        failed = sum(1 for _, v in self.results if v.reasons)
        return len(self.results) - skipped - failed, failed, skipped


def attempt(job):
    try:
        return job.run()
    except Exception as e:  # a harness error fails this job only
        return suite.Verdict([f"{type(e).__name__}: {e}"])


def junit(path, report, seconds):
    """The results as JUnit XML: one testcase per job, classname by kind."""
    passed, failed, skipped = report.counts()
    root = ET.Element("testsuites", tests=str(len(report.results)), failures=str(failed),
                      skipped=str(skipped), time=f"{seconds:.3f}")
    ts = ET.SubElement(root, "testsuite", name="moat", tests=str(len(report.results)),
                       failures=str(failed), skipped=str(skipped), time=f"{seconds:.3f}")
    for job, v in sorted(report.results, key=lambda r: r[0].name):
        tc = ET.SubElement(ts, "testcase", classname=f"moat.{job.kind}", name=job.name,
                           time=f"{v.seconds:.3f}")
        if v.skipped:
            ET.SubElement(tc, "skipped", message=v.skipped)
        elif v.reasons:
            f = ET.SubElement(tc, "failure", message="; ".join(v.reasons))
            f.text = "\n".join(v.details)
    ET.indent(root)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def summary(report, ref, workers, seconds):
    """The closing lines: the reference, each phase's time, the counts."""
    by_kind = {k: sum(v.seconds for j, v in report.results if j.kind == k) for k in suite.KINDS}
    linux = f"boot {ref.boot.seconds:.1f} s" if ref.boot else f"native {by_kind['linux']:.1f} s"
    print(f"reference: {ref.describe()}")
    print(f"time: build {seconds['build']:.1f} s, GRUB ISO {seconds['iso']:.1f} s, reference "
          f"set-up {seconds['ref']:.1f} s, jobs {seconds['jobs']:.1f} s on {workers} workers "
          f"(summed: moat direct {by_kind['direct']:.1f} s, moat GRUB {by_kind['iso']:.1f} s, "
          f"Linux {linux}, unit {by_kind['unit']:.1f} s); total {seconds['total']:.1f} s")
    passed, failed, skipped = report.counts()
    # Repeated here, where a log cut to its last lines still shows them.
    for job, v in sorted(report.results, key=lambda r: r[0].name):
        if v.reasons:
            print(f"failed: {job.name}: " + "; ".join(v.reasons))
    if skipped:
        print(f"{skipped} skipped (the SKIP lines say why)")
    print(f"{passed} passed, {failed} failed", flush=True)


def run(jobs, workers, ref, junit_path=None, build_seconds=0.0):
    """Run jobs; print a line each and the totals; return True if none failed."""
    t0 = time.monotonic()
    seconds = {"build": build_seconds}
    iso = suite_iso(jobs)
    for j in jobs:
        j.iso_image = iso
    seconds["iso"] = time.monotonic() - t0
    report = Report(len(jobs))
    order = sorted(jobs, key=lambda j: suite.KINDS.index(j.kind))   # stable within a kind
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
            t1 = time.monotonic()
            ref.start([j.prog for j in jobs if j.prog], lambda fn: pool.submit(fn))
            t2 = time.monotonic()
            seconds["ref"] = t2 - t1
            futures = {pool.submit(attempt, job): job for job in order}
            try:
                for future in concurrent.futures.as_completed(futures):
                    report.add(futures[future], future.result())
            except KeyboardInterrupt:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
        seconds["jobs"] = time.monotonic() - t2
    finally:
        if iso:
            os.remove(iso)
    os.makedirs(paths.LOGS, exist_ok=True)
    if ref.boot:
        with open(suite.REFERENCE_LOG, "w", encoding="utf-8") as f:
            f.write(ref.boot.log)
    with open(LAST_RUN, "w") as f:
        json.dump({"failed": sorted(j.name for j, v in report.results if v.reasons)}, f)
    seconds["total"] = time.monotonic() - t0 + build_seconds
    if junit_path:
        junit(junit_path, report, seconds["total"])
    summary(report, ref, workers, seconds)
    return report.counts()[1] == 0
