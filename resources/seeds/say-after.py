# Seed 002 — "Asyncio - async, await" (foxlee, 2022-07-02) (the asyncio docs' example)
# Runnable: coroscope trace -- python3 say-after.py [sequential|tasks]
# The unit U is Coroscope's delay parameter (COROSCOPE_DELAY); the post used 1 s.
import asyncio
import os
import sys
import time

U = float(os.environ.get("COROSCOPE_DELAY", "1"))

async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)

async def main_sequential():           # variant "sequential": 3 s
    print(f"started at {time.strftime('%X')}")
    await say_after(1 * U, 'hello')
    await say_after(2 * U, 'world')
    print(f"finished at {time.strftime('%X')}")

# The asyncio.create_task() function to run coroutines concurrently as asyncio Tasks.
async def main_tasks():                # variant "tasks": 2 s
    task1 = asyncio.create_task(say_after(1 * U, 'hello'))
    task2 = asyncio.create_task(say_after(2 * U, 'world'))
    print(f"started at {time.strftime('%X')}")
    # Wait until both tasks are completed (should take around 2 seconds.)
    await task1
    await task2
    print(f"finished at {time.strftime('%X')}")

variant = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("COROSCOPE_VARIANT", "tasks")
asyncio.run(main_sequential() if variant == "sequential" else main_tasks())
