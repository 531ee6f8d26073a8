"""The district and province office's hub: many kiosks' exports gathered into one verified report.

``kiosk hub import`` checks each export folder (its manifest, the kiosk's signature, the key
pinned for that kiosk) and stores its exact day counts once per kiosk and day
(kiosk.hub.reading, kiosk.hub.store); ``kiosk hub report`` publishes a month for an area by the
kiosk's own disclosure rule (kiosk.hub.report, kiosk.stats.disclosure); ``kiosk hub kiosks``
lists the kiosks and forgets a key. The database is SQLite or PostgreSQL (kiosk.hub.db).
Like the rest of ``kiosk``, nothing here imports a screen.
"""
