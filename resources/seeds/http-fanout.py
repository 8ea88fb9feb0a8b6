# Seed 002 — "Asyncio - async, await" (foxlee, 2022-07-02) (many coroutines as tasks), with httpx limits
# (The post describes this case in prose and tables; the code below is written in its style
#  from its function names, to show what Coroscope mirrors.)

async def main(n=1000, limit=100):
    limits = httpx.Limits(max_connections=limit)      # httpx's default is 100
    async with httpx.AsyncClient(limits=limits, timeout=None) as client:
        tasks = [asyncio.create_task(client.get("http://localhost:8000/?delay=1"))
                 for _ in range(n)]
        await asyncio.gather(*tasks)                  # waves of `limit` requests
