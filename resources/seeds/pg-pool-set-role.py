# Seed 000 — "python asyncio 사용법" (2023-06-06), httpx and psycopg experiments, §3 — the fix: a pool and a set_role callback

async def set_role(conn: AsyncConnection):
    """공통으로 사용되는 쿼리 (함수 자체를 매개변수로 전달하여 사용)

    callback 으로 사용시 타입 힌트:
        => Callable[[AsyncConnection], Awaitable[None]]
    """
    await conn.execute(SQL("SET ROLE {}").format(Identifier(settings.database_role)))

async def query_test(
    pool: AsyncConnectionPool, set_role: Callable[[AsyncConnection], Awaitable[None]]
):
    async with pool.connection() as conn:
        await set_role(conn)  # common stmt
        async with conn.cursor(row_factory=class_row(Item)) as cur:
            await cur.execute(stmt)  # select item
            return await cur.fetchall()

main()
    pool = AsyncConnectionPool(...)
    asyncio.run( query_test(pool, set_role) )
