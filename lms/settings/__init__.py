"""Settings package: ``base`` holds production-safe defaults; ``dev``, ``test`` and ``production`` adjust."""
