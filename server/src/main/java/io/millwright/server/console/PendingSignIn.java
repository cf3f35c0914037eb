package io.millwright.server.console;

import java.io.Serializable;

/** A sign-in under way: what the callback must see again, and where to go afterwards. */
record PendingSignIn(String state, String nonce, String codeVerifier, String returnTo)
    implements Serializable {}
