# Seed 000 — "python asyncio 사용법" (2023-06-06), httpx and psycopg experiments, §3 test6 — "the connection is closed"

async def gen_aconn(DATABASE_URL: str, db_role: str):
    """접속 후 공통 작업으로 set role 을 실행한다"""
    aconn = await AsyncConnection.connect(DATABASE_URL)  # autocommit=False
    async with aconn:
        # Set role
        await aconn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(db_role)))
        yield aconn

async def call_api3_db(aconn, value=1000, delay=3, tag: str = ""):
    async with aconn.cursor() as acur:
        await acur.execute(sql.SQL("select current_user, session_user"))
        print("users:", await acur.fetchone())
    async with aconn.cursor() as acur:
        await acur.execute(sql.SQL("SELECT pg_sleep({}), {}*2 as value").format(delay, value))
        return (await acur.fetchone())[1]

async def call_api3_3(message, value=1000, delay=3):
    r1 = await call_api2_nw(value, delay)
    aconn = await anext(gen_aconn(DATABASE_URL, "tscraper"))
    r2 = await call_api3_db(aconn, r1, delay, "Part1")  # async part1
    aconn = await anext(gen_aconn(DATABASE_URL, "tscraper"))
    r3 = await call_api3_db(aconn, r2, delay, "Part2")  # async part2
    return r3
# psycopg.OperationalError: the connection is closed
