# Seed 003 — "[Python] Python 비동기 asyncio 사용하기" (2023-05-05), §1 WSGI vs ASGI
# (The post describes this case in prose and tables; the code below is written in its style
#  from its function names, to show what Coroscope mirrors.)

# WSGI (gunicorn sync worker, Flask): one request at a time per worker.
@app.route("/")
def delay_wsgi():
    time.sleep(float(request.args["delay"]))
    return {"ok": True}

# ASGI (uvicorn, FastAPI): every request waits concurrently on one loop.
@app.get("/")
async def delay_asgi(delay: float):
    await asyncio.sleep(delay)
    return {"ok": True}

# N clients at once: N × D against the first, D against the second.
