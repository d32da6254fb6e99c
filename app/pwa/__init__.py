"""Installable and offline: the web app manifest, the service worker, the offline page."""
