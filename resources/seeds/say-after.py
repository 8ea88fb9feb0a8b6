# Seed 002 — "Asyncio - async, await" (foxlee, 2022-07-02) (the asyncio docs' example)

async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)

async def main():                      # variant "sequential": 3 s
    print(f"started at {time.strftime('%X')}")
    await say_after(1, 'hello')
    await say_after(2, 'world')
    print(f"finished at {time.strftime('%X')}")

# The asyncio.create_task() function to run coroutines concurrently as asyncio Tasks.
async def main():                      # variant "tasks": 2 s
    task1 = asyncio.create_task(say_after(1, 'hello'))
    task2 = asyncio.create_task(say_after(2, 'world'))
    print(f"started at {time.strftime('%X')}")
    # Wait until both tasks are completed (should take around 2 seconds.)
    await task1
    await task2
    print(f"finished at {time.strftime('%X')}")
