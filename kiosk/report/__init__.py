"""The evaluation: figures computed in the database, 好差评 follow-up cases, their renderings.

Data (``figures``, computed by ``queries``) is kept apart from rendering (``text``, ``csvout``,
``jsonout``, ``html``) so the hall server can show the same sections as live pages.
"""
