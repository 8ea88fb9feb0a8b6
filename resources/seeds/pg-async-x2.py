# Seed 000 — "python asyncio 사용법" (2023-06-06), httpx and psycopg experiments, §3 CASE 2 asyncio(psycopg.async + psycopg.async)
# (The post describes this case in prose and tables; the code below is written in its style
#  from its function names, to show what Coroscope mirrors.)
# Runnable: coroscope trace -- python3 pg-async-x2.py  (D: COROSCOPE_DELAY; the post used 3 s)
import asyncio
import os
import sys

import psycopg  # Debian: python3-psycopg

D = float(os.environ.get("COROSCOPE_DELAY", "3"))
DATABASE_URL = os.environ.get("COROSCOPE_PG_DSN") or sys.exit(
    "COROSCOPE_PG_DSN is not set: run this with coroscope trace, which gives it a PostgreSQL")

async def call_api2_db(value=1000, delay=D):
    async with await psycopg.AsyncConnection.connect(DATABASE_URL) as aconn:
        cur = await aconn.execute("SELECT pg_sleep(%s)", (delay,))
        return await cur.fetchone()

async def test():
    """3초 소요 (3 & 3)"""
    task_1 = asyncio.create_task(call_api2_db(300))
    task_2 = asyncio.create_task(call_api2_db(400))
    await task_1
    await task_2

asyncio.run(test())
