"""Run a coroutine without a task of its own while it does not wait.

An ASGI ``send`` of a body chunk returns at once unless the server's transport is paused (the client reads
slower than we write). Stepping the coroutine by hand writes to every open stream in one pass with no task
per viewer; only a send that has to wait is carried on, by callbacks on the future it waits for.
"""

import asyncio
from collections.abc import Callable, Coroutine
from functools import partial


def drive(coro: Coroutine, done: Callable[[BaseException | None], None]) -> bool:
    """Start ``coro``; call ``done(None)`` or ``done(exc)`` when it ends. Returns whether it ended at once."""
    return _step(coro, done, None)


def _step(coro: Coroutine, done, _future) -> bool:
    try:
        waited = coro.send(None)
    except StopIteration:
        done(None)
        return True
    except BaseException as exc:
        done(exc)
        return True
    if waited is None:  # a bare yield (asyncio.sleep(0)): try again on the next turn of the loop
        asyncio.get_running_loop().call_soon(_step, coro, done, None)
    else:
        waited._asyncio_future_blocking = False
        waited.add_done_callback(partial(_step, coro, done))
    return False
