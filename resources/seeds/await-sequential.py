# Seed 003 — "[Python] Python 비동기 asyncio 사용하기" (2023-05-05), §6.1 (first example)
# Runnable: coroscope trace -- python3 await-sequential.py  (or the Code tab's "Run the seed's Python").
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
    price = await call_api('Get stock price of GOOG...', 300)
    print(price)
    price = await call_api('Get stock price of APPL...', 400)
    print(price)
    end = time.perf_counter()
    print(f'It took {round(end-start,0)} second(s) to complete.')

asyncio.run(main())
# It took 6.0 second(s) to complete.
