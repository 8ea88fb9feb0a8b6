# Seed 000 — "python asyncio 사용법" (2023-06-06), httpx and psycopg experiments, §3 CASE 3 (실험1 shared session / 실험2 separate sessions)
# (The post describes this case in prose and tables; the code below is written in its style
#  from its function names, to show what Coroscope mirrors.)

async def two_queries_shared(delay=3):               # 실험1: 6 s
    async with await psycopg.AsyncConnection.connect(DATABASE_URL) as aconn:
        await aconn.execute("SELECT pg_sleep(%s)", (delay,))
        await aconn.execute("SELECT pg_sleep(%s)", (delay,))

async def two_queries_separate(delay=3):             # 실험2: 6 s, no difference
    for _ in range(2):
        async with await psycopg.AsyncConnection.connect(DATABASE_URL) as aconn:
            await aconn.execute("SELECT pg_sleep(%s)", (delay,))
