"""Operations: health check, worker heartbeat (proves the task queue round-trips) and the demo loader."""
