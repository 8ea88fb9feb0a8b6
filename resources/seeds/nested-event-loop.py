# Seed 004 — "TIL40 - FastAPI에서 야매로 공부한 Python async" (BackEnd King KY) and S003 §6.3 (nest_asyncio)
# (The post describes this case in prose and tables; the code below is written in its style
#  from its function names, to show what Coroscope mirrors.)

import nest_asyncio
nest_asyncio.apply()          # lets run_until_complete() run inside a running loop

async def wait(seconds, name):
    await asyncio.sleep(seconds)
    return name

async def task(seconds, name):
    loop = asyncio.get_event_loop()
    # A nested loop: it runs until *its* coroutine is done, and only then returns —
    # so A, ready after 1 s, is stuck under B's nested loop until 2 s.
    return loop.run_until_complete(wait(seconds, name))

async def main():
    await asyncio.gather(task(1, 'A'), task(2, 'B'))
