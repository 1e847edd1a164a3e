package org.mailconsole.mail.oauth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mailconsole.model.AccountSecrets;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.FieldLimits;
import org.mailconsole.store.AccountStore;

/**
 * The one OAuth 2.0 token cache: each account's access token is kept (sealed) in its own row, found
 * by the account's id. A current token is the stored one while it is fresh, else a new one from the
 * token endpoint, stored with a rotated refresh token. A token the mail server rejected is dropped,
 * so the next connection fetches a new one. Shared by Test Connection, test email and the live session.
 */
public final class AccountAccessTokens {
    private static final System.Logger LOG = System.getLogger(AccountAccessTokens.class.getName());
    private final AccountStore accounts;
    private final OAuth2Tokens endpoint;
    /** One fetch per account at a time: a rotated refresh token is good for one request only. */
    private final Map<Long, Object> locks = new ConcurrentHashMap<>();

    public AccountAccessTokens(AccountStore accounts, OAuth2Tokens endpoint) {
        this.accounts = accounts;
        this.endpoint = endpoint;
    }

    /** The account's current access token (fetched and stored when the stored one is missing or expiring). */
    public OAuth2Tokens.Token current(EmailAccount account, Duration timeout) throws OAuth2Exception {
        synchronized (lock(account.id())) {
            AccountSecrets secrets = accounts.secrets(account.id());
            if (secrets.accessToken() != null && endpoint.fresh(secrets.accessTokenExpires())) {
                return new OAuth2Tokens.Token(secrets.accessToken(), secrets.accessTokenExpires(), null);
            }
            OAuth2Tokens.Token token = endpoint.token(new OAuth2Tokens.Request(account.oauth2().tokenUrl(),
                    account.oauth2().clientId(), secrets.clientSecret(), account.oauth2().scope(),
                    secrets.refreshToken(), timeout));
            // a token too long for its column is used, not kept (an endpoint decides the length, not the admin)
            String access = fits(token.accessToken()) ? token.accessToken() : null;
            String rotated = fits(token.rotatedRefreshToken()) ? token.rotatedRefreshToken() : null;
            if (rotated == null && token.rotatedRefreshToken() != null) {
                LOG.log(System.Logger.Level.WARNING, "the token endpoint of account {0} sent a new refresh token too "
                        + "long to keep ({1} characters); the stored one stays", account.id(),
                        token.rotatedRefreshToken().length());
            }
            accounts.saveTokens(account.id(), access, access == null ? null : token.expires(), rotated);
            return token;
        }
    }

    /** A token for settings not saved yet (Test Connection of a form): fetched, kept nowhere. */
    public OAuth2Tokens.Token unsaved(OAuth2Tokens.Request request) throws OAuth2Exception {
        return endpoint.token(request);
    }

    /**
     * The mail server refused {@code accessToken} (revoked, or rejected before its expiry): forgets it,
     * unless the account already holds another one.
     */
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

    private static boolean fits(String token) {
        return token != null && FieldLimits.sealedLength(token) <= FieldLimits.SEALED_TOKEN_COLUMN;
    }
}
