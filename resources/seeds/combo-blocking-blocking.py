# Seed 000 — "python asyncio 사용법" (2023-06-06), httpx and psycopg experiments, §4 httpx + psycopg
# Runnable: coroscope trace -- python3 combo-blocking-blocking.py  (D: COROSCOPE_DELAY; the post used 3 s)
import asyncio
import os
import sys

import httpx  # Debian: python3-httpx
import psycopg  # Debian: python3-psycopg

D = float(os.environ.get("COROSCOPE_DELAY", "3"))
URL = os.environ.get("COROSCOPE_HTTP_URL", "http://localhost:8000/")  # coroscope trace: its delay server
DATABASE_URL = os.environ.get("COROSCOPE_PG_DSN") or sys.exit(
    "COROSCOPE_PG_DSN is not set: run this with coroscope trace, which gives it a PostgreSQL")

# The four calls of the post: 1 = sync (blocks the loop), 2 = async; _nw = HTTP, _db = PostgreSQL.
async def call_api1_nw(value=1000, delay=D):
    r = httpx.get(f"{URL}?delay={delay}&value={value}")   # blocks
    return r.json()["value"]

async def call_api2_nw(value=1000, delay=D):
    async with httpx.AsyncClient() as client:
        r = await client.get(f"{URL}?delay={delay}&value={value}")
        return r.json()["value"]

async def call_api1_db(value=1000, delay=D):
    with psycopg.connect(DATABASE_URL) as conn:            # blocks
        return conn.execute("SELECT pg_sleep(%s), %s::int", (delay, value)).fetchone()[1]

async def call_api2_db(value=1000, delay=D):
    async with await psycopg.AsyncConnection.connect(DATABASE_URL) as aconn:
        cur = await aconn.execute("SELECT pg_sleep(%s), %s::int", (delay, value))
        return (await cur.fetchone())[1]

async def call_api2_11(message, value=1000, delay=D):
    """sync httpx + sync psycopg"""
    print(message)
    r1 = await call_api1_nw(value, delay)  # 3초
    r2 = await call_api1_db(r1, delay)  # 3초
    return r2

async def test2():
    """순차적 실행 : 12초 소요 (6+6)"""
    task_1 = asyncio.create_task(call_api2_11("...", 300))
    task_2 = asyncio.create_task(call_api2_11("...", 400))
    price = await task_1  # 6초
    price = await task_2  # 6초

asyncio.run(test2())
