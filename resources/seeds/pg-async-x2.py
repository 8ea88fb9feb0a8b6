# Seed 000 — "python asyncio 사용법" (2023-06-06), httpx and psycopg experiments, §3 CASE 2 asyncio(psycopg.async + psycopg.async)
# (The post describes this case in prose and tables; the code below is written in its style
#  from its function names, to show what Coroscope mirrors.)

async def call_api2_db(value=1000, delay=3):
    async with await psycopg.AsyncConnection.connect(DATABASE_URL) as aconn:
        cur = await aconn.execute("SELECT pg_sleep(%s)", (delay,))
        return await cur.fetchone()

async def test():
    """3초 소요 (3 & 3)"""
    task_1 = asyncio.create_task(call_api2_db(300))
    task_2 = asyncio.create_task(call_api2_db(400))
    await task_1
    await task_2
