# Seed 001 — "python asynico" (2023-06-18), asyncio.as_completed (python 3.7+)
# Runnable: coroscope trace -- python3 as-completed.py  (the unit U: COROSCOPE_DELAY, 1 s in the post;
# the random delays from COROSCOPE_SEED, so a run can be repeated)
import asyncio
import os
import random

U = float(os.environ.get("COROSCOPE_DELAY", "1"))
random.seed(int(os.environ.get("COROSCOPE_SEED", "5")))

async def lazy_greet(msg, delay=1):
    print(f'{msg!r} will be displayed in {delay} seconds.')
    await asyncio.sleep(delay * U)
    return msg.upper()

async def main():
    messages = 'hello world apple banana cherry'.split()
    cos = [lazy_greet(m, random.randrange(1, 5)) for m in messages]
    for f in asyncio.as_completed(cos):
        print(await f)

asyncio.run(main())
