# Seed 000 — "python asyncio 사용법" (2023-06-06), httpx and psycopg experiments, §2 CASE 1 asyncio(httpx.sync + httpx.sync)
# (The post describes this case in prose and tables; the code below is written in its style
#  from its function names, to show what Coroscope mirrors.)
# Runnable: coroscope trace -- python3 http-blocking-x2.py  (D: COROSCOPE_DELAY; the post used 3 s)
import asyncio
import os

import httpx  # Debian: python3-httpx

D = float(os.environ.get("COROSCOPE_DELAY", "3"))
URL = os.environ.get("COROSCOPE_HTTP_URL", "http://localhost:8000/")  # coroscope trace: its delay server

async def call_api1_nw(value=1000, delay=D):
    r = httpx.get(f"{URL}?delay={delay}&value={value}")   # blocks
    return r.json()["value"]

async def test():
    """6초 소요 (3+3): create_task, but a sync client"""
    task_1 = asyncio.create_task(call_api1_nw(300))
    task_2 = asyncio.create_task(call_api1_nw(400))
    await task_1
    await task_2

asyncio.run(test())
