"""Open Badges 3.0 credentials of our certificates, signed as JWTs (VC-JOSE-COSE) with Ed25519.

- ``keys``: the issuer's Ed25519 key (generated on first use when none is provided) and its public JWK;
- ``jws``: compact JWS signing and verification (EdDSA only), our own code on ``cryptography``;
- ``credential``: a certificate as an ``OpenBadgeCredential`` (VC Data Model 2.0);
- ``status_list``: the revocation and suspension lists (``BitstringStatusListCredential``);
- ``verify``: the checks shown on the public "vérifier un badge" page.
"""
