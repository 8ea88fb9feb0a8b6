# Seed 000 — "python asyncio 사용법" (2023-06-06), httpx and psycopg experiments, §4 httpx + psycopg
# CASE 2) task1: httpx.sync + psycopg.async, task2: httpx.async + psycopg.sync
async def call_api2_12(message, value=1000, delay=3):
    r1 = await call_api1_nw(value, delay)  # sync GET, 3초
    return await call_api2_db(r1, delay)   # async query, 3초

async def call_api2_21(message, value=1000, delay=3):
    r1 = await call_api2_nw(value, delay)  # async GET, 3초
    return await call_api1_db(r1, delay)   # sync query, 3초

async def test2():
    """9초 소요 = 6초 | 6초 (3초 중첩)"""
    task_1 = asyncio.create_task(call_api2_12("...", 300))
    task_2 = asyncio.create_task(call_api2_21("...", 400))
    price = await task_1
    price = await task_2
