"""Web benchmark: p95 latency of the dashboard and the school pages under 50 concurrent users.

The demo county (``junheng.demo.generate``, both years) is imported into a fresh SQLite store
(``--pg ADMIN_URL``: a scratch PostgreSQL database, dropped afterwards);
the web application runs in its own process (uvicorn, one worker) on a free 127.0.0.1 port;
this process logs in one session per virtual user and sends a bounded number of requests
(default 10,000) from 50 concurrent users, half to ``/`` and half to ``/schools/{id}`` of
random schools. Cold timings (first dashboard, computing the evaluation and the forecast)
are reported apart from the steady-state latencies; by default every school page is opened
once before the timed run (``--cold`` times first visits too). Only loopback is ever contacted, and the
run stops by itself. Target: p95 ≤ 200 ms.

With a closed loop of 50 users, latency ≈ 50 / throughput, so the p95 target needs about
250+ requests per second; the server's CPU milliseconds per request are reported too, since
on a busy shared machine they say more than wall-clock latency.

Baseline, in the same run: a second server on the same store with the page cache off
(``create_app(page_cache_size=0)``: every request renders its page from the cached engine
results), under the same load; the ratios ours / baseline of p95 and of server CPU per
request are printed. ``--no-baseline`` skips it.

The server runs with uvicorn's access log off and ``--http auto`` (httptools when it is
installed, else the pure-Python h11); ``--http h11`` compares the two parsers.

    python -m bench.web [--users 50] [--requests 10000] [--seed 2025] [--cold] [--http auto]
                        [--no-baseline] [--pg postgresql+psycopg://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import random
import re
import socket
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TARGET_P95_MS = 200.0
HOST = "127.0.0.1"
PASSWORD = "bench-password-2025"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@contextmanager
def _scratch_database(folder: Path, pg_admin: str | None) -> Iterator[str]:
    """The URL of an empty store: a SQLite file in ``folder``, or with ``pg_admin`` (the URL
    of an administrative PostgreSQL database) a new database there, dropped afterwards."""
    if not pg_admin:
        yield f"sqlite:///{folder / 'bench.db'}"
        return
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(pg_admin, isolation_level="AUTOCOMMIT")
    name = f"junheng_bench_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(pg_admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _prepare(url: str, seed: int) -> tuple[str, list[str]]:
    """The demo county's years and an admin in the store at ``url``; (county, school ids)."""
    from junheng.demo import generate
    from junheng.store import open_store
    from junheng.web import add_web_user

    years = generate(seed=seed, counties=1, years=2)[0]
    store = open_store(url)
    for data in years:
        store.import_county(data, source="demo", user="bench")
    county = years[-1].county_code
    add_web_user(store, username="bench", password=PASSWORD, role="admin", county_code=county)
    store.close()
    return county, [str(s) for s in years[-1].schools["school_id"]]


def _serve(url: str, folder: str, port: int, http: str = "auto", page_cache: bool = True
           ) -> None:
    """Server process entry: the app under uvicorn on loopback (``page_cache`` off: the
    baseline)."""
    import uvicorn

    from junheng.web import create_app

    app = create_app(url, secret_key="bench-secret-key-0123456789abcdef", data_dir=folder,
                     page_cache_size=1024 if page_cache else 0)
    # Keep-alive longer than the untimed logins take on a busy machine (uvicorn closes idle
    # connections after 5 s by default, racing the first timed request).
    uvicorn.run(app, host=HOST, port=port, log_level="error", access_log=False, http=http,
                timeout_keep_alive=120)


def _http_parser(http: str) -> str:
    """The HTTP parser uvicorn uses for ``http`` ("auto": httptools when importable)."""
    if http != "auto":
        return http
    import importlib.util

    return "httptools" if importlib.util.find_spec("httptools") else "h11"


def _wait_until_up(base: str, timeout: float = 60.0) -> None:
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/login", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise RuntimeError(f"网页服务在 {timeout:.0f} 秒内没有启动")


async def _login(client) -> None:
    async with client.get("/login") as page:
        text = await page.text()
    token = re.search(r'name="csrf-token" content="([^"]+)"', text).group(1)
    async with client.post("/login", allow_redirects=False,
                           data={"username": "bench", "password": PASSWORD,
                                 "csrf_token": token}) as response:
        if response.status != 303:
            raise RuntimeError(f"登录失败：{response.status}")


async def _timed_get(client, path: str) -> tuple[str, float, int]:
    began = time.perf_counter()
    async with client.get(path, allow_redirects=False) as response:
        await response.read()
    return path, (time.perf_counter() - began) * 1000, response.status


def _user_session(base: str):
    """One virtual user: its own cookie jar and one keep-alive connection (aiohttp accepts
    cookies from an IP address only with ``unsafe``)."""
    import aiohttp

    return aiohttp.ClientSession(base_url=base, cookie_jar=aiohttp.CookieJar(unsafe=True),
                                 connector=aiohttp.TCPConnector(limit=1),
                                 timeout=aiohttp.ClientTimeout(total=60))


async def _load(base: str, schools: list[str], users: int, requests: int, seed: int,
                warm: bool, server_pid: int
                ) -> tuple[dict, list[tuple[str, float, int]], float, float, float]:
    """(cold timings, results, seconds, server CPU s, client CPU s) of the timed phase."""
    rng = random.Random(seed)
    plan = ["/" if i % 2 == 0 else f"/schools/{rng.choice(schools)}" for i in range(requests)]
    clients = [_user_session(base) for _ in range(users)]
    try:
        await _login(clients[0])
        cold = {}
        for label, path in (("dashboard_cold_ms", "/"), ("school_cold_ms",
                                                          f"/schools/{schools[0]}")):
            _, cold[label], _ = await _timed_get(clients[0], path)
        if warm:  # steady state: every school page rendered once before the timed run
            for school in schools:
                await _timed_get(clients[0], f"/schools/{school}")
        # The other sessions log in after the cold pages, so no idle keep-alive connection
        # is closed by the server while the first one waits; logins are not timed.
        for client in clients[1:]:
            await _login(client)
        queue: asyncio.Queue[str] = asyncio.Queue()
        for path in plan:
            queue.put_nowait(path)
        results: list[tuple[str, float, int]] = []

        async def user(client) -> None:
            while not queue.empty():
                results.append(await _timed_get(client, queue.get_nowait()))

        server_cpu, client_cpu = _cpu_seconds(server_pid), time.process_time()
        began = time.perf_counter()
        await asyncio.gather(*(user(c) for c in clients))
        seconds = time.perf_counter() - began
        return (cold, results, seconds, _cpu_seconds(server_pid) - server_cpu,
                time.process_time() - client_cpu)
    finally:
        for client in clients:
            await client.close()


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process (Linux /proc), for a load-independent figure."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def _summary(name: str, latencies: list[float]) -> dict:
    return {"route": name, "requests": len(latencies),
            "p50_ms": round(_percentile(latencies, 0.50), 1),
            "p95_ms": round(_percentile(latencies, 0.95), 1),
            "p99_ms": round(_percentile(latencies, 0.99), 1),
            "max_ms": round(max(latencies), 1)}


def _measure(url: str, folder: Path, schools: list[str], *, users: int, requests: int,
             seed: int, warm: bool, http: str, page_cache: bool) -> tuple[dict, list, dict]:
    """One server process under the load: (cold timings, per-route rows, totals)."""
    port = _free_port()
    base = f"http://{HOST}:{port}"
    server = multiprocessing.get_context("spawn").Process(
        target=_serve, args=(url, str(folder), port, http, page_cache), daemon=True)
    server.start()
    try:
        _wait_until_up(base)
        cold, results, seconds, server_cpu, client_cpu = asyncio.run(
            _load(base, schools, users, requests, seed, warm, server.pid))
    finally:
        server.terminate()
        server.join(timeout=10)
    errors = [r for r in results if r[2] != 200]
    dashboard = [ms for path, ms, _ in results if path == "/"]
    school = [ms for path, ms, _ in results if path != "/"]
    totals = {**_summary("all", dashboard + school), "users": users,
              "seconds": round(seconds, 2),
              "requests_per_s": round(len(results) / seconds, 1), "errors": len(errors),
              "server_cpu_ms_per_request": round(server_cpu * 1000 / len(results), 2),
              "client_cpu_s": round(client_cpu, 2)}
    return cold, [_summary("/", dashboard), _summary("/schools/{id}", school)], totals


def run(*, users: int = 50, requests: int = 10_000, seed: int = 2025, warm: bool = True,
        http: str = "auto", baseline: bool = True, pg_admin: str | None = None) -> list[dict]:
    """Benchmark rows: setup and cold timings, then p50/p95/p99/max for ``/``, the school
    pages and all, for the application and (``baseline``) for the same application with the
    page cache off, with the ratios of the two.

    With ``warm`` every school page is opened once before the timed run (steady state);
    without it the first visit of each school is timed too. ``http`` is uvicorn's HTTP
    parser (auto, h11 or httptools). With ``pg_admin`` the store is a scratch PostgreSQL
    database created through that URL (and dropped), else a SQLite file.
    """
    variants = [("ours", True)] + ([("baseline", False)] if baseline else [])
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp, _scratch_database(Path(tmp), pg_admin) as url:
        folder = Path(tmp)
        began = time.perf_counter()
        county, schools = _prepare(url, seed)
        prepare_s = time.perf_counter() - began
        for variant, page_cache in variants:
            cold, routes, totals = _measure(url, folder, schools, users=users,
                                            requests=requests, seed=seed, warm=warm,
                                            http=http, page_cache=page_cache)
            if variant == "ours":
                rows.append({"bench": "web", "what": "setup", "county": county,
                             "store": url.split(":", 1)[0],
                             "schools": len(schools), "prepare_s": round(prepare_s, 2),
                             **{k: round(v, 1) for k, v in cold.items()}})
            rows += [{"bench": "web", "variant": variant, **route} for route in routes]
            rows.append({"bench": "web", "variant": variant, **totals, "warm": warm,
                         "http": _http_parser(http), "target_p95_ms": TARGET_P95_MS,
                         "meets_target": totals["p95_ms"] <= TARGET_P95_MS})
    if baseline:
        ours, base = (next(r for r in rows if r.get("variant") == v and r.get("route") == "all")
                      for v in ("ours", "baseline"))
        rows.append({"bench": "web", "what": "ratio ours/baseline",
                     "p95": round(ours["p95_ms"] / base["p95_ms"], 3),
                     "server_cpu_per_request": round(ours["server_cpu_ms_per_request"]
                                                     / base["server_cpu_ms_per_request"], 3),
                     "requests_per_s": round(ours["requests_per_s"] / base["requests_per_s"],
                                             3)})
    return rows


def main(argv: list[str] | None = None) -> None:
    """Print the rows in Chinese and as JSON lines."""
    parser = argparse.ArgumentParser(description="网页基准：50 个并发用户下概览页和学校页的 p95 延迟。")
    parser.add_argument("--users", type=int, default=50, help="并发用户数（默认 50）。")
    parser.add_argument("--requests", type=int, default=10_000, help="请求总数（默认 10000）。")
    parser.add_argument("--seed", type=int, default=2025, help="演示县区和请求顺序的随机种子。")
    parser.add_argument("--cold", action="store_true",
                        help="不预热：每所学校首次打开也计入（默认先逐校打开一次，测稳定状态）。")
    parser.add_argument("--http", choices=("auto", "h11", "httptools"), default="auto",
                        help="uvicorn 的 HTTP 解析器（默认 auto：装有 httptools 时用它，否则 h11）。")
    parser.add_argument("--no-baseline", action="store_true",
                        help="不运行基线（关闭页面缓存的同一应用）。")
    parser.add_argument("--pg", metavar="ADMIN_URL", default=None,
                        help="改用 PostgreSQL：在该管理库地址所在的服务器上临时建库（结束后删除），"
                             "例如 postgresql+psycopg://postgres@127.0.0.1:5432/test。")
    args = parser.parse_args(argv)
    rows = run(users=args.users, requests=args.requests, seed=args.seed, warm=not args.cold,
               http=args.http, baseline=not args.no_baseline, pg_admin=args.pg)
    setup = rows[0]
    print(f"演示县区 {setup['county']}（{setup['schools']} 所学校，数据库 {setup['store']}），"
          f"准备 {setup['prepare_s']} 秒；"
          f"首次打开概览 {setup['dashboard_cold_ms']} 毫秒（含评估和预测计算），"
          f"首次打开学校页 {setup['school_cold_ms']} 毫秒")
    names = {"ours": "本系统", "baseline": "基线（关闭页面缓存，每次请求重新渲染）"}
    for row in rows[1:]:
        if "route" in row and row["route"] != "all":
            print(f"[{names[row['variant']]}] {row['route']:<14} {row['requests']:>5} 次  "
                  f"p50 {row['p50_ms']:>7} ms  p95 {row['p95_ms']:>7} ms  "
                  f"p99 {row['p99_ms']:>7} ms  最大 {row['max_ms']:>7} ms")
        elif row.get("route") == "all":
            verdict = "达到" if row["meets_target"] else "未达到"
            print(f"[{names[row['variant']]}] {row['users']} 个并发用户，{row['seconds']} 秒，"
                  f"{row['requests_per_s']} 次/秒，错误 {row['errors']} 次；p95 {row['p95_ms']} ms，"
                  f"{verdict}目标 ≤ {TARGET_P95_MS:.0f} ms；服务进程 CPU "
                  f"{row['server_cpu_ms_per_request']} 毫秒/次（HTTP 解析器 {row['http']}），"
                  f"压测端 CPU {row['client_cpu_s']} 秒（两者共用本机 CPU）")
        else:
            print(f"本系统/基线：p95 {row['p95']}，服务进程 CPU/次 {row['server_cpu_per_request']}，"
                  f"吞吐 {row['requests_per_s']}")
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))
    return 0 if all(r.get("errors", 0) == 0 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
