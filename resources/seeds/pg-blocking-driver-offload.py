# Seed 001 — "python asynico" (2023-06-18), drivers without async support (aioodbc), scoped_session

# oracle, mssql은 따로 지원하는 라이브러리가 없고 아래와 같이 aioodbc사용
async def main():
    dsn = 'Driver={ODBC Driver 17 for SQL Server};Server=server_name;Database=database_name;Uid=username;Pwd=password;'
    conn = await aioodbc.connect(dsn=dsn)      # aioodbc: pyodbc's blocking calls on a thread pool
    async with conn.cursor() as cursor:
        select_query = "SELECT * FROM table_name"
        await cursor.execute(select_query)
        rows = await cursor.fetchall()
    conn.close()

# scoped_session: one Session per thread (thread-local), never shared between threads
session = scoped_session(session_factory=session_maker)
