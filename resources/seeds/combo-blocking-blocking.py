# Seed 000 — "python asyncio 사용법" (2023-06-06), httpx and psycopg experiments, §4 httpx + psycopg

async def call_api2_11(message, value=1000, delay=3):
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
