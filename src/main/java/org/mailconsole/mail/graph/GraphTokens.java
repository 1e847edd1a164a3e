package org.mailconsole.mail.graph;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mailconsole.model.AccountSecrets;
import org.mailconsole.model.GraphClient;
import org.mailconsole.model.FieldLimits;
import org.mailconsole.store.AccountStore;

/**
 * The token cache of Graph accounts, kept as the OAuth 2.0 one is ({@code AccountAccessTokens}): in
 * the account's own sealed access-token column, so every node and the console share it. A token is
 * used until {@link #MARGIN} before it expires; one Graph refused is dropped, so the next send
 * fetches a new one. Saving the account forgets it (the store clears it on every update).
 */
public final class GraphTokens {
    /** A token is renewed this long before it expires (a send may take a while). */
    static final Duration MARGIN = Duration.ofMinutes(5);

    private final AccountStore accounts;
    private final GraphTokenEndpoint endpoint;
    private final Clock clock;
    /** One fetch per account at a time: concurrent workers share the one new token. */
    private final Map<Long, Object> locks = new ConcurrentHashMap<>();

    public GraphTokens(AccountStore accounts, GraphTokenEndpoint endpoint, Clock clock) {
        this.accounts = accounts;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /** The account's current access token: the stored one while fresh, else a new one (stored). */
    public String current(long accountId, GraphClient client) throws GraphAuthException {
        synchronized (lock(accountId)) {
            AccountSecrets stored = accounts.secrets(accountId);
            if (stored.accessToken() != null && stored.accessTokenExpires() != null
                    && clock.instant().plus(MARGIN).isBefore(stored.accessTokenExpires())) {
                return stored.accessToken();
            }
            GraphTokenEndpoint.Token token = endpoint.token(client, accounts.graphSecrets(accountId));
            if (FieldLimits.sealedLength(token.accessToken()) <= FieldLimits.SEALED_TOKEN_COLUMN) {
                accounts.saveTokens(accountId, token.accessToken(), token.expires(), null);
            }
            return token.accessToken();
        }
    }

    /** Graph refused {@code accessToken} (401): forgets it, unless the account already holds another. */
    public void rejected(long accountId, String accessToken) {
        synchronized (lock(accountId)) {
            if (accessToken != null && accessToken.equals(accounts.secrets(accountId).accessToken())) {
                accounts.saveTokens(accountId, null, null, null);
            }
        }
    }

    private Object lock(long accountId) {
        return locks.computeIfAbsent(accountId, id -> new Object());
    }
}
