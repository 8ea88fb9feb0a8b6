# Seed 000 — "python asyncio 사용법" (2023-06-06), httpx and psycopg experiments, §4 httpx + psycopg
# CASE 2) task1: httpx.sync + psycopg.async, task2: httpx.async + psycopg.sync
# Runnable: coroscope trace -- python3 combo-mixed.py  (D: COROSCOPE_DELAY; the post used 3 s)
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

async def call_api2_12(message, value=1000, delay=D):
    r1 = await call_api1_nw(value, delay)  # sync GET, 3초
    return await call_api2_db(r1, delay)   # async query, 3초

async def call_api2_21(message, value=1000, delay=D):
    r1 = await call_api2_nw(value, delay)  # async GET, 3초
    return await call_api1_db(r1, delay)   # sync query, 3초

async def test2():
    """9초 소요 = 6초 | 6초 (3초 중첩)"""
    task_1 = asyncio.create_task(call_api2_12("...", 300))
    task_2 = asyncio.create_task(call_api2_21("...", 400))
    price = await task_1
    price = await task_2

asyncio.run(test2())
