# Seed 003 — "[Python] Python 비동기 asyncio 사용하기" (2023-05-05), §6.3 loop.run_in_executor()
# Runnable: coroscope trace -- python3 offload-to-pool.py  (the unit U: COROSCOPE_DELAY, 1 s in the post)
import asyncio
import os
import time

U = float(os.environ.get("COROSCOPE_DELAY", "1"))

async def sync_time(i):
    loop = asyncio.get_event_loop()
    await loop.run_in_executor(None, time.sleep, i * U)

async def main():
    await asyncio.gather(
        sync_time(1),
        sync_time(2),
        sync_time(3),
    )

start_time = time.time()
asyncio.run(main())
finish_time = time.time()
print(f"total:{finish_time-start_time} sec(s)")
# total:3.0150146484375 sec(s)
