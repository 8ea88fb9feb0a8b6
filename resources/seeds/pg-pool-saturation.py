# Pool behaviour (psycopg_pool.AsyncConnectionPool, as in seed 000 §3)
# (The post describes this case in prose and tables; the code below is written in its style
#  from its function names, to show what Coroscope mirrors.)

async def one_query(pool, delay):
    async with pool.connection() as conn:        # waits while all max_size are in use
        await conn.execute("SELECT pg_sleep(%s)", (delay,))

async def main(m=6, p=2, delay=1, timeout=30):
    async with AsyncConnectionPool(DATABASE_URL, min_size=0, max_size=p, timeout=timeout) as pool:
        await asyncio.gather(*(one_query(pool, delay) for _ in range(m)),
                             return_exceptions=True)   # D × ceil(M / P)
