# Seed 000 — "python asyncio 사용법" (2023-06-06), httpx and psycopg experiments, §4 httpx + psycopg
# CASE 3) httpx.async + psycopg.async
async def call_api2_22(message, value=1000, delay=3):
    r1 = await call_api2_nw(value, delay)  # async GET
    return await call_api2_db(r1, delay)   # async query

async def test2():
    """6초 소요 = 6초 & 6초"""
    task_1 = asyncio.create_task(call_api2_22("...", 300))
    task_2 = asyncio.create_task(call_api2_22("...", 400))
    price = await task_1
    price = await task_2
