"""E-mail notifications: the catalogue of every kind, sending in the recipient's language, preferences,
unsubscribe links and the managers' previews. Low in the dependency graph (like ``lms.ops``): domain apps
call it; it imports none of them."""
