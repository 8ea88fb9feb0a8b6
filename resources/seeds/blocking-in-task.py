# Seed 000 — "python asyncio 사용법" (2023-06-06), httpx and psycopg experiments, §1 test1 and §2 CASE 1
# The tasks are created, but their bodies block the thread (time.sleep, a sync client):
# the event loop cannot switch, so they run one after the other.
# Runnable: coroscope trace -- python3 blocking-in-task.py  (D: COROSCOPE_DELAY; the post used 3 s)
import asyncio
import os
import time

D = float(os.environ.get("COROSCOPE_DELAY", "3"))

def call_api_blocking(message, result=1000, delay=D):
    print(message)
    time.sleep(delay)          # blocks the loop's thread
    return result

async def call_api2(message, result=1000, delay=D):
    return call_api_blocking(message, result, delay)

async def test1():
    """순차적 실행 : 6초 소요 (3+3)"""
    task_1 = asyncio.create_task(call_api2("Get stock price of GOOG...", 300))
    task_2 = asyncio.create_task(call_api2("Get stock price of APPL...", 400))
    price = await task_1
    price = await task_2

asyncio.run(test1())
