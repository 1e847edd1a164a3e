package org.mailconsole.mail.oauth;

import java.time.Duration;
import org.mailconsole.model.AccountSecrets;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.FieldLimits;
import org.mailconsole.store.AccountStore;

/**
 * A current OAuth 2.0 access token for an account: the stored one while it is fresh, else a new one
 * from the token endpoint, stored (sealed) with a rotated refresh token. Shared by Test Connection,
 * test email and the live session, so they use one token cache.
 */
public final class AccountAccessTokens {
    private static final System.Logger LOG = System.getLogger(AccountAccessTokens.class.getName());
    private final AccountStore accounts;
    private final OAuth2Tokens tokens;

    public AccountAccessTokens(AccountStore accounts, OAuth2Tokens tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    public OAuth2Tokens.Token current(EmailAccount account, AccountSecrets secrets, Duration timeout)
            throws OAuth2Exception {
        if (secrets.accessToken() != null && tokens.fresh(secrets.accessTokenExpires())) {
            return new OAuth2Tokens.Token(secrets.accessToken(), secrets.accessTokenExpires(), null);
        }
        OAuth2Tokens.Token token = tokens.token(new OAuth2Tokens.Request(String.valueOf(account.id()),
                account.oauth2().tokenUrl(), account.oauth2().clientId(), secrets.clientSecret(),
                account.oauth2().scope(), secrets.refreshToken(), timeout));
        // a token too long for its column is used, not kept (an endpoint decides the length, not the admin)
        String access = fits(token.accessToken()) ? token.accessToken() : null;
        String rotated = fits(token.rotatedRefreshToken()) ? token.rotatedRefreshToken() : null;
        if (rotated == null && token.rotatedRefreshToken() != null) {
            LOG.log(System.Logger.Level.WARNING, "the token endpoint of account {0} sent a new refresh token too long "
                    + "to keep ({1} characters); the stored one stays", account.id(), token.rotatedRefreshToken().length());
        }
        accounts.saveTokens(account.id(), access, access == null ? null : token.expires(), rotated);
        return token;
    }

    private static boolean fits(String token) {
        return token != null && FieldLimits.sealedLength(token) <= FieldLimits.SEALED_TOKEN_COLUMN;
    }
}
