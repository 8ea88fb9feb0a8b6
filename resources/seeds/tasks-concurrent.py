# Seed 003 — "[Python] Python 비동기 asyncio 사용하기" (2023-05-05), §6.1 asyncio.create_task()
# Runnable: coroscope trace -- python3 tasks-concurrent.py  (or the Code tab's "Run the seed's Python").
# D is Coroscope's delay parameter (COROSCOPE_DELAY); the post used 3 s.
import asyncio
import os
import time

D = float(os.environ.get("COROSCOPE_DELAY", "3"))

async def call_api(message, result=1000, delay=D):
    print(message)
    await asyncio.sleep(delay)
    return result

async def main():
    start = time.perf_counter()
    task_1 = asyncio.create_task(call_api('Get stock price of GOOG...', 300))
    task_2 = asyncio.create_task(call_api('Get stock price of APPL...', 300))
    price = await task_1
    print(price)
    price = await task_2
    print(price)
    end = time.perf_counter()
    print(f'It took {round(end-start,0)} second(s) to complete.')

asyncio.run(main())
# It took 3.0 second(s) to complete.
