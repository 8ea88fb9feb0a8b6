# Seed 003 — "[Python] Python 비동기 asyncio 사용하기" (2023-05-05), §6.2 asyncio.gather()
# Runnable: coroscope trace -- python3 gather.py  (D: COROSCOPE_DELAY; the post used 1 s and 2 s)
import asyncio
import os

D = float(os.environ.get("COROSCOPE_DELAY", "1"))

async def call_api(message, result, delay=3):
    print(message)
    await asyncio.sleep(delay)
    return result

async def main():
    a, b = await asyncio.gather(
        call_api('Calling API 1 ...', 100, 1 * D),
        call_api('Calling API 2 ...', 200, 2 * D),
    )
    print(a, b)        # results in the order the calls were passed

asyncio.run(main())
