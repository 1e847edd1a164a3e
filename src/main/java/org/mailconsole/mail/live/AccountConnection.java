package org.mailconsole.mail.live;

import org.mailconsole.mail.connect.ConnectionSettings;
import org.mailconsole.model.GraphClient;

/**
 * One account's connection as the live session uses it. The account is known by its id, never by
 * its settings: two accounts with equal settings keep their own token and transcripts.
 *
 * @param accountId the account the connection belongs to; null when it comes from no stored account
 * @param recorded  whether its connections are recorded (the account's debug logging)
 * @param settings  how to connect; for OAuth 2.0 the secret is filled in per connection; null for a Graph account
 * @param graph     a Microsoft Graph account's settings (it sends over https, not SMTP); null for other accounts
 */
public record AccountConnection(Long accountId, boolean recorded, ConnectionSettings settings, GraphClient graph) {
}
