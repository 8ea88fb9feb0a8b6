# Seed 003 — "[Python] Python 비동기 asyncio 사용하기" (2023-05-05), §6.2 asyncio.gather(..., return_exceptions=True)
# Runnable: coroscope trace -- python3 gather-exceptions.py [values|fail-fast]
# D: COROSCOPE_DELAY (the post used 1 s and 2 s).
import asyncio
import os
import sys

D = float(os.environ.get("COROSCOPE_DELAY", "1"))
MODE = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("COROSCOPE_MODE", "values")

class APIError(Exception):
    def __init__(self, message):
        self._message = message
    def __str__(self):
        return self._message

async def call_api(message, result, delay=3):
    print(message)
    await asyncio.sleep(delay)
    return result

async def call_api_failed():
    await asyncio.sleep(1 * D)
    raise APIError('API failed')

async def main():
    a, b, c = await asyncio.gather(
        call_api('Calling API 1 ...', 100, 1 * D),
        call_api('Calling API 2 ...', 200, 2 * D),
        call_api_failed(),
        return_exceptions=(MODE == "values")      # mode "values"; False is mode "fail-fast"
    )
    print(a, b, c)

asyncio.run(main())
# 100 200 API failed
