# Seed 003 — "[Python] Python 비동기 asyncio 사용하기" (2023-05-05), §3 GIL
# (The post describes this case in prose and tables; the code below is written in its style
#  from its function names, to show what Coroscope mirrors.)

# The post explains that the GIL lets one thread run Python bytecode at a time, so CPU-bound
# work gains nothing from threads or from asyncio — only I/O waits overlap.

def compute(seconds):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass                                   # pure CPU

async def on_the_loop():                       # mode "loop": N × W, the loop frozen
    for _ in range(4):
        compute(1)

async def on_a_pool():                         # mode "pool": in Python still ~N × W (GIL);
    loop = asyncio.get_running_loop()          # C++ threads really run in parallel
    await asyncio.gather(*(loop.run_in_executor(None, compute, 1) for _ in range(4)))
