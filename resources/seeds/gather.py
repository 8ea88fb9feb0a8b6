# Seed 003 — "[Python] Python 비동기 asyncio 사용하기" (2023-05-05), §6.2 asyncio.gather()

async def call_api(message, result, delay=3):
    print(message)
    await asyncio.sleep(delay)
    return result

async def main():
    a, b = await asyncio.gather(
        call_api('Calling API 1 ...', 100, 1),
        call_api('Calling API 2 ...', 200, 2),
    )
    print(a, b)        # results in the order the calls were passed

asyncio.run(main())
