"""The hall server's pages: helpers' phones, the counter, 掌上办 on a resident's phone.

Starlette on uvicorn, Jinja2 templates, plain HTML forms that work without JavaScript; a small
script of our own adds live updates (server-sent events), the chime and vibration. Nothing is
loaded from outside the hall. No Qt, no SQL: every read and write is a ``kiosk.api`` call.
"""
