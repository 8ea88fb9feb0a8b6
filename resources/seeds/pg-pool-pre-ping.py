# Seed 001 — "python asynico" (2023-06-18), SQLAlchemy async engine

Base = declarative_base()
engine = create_async_engine('postgresql+asyncpg://user:pass@server_addr/database', echo=True, pool_pre_ping=True)

async def get_db_session() -> AsyncSession:
    sess = AsyncSession(bind=engine)
    try:
        yield sess
    finally:
        await sess.close()

# pool_pre_ping=True: every checkout first tests the pooled connection ("SELECT 1")
# and replaces it if the server has dropped it in the meantime.
